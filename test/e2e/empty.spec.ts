import { test } from '@playwright/test';
import { expect } from './support/pages';
import { startStack, type Stack } from './support/stack';

let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ empty: true });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

test('an empty store offers upload and the demo data, on every page', async ({ page }) => {
  await page.goto(stack.url);
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
  await page.getByRole('link', { name: 'Upload data' }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(page.getByTestId('data-version')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
  await expect(page.getByText('npx stockcast demo')).toBeVisible();
  await page.goto(`${stack.url}/items`);
  await expect(page.getByRole('heading', { name: 'No data yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Load demo data' })).toBeVisible();
  await page.goto(`${stack.url}/runs`);
  await expect(page.getByRole('heading', { name: 'No runs yet' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeVisible();
});
