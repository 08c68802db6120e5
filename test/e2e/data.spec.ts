import { test, type Page } from '@playwright/test';
import { startStack, stockUpdateCsv, type Stack } from './support/stack';
import { expect, openTab, uploadFiles } from './support/pages';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ items: 60, days: 200 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

test('a bad file shows its row errors and changes nothing; a good one raises the data version everywhere', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const overview = await openTab(context, stack.url, 'overview');
  const version = Number(await data.getByTestId('data-version').textContent());

  const table = (await (await fetch(`${stack.url}/api/items`)).json()) as { id: string[] };
  const [first, second] = table.id;
  await uploadFiles(data, [
    {
      name: 'bad-stock.csv',
      text: `item_id,on_hand,on_order,as_of\n${first},12,0,2026-11-01\nNO-SUCH-ITEM,5,0,2026-11-01\n${second},lots,0,2026-11-01\n`,
    },
  ]);
  const alert = data.getByRole('alert').filter({ hasText: 'Nothing was imported' });
  await expect(alert).toContainText('Nothing was imported');
  const problems = alert.getByRole('row');
  await expect(problems.filter({ hasText: 'NO-SUCH-ITEM' }).or(problems.filter({ hasText: /unknown item/i }))).toHaveCount(1);
  await expect(problems.filter({ has: data.getByRole('cell', { name: '3', exact: true }) })).toHaveCount(1);
  await expect(problems.filter({ has: data.getByRole('cell', { name: '4', exact: true }) })).toContainText('on_hand');
  await expect(problems.filter({ has: data.getByRole('cell', { name: '4', exact: true }) }).getByRole('cell', { name: second!, exact: true })).toBeVisible();
  await expect(data.getByTestId('data-version')).toHaveText(String(version));

  await uploadFiles(data, [{ name: 'good-stock.csv', text: stockUpdateCsv(first!, 4321, '2026-11-01') }]);
  await expect(data.getByRole('status').filter({ hasText: `Imported as data version ${version + 1}` })).toBeVisible();
  await expect(data.getByTestId('data-version')).toHaveText(String(version + 1));
  await expect(data.getByRole('row').filter({ hasText: 'good-stock.csv' })).toBeVisible();
  // The other tab learns of the new data without a reload: its results are now out of date.
  await expect(overview.locator('[data-results-run]')).toHaveAttribute('data-version', String(version + 1));
  await expect(overview.getByText('Data changed since this run')).toBeVisible();
  await context.close();
});

interface ItemJson {
  item: { baseUom: string };
  forecast: { historyDay: number[]; point: number[]; outlier: { day: number } | null };
}

/** The data version the Data page's last import answered with (the page's own figure may lag it). */
async function importedVersion(data: Page): Promise<number> {
  const status = data.getByRole('status').filter({ hasText: 'Imported as data version' });
  await expect(status).toBeVisible();
  return Number((await status.textContent())!.match(/Imported as data version (\d+)/)![1]);
}

/** The item at position `k` of the items table, as its page's API answers it. */
async function itemAt(k: number): Promise<{ id: string; detail: ItemJson }> {
  const table = (await (await fetch(`${stack.url}/api/items`)).json()) as { id: string[] };
  const id = table.id[k]!;
  return { id, detail: (await (await fetch(`${stack.url}/api/items/${id}`)).json()) as ItemJson };
}

test('a sale whose year was typed a century early: the run leaves it out of its item, names the item, and the item keeps its forecast', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const { id, detail: before } = await itemAt(2);
  await uploadFiles(data, [{ name: 'typed-year.csv', text: `item_id,date,quantity,uom\n${id},1926-03-02,4,${before.item.baseUom}\n` }]);
  await expect(data.getByRole('status').filter({ hasText: 'Imported as data version' })).toBeVisible();
  // The data page shows the date as it came, so the analyst can see where the data begin.
  await expect(data.getByText(/sales from Mar 2, 1926 to/)).toBeVisible();

  const version = await data.getByTestId('data-version').textContent();
  await data.getByRole('button', { name: 'Refresh', exact: true }).click();
  const runs = await openTab(context, `${stack.url}/runs`, 'runs');
  const latest = runs.getByRole('row').filter({ hasText: `v${version}:week` });
  await expect(latest).toContainText('Succeeded', { timeout: 60_000 });
  await expect(latest).toContainText(`Sales before a silence of a year or more left out (a relaunch, or a year typed wrong) for ${id}`);
  await latest.getByRole('link', { name: id }).click();
  await expect(runs).toHaveURL(`${stack.url}/items/${id}`);
  // Its history starts with its sales of the last months, not in 1926, as before the typed sale.
  const { detail: after } = await itemAt(2);
  expect(after.forecast.historyDay.length - before.forecast.historyDay.length).toBeLessThanOrEqual(1);
  expect(after.forecast.historyDay[0]! - before.forecast.historyDay[0]!).toBeGreaterThanOrEqual(-7);
  await expect(runs.getByText(/\d+ weeks from \w+ \d+, 2026/)).toBeVisible();
  await context.close();
});

