import { test } from '@playwright/test';
import type { WorksheetModel } from '@/lib/actions/worksheet-model';
import { replicateResults } from '../helpers/replicate-results';
import { startStack, type Stack } from './support/stack';
import { expect, openTab } from './support/pages';

// 10,000 items: a real run over 1,000 demo items, its results copied tenfold (a run of 10,000
// would take minutes here; the worksheet only reads results).
let stack: Stack;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  stack = await startStack({ items: 1_000, days: 365, beforeServer: (dir) => replicateResults(dir, 10) });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

test('the worksheet of 10,000 items keeps few rows in the page, scrolls to the last supplier, and takes an edit there', async ({ browser }) => {
  const model = (await (await fetch(`${stack.url}/api/worksheet`)).json()) as WorksheetModel;
  // Lines of the tenth copy are there.
  expect(model.lines.some((l) => l.itemId.endsWith('-9'))).toBe(true);
  expect(model.lines.length).toBeGreaterThan(1_000);
  const last = model.lines.at(-1)!;
  expect(last.supplier).toBe(model.suppliers.at(-1)!.supplier);

  const context = await browser.newContext();
  const page = await openTab(context, `${stack.url}/worksheet`, 'worksheet');
  const table = page.getByRole('table', { name: 'Worksheet lines' });
  await expect(table).toHaveAttribute('aria-rowcount', String(model.lines.length + 1));
  const rows = table.locator('tbody tr[data-item]');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(model.lines.length / 10);

  // To the end: the last supplier's last line is drawn, and still only a window of rows is.
  await page.getByRole('region', { name: 'Worksheet lines, scrollable' }).evaluate((el) => el.scrollTo(0, el.scrollHeight));
  const lastRow = table.locator(`tr[data-item="${last.itemId}"]`);
  await expect(lastRow).toBeVisible();
  await expect(lastRow.locator('td').first()).toHaveText(last.supplier);
  expect(await rows.count()).toBeLessThan(model.lines.length / 10);

  const quantity = page.getByLabel(`Quantity of ${last.itemId}`);
  await quantity.fill(String(last.suggested + 3));
  await quantity.press('Enter');
  await expect(lastRow).toHaveAttribute('data-edited', 'true');
  await expect
    .poll(async () => ((await (await fetch(`${stack.url}/api/worksheet`)).json()) as WorksheetModel).lines.find((l) => l.itemId === last.itemId)?.quantity)
    .toBe(last.suggested + 3);
  await context.close();
});
