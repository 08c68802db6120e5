import { expect as baseExpect, type BrowserContext, type Page } from '@playwright/test';

/**
 * Assertions that wait up to 15 s: the machine running the suite is shared and slow at times, and
 * these tests check what a page shows, not how fast (the benchmark measures that).
 */
export const expect = baseExpect.configure({ timeout: 15_000 });

/** The shared run progress in a tab (the contract: role=progressbar labelled by the stage). */
export const progressbar = (page: Page) => page.getByRole('progressbar');

/** Opens `path` in a new tab of the context and waits for its content (not a skeleton). */
export async function openTab(context: BrowserContext, url: string, ready: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.locator(`[data-ready="${ready}"]`)).toBeVisible();
  return page;
}

/** How the tab gets progress: 'leader' holds the EventSource, 'follower' listens on the channel. */
export const transport = (page: Page) => page.locator('header.app-header').getAttribute('data-progress-transport');

/** Uploads files through the Data page's form, as an analyst would. */
export async function uploadFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
  await page.getByLabel('Files', { exact: true }).setInputFiles(
    files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })),
  );
  await page.getByRole('button', { name: 'Import' }).click();
}

export async function postFile(url: string, name: string, text: string): Promise<Response> {
  const form = new FormData();
  form.append('file', new Blob([text], { type: 'text/csv' }), name);
  return fetch(`${url}/api/import`, { method: 'POST', body: form });
}
