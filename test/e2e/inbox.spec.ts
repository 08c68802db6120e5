import { test } from '@playwright/test';
import type { InboxModel } from '@/lib/actions/inbox';
import { startStack, type Stack } from './support/stack';
import { expect, openTab } from './support/pages';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ items: 120, days: 400 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

const inbox = async (state = 'open') => (await (await fetch(`${stack.url}/api/inbox?state=${state}`)).json()) as InboxModel;

for (const theme of ['light', 'dark'] as const) {
  test(`the inbox ranks exceptions by money at stake, and a handled mark survives a reload (${theme})`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: theme });
    const overview = await openTab(context, stack.url, 'overview');
    await expect(overview.locator('html')).toHaveAttribute('data-theme', theme);
    const panel = overview.locator('[data-ready="inbox-panel"]');
    await expect(panel.getByRole('heading', { name: 'Needs action' })).toBeVisible();

    const model = await inbox();
    expect(model.rows.length).toBeGreaterThan(1);
    for (let i = 1; i < model.rows.length; i++) expect(model.rows[i - 1]!.stake).toBeGreaterThanOrEqual(model.rows[i]!.stake);
    const top = model.rows[0]!;
    await expect(panel.locator('tbody tr').first()).toHaveAttribute('data-item', top.itemId);

    const page = await openTab(context, `${stack.url}/inbox`, 'inbox');
    const row = page.locator(`tr[data-item="${top.itemId}"][data-kind="${top.kind}"]`);
    await expect(row).toContainText(top.reason);
    await expect(row).toContainText(top.action);
    await page.getByLabel('Marked by').fill(`Robin ${theme}`);
    await page.getByLabel('Marked by').blur();
    await row.getByRole('button', { name: 'Handled' }).click();
    await expect(row).toHaveCount(0);

    await page.reload();
    await expect(page.locator('[data-ready="inbox"]')).toBeVisible();
    await expect(page.locator(`tr[data-item="${top.itemId}"][data-kind="${top.kind}"]`)).toHaveCount(0);
    await page.getByRole('button', { name: /^Handled \(/ }).click();
    const handled = page.locator(`tr[data-item="${top.itemId}"][data-kind="${top.kind}"]`);
    await expect(handled).toContainText(`Handled by Robin ${theme}`);
    await handled.getByRole('button', { name: 'Reopen' }).click();
    await expect(handled).toHaveCount(0);
    expect((await inbox()).rows[0]).toMatchObject({ itemId: top.itemId, kind: top.kind });
    await context.close();
  });
}

test('the service-level policy is edited on the inbox page; a bad level is refused and nothing saved', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await openTab(context, `${stack.url}/inbox`, 'inbox');
  await page.getByRole('button', { name: 'Edit' }).click();
  const ax = page.getByLabel('Service level of class AX, percent');
  await expect(ax).toHaveValue('95');
  await ax.fill('150');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'class AX' })).toContainText('service level of class AX must be a number between 0 and 1');
  expect((await (await fetch(`${stack.url}/api/policy`)).json()).custom).toBe(false);
  await ax.fill('99');
  await page.getByRole('button', { name: 'Save policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const saved = await (await fetch(`${stack.url}/api/policy`)).json();
  expect(saved).toMatchObject({ custom: true, policy: { A: { X: 0.99, Y: 0.95 } } });
  await context.close();
});

test('on a 1,024-pixel screen the inbox shows every mark button inside its panel and no page scrolls sideways; at 800, Refresh stays in sight', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1024, height: 800 } });
  const page = await openTab(context, `${stack.url}/inbox`, 'inbox');
  const panel = (await page.locator('section.panel', { has: page.locator('table.inbox-table') }).boundingBox())!;
  const snooze = (await page.locator('table.inbox-table tbody tr').first().getByRole('button', { name: 'Snooze 7 days' }).boundingBox())!;
  expect(snooze.x + snooze.width).toBeLessThanOrEqual(panel.x + panel.width);
  for (const [path, ready] of [
    ['/inbox', 'inbox'],
    ['/', 'overview'],
    ['/runs', 'runs'],
  ] as const) {
    await page.goto(`${stack.url}${path}`);
    await expect(page.locator(`[data-ready="${ready}"]`)).toBeVisible();
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
    expect(scrollWidth, `${path} scrolls sideways`).toBeLessThanOrEqual(clientWidth);
  }
  // Narrower still (half of a laptop's screen), the tabs scroll and Refresh stays in sight.
  await page.setViewportSize({ width: 800, height: 800 });
  for (const control of [page.getByRole('button', { name: 'Refresh' }), page.getByRole('button', { name: 'Dark theme' })]) {
    const box = (await control.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(800);
  }
  await context.close();
});
