import { test } from '@playwright/test';
import { expect, openTab } from './support/pages';
import { latestRun, startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  // A small demo, so its first run ends soon after the click.
  stack = await startStack({ empty: true, env: { STOCKCAST_DEMO_ITEMS: '40', STOCKCAST_DEMO_DAYS: '200' } });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

test('Load demo data on an empty store fills every open tab with results, without a reload', async ({ browser }) => {
  const context = await browser.newContext();
  const items = await context.newPage();
  await items.goto(`${stack.url}/items`);
  await expect(items.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  const data = await context.newPage();
  await data.goto(`${stack.url}/data`);
  await expect(data.getByTestId('data-version')).toHaveText('0');
  const overview = await context.newPage();
  await overview.goto(stack.url);
  await expect(overview.getByRole('heading', { name: 'No data yet' })).toBeVisible();

  // From the keyboard: focus the button and press Enter.
  const button = overview.getByRole('button', { name: 'Load demo data' });
  await button.focus();
  await overview.keyboard.press('Enter');

  // The server starts the first run itself; the tabs show it, then its results.
  await expect(overview.locator('[data-ready="overview"]')).toBeVisible({ timeout: 120_000 });
  await expect(overview.locator('.kpi').filter({ hasText: 'Items forecast' }).locator('.kpi-value')).toHaveText('40');
  await expect(items.locator('[data-ready="items"]')).toBeVisible({ timeout: 60_000 });
  await expect(items.getByRole('table').getByRole('row')).not.toHaveCount(0);
  await expect(data.getByTestId('data-version')).toHaveText('1');
  await expect(data.getByRole('row').filter({ hasText: 'demo/sales.csv' })).toBeVisible();
  await expect(data.getByRole('button', { name: 'Load demo data' })).toHaveCount(0);
  expect(await latestRun(stack.url)).toMatchObject({ requestedBy: 'demo', status: 'succeeded' });

  // A fresh tab finds the data there: nothing left to load.
  const again = await openTab(context, stack.url, 'overview');
  await expect(again.getByRole('button', { name: 'Load demo data' })).toHaveCount(0);
  await context.close();
});
