import { test, type BrowserContext, type Page } from '@playwright/test';
import { expect, uploadFiles } from './support/pages';
import { startStack, stockUpdateCsv, type Stack } from './support/stack';

// The page itself may still do everything under the security gate (Content-Security-Policy with a
// script nonce, same-origin and Content-Type checks), with and without STOCKCAST_TOKEN: load the
// demo, upload a file, press Refresh. With a token the browser signs in first.
const TOKEN = 'e2e-token-7f3a9c21b8d4e605';

/** Every Content-Security-Policy complaint (a blocked script, style or request) and page error of the context's tabs. */
function watchViolations(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('page', (page) => {
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) seen.push(m.text());
    });
    page.on('pageerror', (e) => seen.push(`${page.url()}: ${e.message}`));
  });
  return seen;
}

async function latestRun(context: BrowserContext, url: string) {
  const body = (await (await context.request.get(`${url}/api/runs?limit=1`)).json()) as { runs: { requestedBy: string; status: string }[] };
  return body.runs[0];
}

async function demoUploadRefresh(context: BrowserContext, page: Page, url: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  // A click before the page's scripts have run would fall on the server's HTML and do nothing.
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await page.getByRole('button', { name: 'Load demo data' }).click();
  await expect(page.locator('[data-ready="overview"]')).toBeVisible({ timeout: 120_000 });
  await expect.poll(async () => (await latestRun(context, url))?.status, { timeout: 120_000 }).toBe('succeeded');

  await page.goto(`${url}/data`);
  await expect(page.getByTestId('data-version')).toHaveText('1');
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const items = (await (await context.request.get(`${url}/api/items`)).json()) as { id: string[] };
  await uploadFiles(page, [{ name: 'stock.csv', text: stockUpdateCsv(items.id[0]!, 77, '2026-11-01') }]);
  await expect(page.getByRole('status').filter({ hasText: 'Imported as data version 2' })).toBeVisible();

  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect.poll(async () => latestRun(context, url), { timeout: 120_000 }).toMatchObject({ requestedBy: 'refresh', status: 'succeeded' });
}

test.describe('without a token', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    stack = await startStack({ empty: true, env: { STOCKCAST_DEMO_ITEMS: '30', STOCKCAST_DEMO_DAYS: '150' } });
  });
  test.afterAll(async () => {
    await stack?.cleanup();
  });

  test('demo, upload and Refresh work from the page, with no policy violation', async ({ browser }) => {
    const context = await browser.newContext();
    const violations = watchViolations(context);
    const page = await context.newPage();
    const response = await page.goto(stack.url);
    expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    await demoUploadRefresh(context, page, stack.url);
    expect(violations).toEqual([]);
    await context.close();
  });
});

test.describe('with STOCKCAST_TOKEN, on HOST=0.0.0.0', () => {
  let stack: Stack;
  test.beforeAll(async () => {
    // Bound to every interface, as a team server is (reached here through 127.0.0.1).
    stack = await startStack({ empty: true, env: { HOST: '0.0.0.0', STOCKCAST_TOKEN: TOKEN, STOCKCAST_DEMO_ITEMS: '30', STOCKCAST_DEMO_DAYS: '150' } });
  });
  test.afterAll(async () => {
    await stack?.cleanup();
  });

  test('the browser signs in once, then demo, upload and Refresh work from the page', async ({ browser }) => {
    const context = await browser.newContext();
    const violations = watchViolations(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    await expect(page).toHaveURL(`${stack.url}/sign-in?next=%2F`);
    await page.getByLabel('Access token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('That is not this server’s access token.');
    expect(await context.cookies()).toEqual([]);

    await page.getByLabel('Access token').fill(TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(`${stack.url}/`);
    const [cookie] = await context.cookies();
    expect(cookie).toMatchObject({ name: 'stockcast_session', httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(await page.evaluate(() => document.cookie)).toBe('');

    await demoUploadRefresh(context, page, stack.url);

    // Another tab of the same browser is signed in too.
    const other = await context.newPage();
    await other.goto(`${stack.url}/items`);
    await expect(other.locator('[data-ready="items"]')).toBeVisible();
    expect(violations).toEqual([]);
    await context.close();

    // A browser without the session is sent to sign in, and reads nothing.
    const stranger = await browser.newContext();
    const page2 = await stranger.newPage();
    await page2.goto(`${stack.url}/items`);
    await expect(page2).toHaveURL(`${stack.url}/sign-in?next=%2Fitems`);
    expect((await stranger.request.get(`${stack.url}/api/items`)).status()).toBe(401);
    await stranger.close();
  });
});
