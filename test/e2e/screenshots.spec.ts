import path from 'node:path';
import { test } from '@playwright/test';
import { expect } from './support/pages';
import { ROOT } from '../helpers/server';
import { failNextRun, latestRun, startStack, stockUpdateCsv, type Stack } from './support/stack';
import { postFile } from './support/pages';

// Every page at 1440×900 in both themes, into test-output/screenshots (ignored by git), for a
// designer's eye; the test also checks each page rendered its content in that theme.
let stack: Stack;
const OUT = path.join(ROOT, 'test-output', 'screenshots');

async function refreshAfterChange(n: number): Promise<void> {
  const overview = (await (await fetch(`${stack.url}/api/overview`)).json()) as { atRisk: { id: string }[] };
  await postFile(stack.url, `stock-${n}.csv`, stockUpdateCsv(overview.atRisk[0]!.id, 100 + n, '2026-11-01'));
  const { runId } = (await (await fetch(`${stack.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { runId: string };
  await expect.poll(async () => (await latestRun(stack.url))?.status, { timeout: 120_000 }).not.toMatch(/queued|running/);
  expect((await latestRun(stack.url))?.runId).toBe(runId);
}

test.beforeAll(async () => {
  // Run history worth looking at: the command line's first run, a failed one, a good one.
  stack = await startStack({ items: 400, days: 730, testHooks: true });
  failNextRun(stack.dir);
  await refreshAfterChange(1);
  await refreshAfterChange(2);
});
test.afterAll(async () => {
  await stack?.cleanup();
});

for (const theme of ['light', 'dark'] as const) {
  test(`every page in the ${theme} theme`, async ({ browser }) => {
    const overview = (await (await fetch(`${stack.url}/api/overview`)).json()) as { atRisk: { id: string }[] };
    const item = overview.atRisk[0]!.id;
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: theme });
    const page = await context.newPage();
    const pages = [
      { name: 'overview', url: '/', ready: 'overview' },
      { name: 'items', url: '/items', ready: 'items' },
      { name: 'items-filtered', url: '/items?status=stockout,at_risk&sort=stockoutIn&dir=asc', ready: 'items' },
      { name: 'item', url: `/items/${encodeURIComponent(item)}`, ready: 'item' },
      { name: 'inbox', url: '/inbox', ready: 'inbox' },
      { name: 'worksheet', url: '/worksheet', ready: 'worksheet' },
      { name: 'runs', url: '/runs', ready: 'runs' },
      { name: 'data', url: '/data', ready: 'data' },
    ];
    for (const p of pages) {
      await page.goto(`${stack.url}${p.url}`);
      await expect(page.locator(`[data-ready="${p.ready}"]`)).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      // Charts draw once the page is interactive and has measured its width.
      await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
      for (const chart of await page.getByRole('img').filter({ has: page.locator('.recharts-wrapper') }).all()) {
        await expect(chart.locator('.recharts-rectangle, .recharts-curve').first()).toBeVisible();
      }
      await page.screenshot({ path: path.join(OUT, `${theme}-${p.name}.png`) });
      if (p.name === 'item') await page.screenshot({ path: path.join(OUT, `${theme}-${p.name}-full.png`), fullPage: true });
    }
    await context.close();
  });
}

test('the theme toggle switches and is remembered', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(stack.url);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await context.close();
});
