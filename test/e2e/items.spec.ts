import fs from 'node:fs';
import { test } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { expect, openTab } from './support/pages';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ items: 150, days: 300 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

interface Table {
  id: string[];
  name: string[];
  status: { values: string[]; codes: number[] };
  abc: { values: string[]; codes: number[] };
  onOrder: (number | null)[];
  orderQuantity: (number | null)[];
}

test('search, filters and sort live in the URL; rows link to the item; CSV exports the view', async ({ browser }) => {
  const table = (await (await fetch(`${stack.url}/api/items`)).json()) as Table;
  const label = (col: Table['status'], i: number) => col.values[col.codes[i]!]!;
  const context = await browser.newContext();
  const page = await openTab(context, `${stack.url}/items`, 'items');
  const grid = page.getByRole('table', { name: 'Items' });
  await expect(grid).toBeVisible();

  // Filter by status and class through the controls: the URL holds the view.
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /At risk/ }).click();
  await page.getByRole('button', { name: 'ABC class A' }).click();
  await expect(page).toHaveURL(/status=at_risk/);
  await expect(page).toHaveURL(/abc=A/);
  const expected = table.id.filter((_, i) => label(table.status, i) === 'at_risk' && label(table.abc, i) === 'A');
  await expect(page.getByText(`${expected.length} of ${table.id.length} items`)).toBeVisible();

  // A shared link opens the same view, sorted as it says.
  const shared = await context.newPage();
  await shared.goto(`${stack.url}/items?status=at_risk&abc=A&sort=id&dir=desc`);
  const firstRow = shared.getByRole('table', { name: 'Items' }).getByRole('row').nth(1);
  await expect(firstRow).toContainText([...expected].sort().reverse()[0]!);

  // Search narrows by code or name; clicking a header sorts by that column.
  const target = table.id[7]!;
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Search items').fill(target);
  await expect(page).toHaveURL(new RegExp(`q=${target}`));
  await expect(grid.getByRole('row')).toHaveCount(2);
  // An item with nothing to order because stock is already on its way says so, not just "—".
  const covered = table.id.findIndex((_, i) => !table.orderQuantity[i] && table.onOrder[i]! > 0);
  expect(covered).toBeGreaterThanOrEqual(0);
  await page.getByLabel('Search items').fill(table.id[covered]!);
  await expect(grid.getByRole('row')).toHaveCount(2);
  await expect(grid.getByRole('row').nth(1).getByText('on order', { exact: true })).toHaveAttribute('title', / already on order$/);
  await page.getByLabel('Search items').fill('');
  await page.getByRole('button', { name: /^Item/ }).click();
  await expect(page).toHaveURL(/sort=id&dir=asc/);
  await expect(grid.getByRole('columnheader', { name: /^Item/ })).toHaveAttribute('aria-sort', 'ascending');
  await expect(grid.getByRole('row').nth(1)).toContainText([...table.id].sort()[0]!);

  // Sorting works from the keyboard too.
  await grid.getByRole('button', { name: /^Supply/ }).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/sort=daysOfSupply&dir=asc/);
  await expect(grid.getByRole('columnheader', { name: /^Supply/ })).toHaveAttribute('aria-sort', 'ascending');

  // CSV of the current view.
  await page.getByRole('group', { name: 'Status' }).getByRole('button', { name: /Excess/ }).click();
  const excess = table.id.filter((_, i) => label(table.status, i) === 'excess');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const csv = fs.readFileSync((await download.path())!, 'utf8').trim().split(/\r\n/);
  expect(csv[0]).toMatch(/^item_id,name,category,status,abc,xyz/);
  expect(csv.length - 1).toBe(excess.length);
  expect(csv.slice(1).map((line) => line.split(',')[0]).sort()).toEqual([...excess].sort());

  // A row's link opens the item page.
  const link = grid.getByRole('row').nth(1).getByRole('link');
  const id = (await link.textContent())!;
  await expect(link).toHaveAttribute('href', `/items/${encodeURIComponent(id)}`);
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/items/${encodeURIComponent(id)}$`));
  await expect(page.locator('[data-ready="item"]')).toBeVisible();
  await context.close();
});

test('the item page charts the forecast and the projection, with the leaderboard winner marked', async ({ page }) => {
  const overview = (await (await fetch(`${stack.url}/api/overview`)).json()) as { atRisk: { id: string }[] };
  const id = overview.atRisk[0]!.id;
  await page.goto(`${stack.url}/items/${encodeURIComponent(id)}`);
  await expect(page.getByRole('img', { name: 'Forecast chart' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Inventory projection chart' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Forecast chart' }).locator('path.recharts-curve').first()).toBeVisible();
  const detail = (await (await fetch(`${stack.url}/api/items/${encodeURIComponent(id)}`)).json()) as {
    forecast: { model: string; confidence: string; onHand: number; daysOfSupply: number | null };
  };
  // Days of supply say what rate they are counted at: on hand over them, not the horizon's mean.
  const supply = page.locator('.kpi', { has: page.getByText('Days of supply', { exact: true }) }).locator('.kpi-detail');
  const { onHand, daysOfSupply } = detail.forecast;
  if (daysOfSupply !== null && daysOfSupply > 0 && onHand > 0) {
    await expect(supply).toHaveText(/ per day forecast over them$/);
    const rate = Number((await supply.textContent())!.split(' ')[0]!.replace(/,/g, ''));
    expect(Math.abs(rate - onHand / daysOfSupply)).toBeLessThanOrEqual(0.01 * (onHand / daysOfSupply) + 0.05);
  } else {
    await expect(supply).toHaveText(/ per day forecast over the horizon$/);
  }
  const winner = page.getByRole('row').filter({ has: page.getByText('Winner', { exact: true }) });
  await expect(winner).toHaveCount(1);
  await expect(winner).toContainText(detail.forecast.model);
  // Every column of the tournament, its error and "vs naive" too, lies inside the panel: a long
  // model code such as combo(auto_ets+…) once pushed them past its edge, out of sight.
  const tournament = page.locator('section', { has: page.getByRole('heading', { name: 'Forecast tournament' }) });
  const panel = (await tournament.boundingBox())!;
  const headers = await tournament.getByRole('columnheader').all();
  expect(headers).toHaveLength(5);
  for (const header of headers) {
    const cell = (await header.boundingBox())!;
    expect(cell.x + cell.width).toBeLessThanOrEqual(panel.x + panel.width);
  }
  await expect(page.getByLabel(`Confidence grade ${detail.forecast.confidence}`)).toBeVisible();
  await expect(page.getByText('Lead time')).toBeVisible();
  await expect(page.getByText('Units of measure')).toBeVisible();
});

test('the overview charts inventory health and links the items most at risk', async ({ page }) => {
  await page.goto(stack.url);
  await expect(page.getByRole('img', { name: 'Inventory health chart' })).toBeVisible();
  const risk = page.getByRole('region', { name: 'Items most at risk' });
  await expect(risk.getByRole('table').getByRole('link').first()).toHaveAttribute('href', /^\/items\/[^?]+$/);
});

test('an address that is no page answers 404 inside the app, with the way back to the items', async ({ page }) => {
  expect((await fetch(`${stack.url}/stock-levels`)).status).toBe(404);
  await page.goto(`${stack.url}/stock-levels`);
  await expect(page.getByRole('heading', { name: 'No such page' })).toBeVisible();
  await expect(page).toHaveTitle('No such page · Stockcast');
  await page.getByRole('main').getByRole('link', { name: 'Items' }).click();
  await expect(page).toHaveURL(`${stack.url}/items`);
  await expect(page.locator('[data-ready="items"]')).toBeVisible();
});