test('a quantity typed wrong: the run leaves its week out of the item’s forecast, names item, week and demand, and the chart marks it', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const { id, detail: before } = await itemAt(3);
  // A Wednesday of the last whole week, sold a million units: a quantity with digits too many.
  const lastWeek = before.forecast.historyDay.at(-1)!;
  const wednesday = new Date((lastWeek + 2) * 86_400_000).toISOString().slice(0, 10);
  await uploadFiles(data, [{ name: 'typed-quantity.csv', text: `item_id,date,quantity,uom\n${id},${wednesday},1000000,${before.item.baseUom}\n` }]);
  const version = await importedVersion(data);
  await data.getByRole('button', { name: 'Refresh', exact: true }).click();
  const runs = await openTab(context, `${stack.url}/runs`, 'runs');
  const latest = runs.getByRole('row').filter({ hasText: `v${version}:week` });
  await expect(latest).toContainText('Succeeded', { timeout: 60_000 });
  const week = new Date(lastWeek * 86_400_000).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
  await expect(latest).toContainText(
    new RegExp(`A week's demand over 8 times the item's busy weeks and twice any other week left out of its forecast \\(a quantity typed wrong\\? import the corrected sales with “Sales replace what is stored” ticked\\) for ${id} \\(week of ${week}: 1,000,\\d{3}`),
  );
  await latest.getByRole('link', { name: id }).click();
  await expect(runs).toHaveURL(`${stack.url}/items/${id}`);
  await expect(runs.getByText('Set aside: far beyond any other week')).toBeVisible();
  await expect(runs.getByRole('img', { name: 'Forecast chart' })).toHaveAccessibleDescription(
    new RegExp(`the week of ${week}, 1,000,\\d{3}.*set aside as a quantity typed wrong`),
  );
  // Past forecasts are not scored against it either, here and on the overview.
  await expect(runs.getByTestId('accuracy-typed-wrong')).toContainText(`The week of ${week}, 1,000,`);
  await expect(runs.getByTestId('accuracy-typed-wrong')).toContainText('left out of the accuracy figures');
  await runs.goto(stack.url);
  await expect(runs.getByTestId('accuracy-typed-wrong')).toContainText("One item has a week whose demand is over 8 times the item's busy weeks");
  // Forecast as before the typed sale, not at the million it sold that week.
  const { detail: after } = await itemAt(3);
  expect(after.forecast.outlier).toMatchObject({ day: lastWeek });
  const total = (f: ItemJson['forecast']) => f.point.reduce((a, b) => a + b, 0);
  expect(total(after.forecast) / total(before.forecast)).toBeLessThan(1.5);

  // The analyst corrects the day: its sales imported again, replacing the stored ones.
  await data.getByLabel('Sales replace what is stored for their items on the days they hold (a corrected or re-exported extract)').check();
  await uploadFiles(data, [{ name: 'corrected-quantity.csv', text: `item_id,date,quantity,uom\n${id},${wednesday},1,${before.item.baseUom}\n` }]);
  await expect(data.getByRole('status').filter({ hasText: 'Imported as data version' })).toContainText(/Replaced \d+ stored sales rows? on 1 item-day\./);
  const corrected = await importedVersion(data);
  await data.getByRole('button', { name: 'Refresh', exact: true }).click();
  await runs.goto(`${stack.url}/runs`);
  const next = runs.getByRole('row').filter({ hasText: `v${corrected}:week` });
  await expect(next).toContainText('Succeeded', { timeout: 60_000 });
  await expect(next).not.toContainText('a quantity typed wrong');
  expect((await itemAt(3)).detail.forecast.outlier).toBeNull();
  await runs.goto(stack.url);
  await expect(runs.getByTestId('accuracy-across-runs')).toBeVisible();
  await expect(runs.getByTestId('accuracy-typed-wrong')).toHaveCount(0);
  await context.close();
});

