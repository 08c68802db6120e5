import { test } from '@playwright/test';
import { failNextRun, latestRun, metric, startStack, stockUpdateCsv, type Stack } from './support/stack';
import { expect, openTab, postFile, progressbar, transport } from './support/pages';

// One Refresh, three tabs on different pages: every tab shows the same run's progress, the
// server runs the pipeline once, and every tab shows the new results without a reload.
let stack: Stack;

test.beforeAll(async () => {
  stack = await startStack({ items: 240, days: 400, chunkDelayMs: 1200 });
});
test.afterAll(async () => {
  await stack?.cleanup();
});

async function changeData(label: number): Promise<number> {
  const overview = (await (await fetch(`${stack.url}/api/overview`)).json()) as { atRisk: { id: string }[] };
  const res = await postFile(stack.url, `stock-${label}.csv`, stockUpdateCsv(overview.atRisk[0]!.id, 5000 + label, '2026-11-01'));
  expect(res.status).toBe(200);
  return ((await res.json()) as { dataVersion: number }).dataVersion;
}

test('Refresh in one tab: all three tabs show progress, one pipeline runs, all update', async ({ browser }) => {
  const version = await changeData(1);
  const before = await latestRun(stack.url);
  const startedBefore = await metric(stack.url, 'stockcast_pipeline_runs_started_total');

  const context = await browser.newContext();
  const overview = await openTab(context, stack.url, 'overview');
  const items = await openTab(context, `${stack.url}/items`, 'items');
  const runs = await openTab(context, `${stack.url}/runs`, 'runs');
  const tabs = [overview, items, runs];
  for (const tab of tabs) await expect(tab.getByText('Data changed since this run').or(tab.locator('[data-ready="runs"]'))).toBeVisible();
  await expect(overview.locator(`[data-results-run="${before!.runId}"]`)).toBeVisible();

  await items.getByRole('button', { name: 'Refresh' }).click();
  for (const tab of tabs) {
    await expect(progressbar(tab)).toBeVisible();
    await expect(progressbar(tab)).toHaveAttribute('aria-valuemax', /\d+/);
    await expect(progressbar(tab)).toHaveAttribute('aria-valuenow', /\d+/);
  }
  const run = await latestRun(stack.url);
  expect(run?.status).toBe('running');
  for (const tab of tabs) await expect(tab.locator(`[data-run-id="${run!.runId}"]`)).toBeVisible();
  // The progress bar is labelled by the stage the server reports.
  for (const tab of tabs) {
    await expect(progressbar(tab)).toHaveAccessibleName(/^(queued|load|convert|bucket|tournament|confidence|inventory|persist)$/i);
  }

  // A second Refresh from another tab joins the same run and says whose run it waits for.
  await runs.getByRole('button', { name: 'Refresh' }).click();
  await expect(runs.getByText(/Waiting for a run started by a Refresh at/)).toBeVisible();
  await expect(overview.getByText(/Run started by a Refresh at/)).toBeVisible();

  // Done: every tab shows the new run's results, no reload.
  for (const tab of tabs) await expect(progressbar(tab)).toBeHidden({ timeout: 60_000 });
  const finished = await latestRun(stack.url);
  expect(finished).toMatchObject({ runId: run!.runId, status: 'succeeded' });
  await expect(overview.locator(`[data-results-run="${run!.runId}"]`)).toBeVisible();
  await expect(overview.locator(`[data-results-run="${run!.runId}"]`)).toHaveAttribute('data-version', String(version));
  await expect(overview.getByText('Data changed since this run')).toBeHidden();
  await expect(items.locator(`[data-results-run="${run!.runId}"]`)).toBeVisible();
  await expect(runs.getByRole('row').filter({ hasText: run!.runId })).toContainText('Succeeded');
  // What the run's member pool decided: the demo's weekly items keep the combination of all four.
  await expect(runs.getByRole('row').filter({ hasText: run!.runId })).toContainText(
    'Regular demand by the combination of ETS, ARIMA, optimised Theta and Theta',
  );

  expect(await metric(stack.url, 'stockcast_pipeline_runs_started_total')).toBe(startedBefore + 1);
  await context.close();
});

