import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

let server: RunningServer;
const tmp = tempDir();

test.beforeAll(async () => {
  server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
});
test.afterAll(async () => {
  await server?.stop();
  tmp.cleanup();
});

test('home page renders in Chromium', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Stockcast' })).toBeVisible();
  await expect(page.getByText('data version 0')).toBeVisible();
});