test('a sales file that repeats days already stored is imported with a warning that those days now count twice', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const {
    id,
    detail: { item },
  } = await itemAt(1);
  await uploadFiles(data, [{ name: 'sales-again.csv', text: `item_id,date,quantity,uom\n${id},2026-10-30,2,${item.baseUom}\n${id},2026-10-31,3,${item.baseUom}\n` }]);
  await expect(data.getByRole('status').filter({ hasText: 'Imported as data version' })).toBeVisible();
  const warning = data.getByRole('alert').filter({ hasText: 'Some sales fall on days already imported' });
  await expect(warning).toContainText('if a file repeats an earlier extract, those days now count twice');
  await expect(warning).toContainText('sales-again.csv: 2 rows on days their items already had sales for (1 item, Oct 30, 2026 to Oct 31, 2026)');
  await context.close();
});

test('a re-export imported again to replace the days it holds counts them once: the import says how many stored rows it replaced', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const {
    id,
    detail: { item },
  } = await itemAt(4);
  const reExport = { name: 're-export.csv', text: `item_id,date,quantity,uom\n${id},2026-10-29,2,${item.baseUom}\n${id},2026-10-30,3,${item.baseUom}\n` };
  await uploadFiles(data, [reExport]);
  const repeated = data.getByRole('alert').filter({ hasText: 'Some sales fall on days already imported' });
  await expect(repeated).toContainText('To count them once, import it again with “Sales replace what is stored” ticked.');
  const salesRows = async () => ((await (await fetch(`${stack.url}/api/data/sales`)).json()) as { rows: number }).rows;
  const rows = await salesRows();

  await data.getByLabel('Sales replace what is stored for their items on the days they hold (a corrected or re-exported extract)').check();
  await uploadFiles(data, [reExport]);
  const status = data.getByRole('status').filter({ hasText: 'Imported as data version' });
  await expect(status).toContainText('re-export.csv: sales, 2 rows');
  await expect(status).not.toContainText('skipped');
  await expect(status).toContainText(/Replaced \d+ stored sales rows on 2 item-days\./);
  await expect(repeated).toHaveCount(0);
  const replaced = Number((await status.textContent())!.match(/Replaced (\d+)/)![1]);
  expect(await salesRows()).toBe(rows - replaced + 2);
  await context.close();
});

test('a new item whose stock was never recorded is not called a stockout: the overview says so, its page shows its stock as unknown', async ({ browser }) => {
  const context = await browser.newContext();
  const data = await openTab(context, `${stack.url}/data`, 'data');
  const { detail } = await itemAt(0);
  // Eight weeks of sales up to the data's last whole week, 5 a day, and no stock row.
  const lastWeek = detail.forecast.historyDay.at(-1)!;
  const days = Array.from({ length: 63 }, (_, k) => new Date((lastWeek - 56 + k) * 86_400_000).toISOString().slice(0, 10));
  await uploadFiles(data, [
    { name: 'new-item.csv', text: 'item_id,name,category,base_uom,unit_cost,lead_time_days\nNEW-1,New line,Snacks,EA,2,14\n' },
    { name: 'new-item-sales.csv', text: `item_id,date,quantity,uom\n${days.map((d) => `NEW-1,${d},5,EA`).join('\n')}\n` },
  ]);
  const version = await importedVersion(data);
  await data.getByRole('button', { name: 'Refresh', exact: true }).click();
  const runs = await openTab(context, `${stack.url}/runs`, 'runs');
  const latest = runs.getByRole('row').filter({ hasText: `v${version}:week` });
  await expect(latest).toContainText('Succeeded', { timeout: 60_000 });
  await expect(latest).toContainText('1 no stock record');

  await runs.goto(stack.url);
  await expect(runs.getByTestId('no-stock-notice')).toContainText('One item has no stock record: import stock (the inventory file) to judge its health.');
  await runs.getByTestId('no-stock-notice').getByRole('link', { name: 'Show it' }).click();
  await expect(runs).toHaveURL(/\/items\?status=no_stock$/);
  await runs.getByRole('link', { name: 'NEW-1' }).click();
  await expect(runs.getByText('No stock record', { exact: true }).first()).toBeVisible();
  const onHand = runs.locator('.kpi', { has: runs.getByText('On hand', { exact: true }) });
  await expect(onHand.locator('.kpi-value')).toHaveText('Unknown');
  await expect(runs.locator('.kpi', { has: runs.getByText('Suggested order', { exact: true }) }).locator('.kpi-value')).toHaveText('None');
  await context.close();
});
