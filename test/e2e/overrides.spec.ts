import { test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { expect, openTab } from './support/pages';

let stack: Stack;
const ITEM = 'SKU-000001';

test.beforeAll(async () => {
  stack = await startStack({ items: 40, days: 300 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

const reorderPoint = (page: Page) => page.locator('.kpi', { hasText: 'Reorder point' }).locator('.kpi-value');
const panel = (page: Page) => page.getByTestId('override-panel');
/** The chart's legend names the statistical line only while an override changes the forecast. */
const statisticalLine = (page: Page) =>
  page.locator('figure', { has: page.getByRole('img', { name: 'Forecast chart' }) }).getByText('Statistical forecast', { exact: true });

test('set, edit and remove an override: both lines, the reorder point follows, and another tab sees each change without a reload', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await openTab(context, `${stack.url}/items/${ITEM}`, 'item');
  const other = await openTab(context, `${stack.url}/items/${ITEM}`, 'item');
  const before = (await reorderPoint(page).textContent())!;
  await expect(panel(page)).toContainText('No override');
  await expect(statisticalLine(page)).toHaveCount(0);

  // A reason is required: the browser's own check stops the form.
  await page.getByLabel('Your name').fill('Ana');
  await page.getByLabel('Change', { exact: true }).selectOption('quantity');
  await page.getByLabel('Quantity', { exact: true }).fill('5000');
  await page.getByRole('button', { name: 'Add override' }).click();
  await expect(panel(page).getByRole('row')).toHaveCount(0);
  await page.getByLabel('Reason', { exact: true }).fill('trade show');
  await page.getByRole('button', { name: 'Add override' }).click();

  for (const tab of [page, other]) {
    await expect(panel(tab).getByRole('row', { name: /trade show/ })).toContainText('Ana');
    await expect(statisticalLine(tab)).toBeVisible({ timeout: 60_000 });
    await expect(reorderPoint(tab)).not.toHaveText(before, { timeout: 60_000 });
  }
  const raised = (await reorderPoint(page).textContent())!;

  // Edit: a percentage instead.
  await panel(page).getByRole('button', { name: /^Edit override/ }).click();
  await page.getByLabel('Change', { exact: true }).selectOption('percent');
  await page.getByLabel('Percent', { exact: true }).fill('40');
  await page.getByLabel('Reason', { exact: true }).fill('smaller show');
  await page.getByRole('button', { name: 'Save override' }).click();
  for (const tab of [page, other]) {
    await expect(panel(tab).getByRole('row', { name: /smaller show/ })).toContainText('+40%');
    await expect(reorderPoint(tab)).not.toHaveText(raised, { timeout: 60_000 });
  }

  // Remove: the statistical forecast is the forecast again, in both tabs.
  await panel(page).getByRole('button', { name: /^Remove override/ }).click();
  for (const tab of [page, other]) {
    await expect(panel(tab)).toContainText('No override');
    await expect(statisticalLine(tab)).toHaveCount(0, { timeout: 60_000 });
    await expect(reorderPoint(tab)).toHaveText(before, { timeout: 60_000 });
  }

  // Every refresh kept a snapshot: the item page draws the past forecasts, the overview the accuracy panel.
  await expect(page.getByRole('img', { name: 'Past forecasts chart' })).toBeVisible();
  // No new sales since: none of those forecasts can be measured yet, and the panel says so.
  await expect(page.getByText(/^No sales yet for the periods these runs forecast/)).toBeVisible();
  const overview = await openTab(context, `${stack.url}/`, 'overview');
  await expect(overview.getByTestId('accuracy-across-runs')).toContainText(/past runs kept/);
  await context.close();
});

test('with the keyboard alone, in the dark theme', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await openTab(context, `${stack.url}/items/${ITEM}`, 'item');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const before = (await reorderPoint(page).textContent())!;

  await page.getByLabel('Your name').focus();
  await page.keyboard.type('Kim');
  await page.getByLabel('Change', { exact: true }).focus();
  await page.keyboard.press('ArrowDown'); // scale by % → set quantity
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Quantity', { exact: true })).toBeFocused();
  await page.keyboard.type('4000');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Reason', { exact: true })).toBeFocused();
  await page.keyboard.type('new customer');
  await page.keyboard.press('Enter');
  await expect(panel(page).getByRole('row', { name: /new customer/ })).toContainText('Kim');
  await expect(statisticalLine(page)).toBeVisible({ timeout: 60_000 });
  await expect(reorderPoint(page)).not.toHaveText(before, { timeout: 60_000 });

  // Remove it from the keyboard: focus the button, press Enter.
  await panel(page).getByRole('button', { name: /^Remove override/ }).focus();
  await page.keyboard.press('Enter');
  await expect(panel(page)).toContainText('No override');
  await expect(reorderPoint(page)).toHaveText(before, { timeout: 60_000 });
  await context.close();
});