test('closing the leader tab mid-run leaves the other tabs with live progress', async ({ browser }) => {
  await changeData(2);
  const context = await browser.newContext();
  const tabs = [
    await openTab(context, stack.url, 'overview'),
    await openTab(context, `${stack.url}/items`, 'items'),
    await openTab(context, `${stack.url}/runs`, 'runs'),
  ];
  // Exactly one tab holds the stream.
  await expect.poll(async () => (await Promise.all(tabs.map(transport))).filter((t) => t === 'leader').length).toBe(1);
  const roles = await Promise.all(tabs.map(transport));
  const leader = tabs[roles.indexOf('leader')]!;
  const others = tabs.filter((t) => t !== leader);

  await others[0]!.getByRole('button', { name: 'Refresh' }).click();
  for (const tab of tabs) await expect(progressbar(tab)).toBeVisible();
  // Wait for the tournament, where done counts up chunk by chunk.
  await expect(progressbar(others[0]!)).toHaveAccessibleName(/tournament|inventory|confidence|persist/i, { timeout: 30_000 });
  const seen = Number(await progressbar(others[1]!).getAttribute('aria-valuenow'));
  await leader.close();

  // A follower takes over the stream, and both keep receiving progress.
  await expect.poll(async () => (await Promise.all(others.map(transport))).filter((t) => t === 'leader').length).toBe(1);
  for (const tab of others) {
    await expect.poll(async () => Number(await progressbar(tab).getAttribute('aria-valuenow')), { timeout: 30_000 }).toBeGreaterThan(seen);
  }
  for (const tab of others) await expect(progressbar(tab)).toBeHidden({ timeout: 60_000 });
  const finished = await latestRun(stack.url);
  expect(finished?.status).toBe('succeeded');
  for (const tab of others) await expect(tab.locator(`[data-results-run="${finished!.runId}"]`).or(tab.getByRole('row').filter({ hasText: finished!.runId }))).toBeVisible();
  await context.close();
});

test('a command-line run against the server\'s data folder shows in an open tab', async ({ browser }) => {
  await changeData(3);
  const context = await browser.newContext();
  const page = await openTab(context, stack.url, 'overview');
  const { spawn } = await import('node:child_process');
  const { ROOT } = await import('../helpers/server');
  const child = spawn(process.execPath, ['bin/stockcast.mjs', 'run', '--data', stack.dir], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '1200', STOCKCAST_WORKERS: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // The run table names it as a command-line run while it works (its stderr says why if not).
  await expect
    .poll(async () => ((run) => `${run?.origin}:${run?.status}`)(await latestRun(stack.url)), {
      timeout: 60_000,
      message: `stockcast run did not start; its stderr:\n${stderr}`,
    })
    .toBe('cli:running');
  await expect(progressbar(page)).toBeVisible();
  await expect(page.getByText(/Run started by command line/)).toBeVisible();
  expect(await exited, stderr).toBe(0);
  await expect(progressbar(page)).toBeHidden({ timeout: 30_000 });
  const finished = await latestRun(stack.url);
  expect(finished).toMatchObject({ status: 'succeeded', origin: 'cli' });
  await expect(page.locator(`[data-results-run="${finished!.runId}"]`)).toBeVisible();
  await context.close();
});

test('a failed run is reported with its message in every tab', async ({ browser }) => {
  await changeData(4);
  failNextRun(stack.dir);
  const context = await browser.newContext();
  const overview = await openTab(context, stack.url, 'overview');
  const runs = await openTab(context, `${stack.url}/runs`, 'runs');
  await overview.getByRole('button', { name: 'Refresh' }).click();
  for (const tab of [overview, runs]) {
    await expect(tab.getByRole('alert').filter({ hasText: 'Run failed' })).toContainText('injected fault', { timeout: 60_000 });
    await expect(progressbar(tab)).toBeHidden();
  }
  const failed = await latestRun(stack.url);
  expect(failed?.status).toBe('failed');
  await expect(runs.getByRole('row').filter({ hasText: failed!.runId })).toContainText('Failed');
  await expect(runs.getByRole('row').filter({ hasText: failed!.runId })).toContainText('injected fault');
  // The failure is dismissed by the analyst, and the next Refresh runs afresh.
  await overview.getByRole('button', { name: 'Dismiss' }).click();
  await expect(overview.getByRole('alert').filter({ hasText: 'Run failed' })).toBeHidden();
  await context.close();
});

test('a browser without Web Locks or BroadcastChannel polls, and still sees the run', async ({ browser }) => {
  await changeData(5);
  const old = await browser.newContext();
  await old.addInitScript(() => {
    delete (Navigator.prototype as unknown as Record<string, unknown>).locks;
    delete (window as unknown as Record<string, unknown>).BroadcastChannel;
  });
  const polling = await openTab(old, `${stack.url}/items`, 'items');
  await expect.poll(() => transport(polling)).toBe('polling');
  const context = await browser.newContext();
  const other = await openTab(context, stack.url, 'overview');
  await other.getByRole('button', { name: 'Refresh' }).click();
  await expect(progressbar(polling)).toBeVisible();
  await expect(progressbar(polling)).toBeHidden({ timeout: 60_000 });
  const finished = await latestRun(stack.url);
  expect(finished?.status).toBe('succeeded');
  await expect(polling.locator(`[data-results-run="${finished!.runId}"]`)).toBeVisible();
  await old.close();
  await context.close();
});
