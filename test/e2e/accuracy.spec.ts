import { test, type Page } from '@playwright/test';
import { startStack, type Stack } from './support/stack';
import { expect, openTab, postFile } from './support/pages';

let stack: Stack;

async function waitForRun(url: string, runId: string): Promise<void> {
  await expect
    .poll(async () => ((await (await fetch(`${url}/api/runs/${runId}`)).json()) as { status: string }).status, { timeout: 120_000 })
    .toBe('succeeded');
}

/**
 * A first run's forecasts, then three more weeks of sales for some items and a second run: the
 * first run's forecast periods now have actuals, so accuracy over time has a point to draw.
 */
test.beforeAll(async () => {
  stack = await startStack({ items: 20, days: 300 });
  const { lastDay } = (await (await fetch(`${stack.url}/api/data/sales`)).json()) as { lastDay: number };
  const iso = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
  const lines: string[] = [];
  for (let k = 1; k <= 21; k++) for (const item of ['SKU-000001', 'SKU-000003']) lines.push(`${item},${iso(lastDay + k)},9,EA`);
  const imported = await postFile(stack.url, 'late.csv', `item_id,date,quantity,uom\n${lines.join('\n')}\n`);
  expect(imported.status, await imported.clone().text()).toBeLessThan(300);
  const refresh = await fetch(`${stack.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  await waitForRun(stack.url, ((await refresh.json()) as { runId: string }).runId);
});
test.afterAll(async () => {
  await stack?.cleanup();
});

const chart = (page: Page) => page.getByRole('img', { name: 'Accuracy over time chart' });

for (const theme of ['light', 'dark'] as const) {
  test(`the overview draws accuracy, bias and value added by overrides over time (${theme} theme)`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const page = await openTab(context, `${stack.url}/`, 'overview');
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    const panel = page.getByTestId('accuracy-across-runs');
    await expect(chart(page)).toBeVisible();
    // Lines for the final and statistical error and the bias, drawn through the first run's point.
    await expect(chart(page).locator('.recharts-line')).toHaveCount(3);
    await expect(chart(page).locator('.recharts-line-dots circle').first()).toBeVisible();
    await expect(panel.getByText('Value added by overrides (+ helped)')).toBeVisible();
    // The text alternative carries the latest figures.
    await expect(page.locator('#accuracy-over-time-chart-summary')).toContainText(/past runs? with known sales\. Latest, forecast from .*: error \d/);
    await context.close();
  });
}

test('the item page draws the first run’s forecast against the weeks that have sold since', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await openTab(context, `${stack.url}/items/SKU-000003`, 'item');
  await expect(page.getByRole('img', { name: 'Past forecasts chart' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Past forecasts chart' }).locator('.recharts-line')).toHaveCount(3);
  await expect(page.getByText(/^No sales yet for the periods these runs forecast/)).toHaveCount(0);
  await context.close();
});
