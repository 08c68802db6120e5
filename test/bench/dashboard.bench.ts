import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
// Playwright's own browser driver (playwright-core, through the declared @playwright/test).
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
// @ts-expect-error plain ESM script without types
import { ensureBuild } from '../../bin/build.mjs';
import { createPool, runPipeline } from '../../lib/pipeline';
import { startServer, type RunningServer } from '../helpers/server';
import { demoStore } from '../unit/pipeline/demo-store';
import type { BenchContext } from './types';

/**
 * The dashboard from Chromium on a store of 10,000 items (demo data, two years of daily sales,
 * results of a real pipeline run): time to first meaningful render of each page (navigation
 * start → the page's data rendered, `[data-ready]`), cold (first visit after a run: read models
 * built) and warm (median of repeated visits in fresh browser contexts), and the bytes of each
 * page's JSON requests, on the wire and decoded. Then how fast a Refresh in one tab reaches the
 * progress bar of three open tabs (one progress stream per browser, shared over
 * BroadcastChannel). Aims: under 1.5 s and under 500 KB per page; under 1 s to every tab.
 */
const PAGES = [
  { name: '/', url: '/', ready: 'overview' },
  { name: '/items', url: '/items', ready: 'items' },
  { name: '/items/[id]', url: '/items/:id', ready: 'item' },
  { name: '/runs', url: '/runs', ready: 'runs' },
  { name: '/data', url: '/data', ready: 'data' },
] as const;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

interface Visit {
  renderMs: number;
  /** Data on screen and the page hydrated (charts drawn, controls live). */
  interactiveMs: number;
  wireBytes: number;
  jsonBytes: number;
  /** The HTML document, which carries the data of server-rendered pages. */
  htmlBytes: number;
  requests: string[];
}

/**
 * Records, from navigation start, when the element with `data-ready` first appears (data on
 * screen, server-rendered or not) and when the page is also hydrated (`data-hydrated` on <html>).
 */
const READY_PROBE = `(() => {
  const mark = () => {
    if (!window.__readyAt && document.querySelector('[data-ready]')) window.__readyAt = performance.now();
    if (!window.__interactiveAt && window.__readyAt && document.documentElement.dataset.hydrated) window.__interactiveAt = performance.now();
  };
  new MutationObserver(mark).observe(document, { childList: true, subtree: true, attributes: true });
})()`;

async function visit(context: BrowserContext, url: string): Promise<Visit> {
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const result: Visit = { renderMs: 0, interactiveMs: 0, wireBytes: 0, jsonBytes: 0, htmlBytes: 0, requests: [] };
  page.on('response', (response) => {
    const type = response.headers()['content-type'] ?? '';
    if (response.request().isNavigationRequest()) {
      pending.push(response.body().then((body) => void (result.htmlBytes = body.length)).catch(() => {}));
      return;
    }
    if (!type.startsWith('application/json')) return;
    pending.push(
      (async () => {
        const body = await response.body().catch(() => Buffer.alloc(0));
        const sizes = await response.request().sizes();
        result.wireBytes += sizes.responseBodySize;
        result.jsonBytes += body.length;
        result.requests.push(new URL(response.url()).pathname);
      })(),
    );
  });
  await page.addInitScript(READY_PROBE);
  await page.goto(url);
  await page.waitForSelector('[data-ready]', { timeout: 60_000 });
  await page.waitForFunction(() => (window as unknown as { __interactiveAt?: number }).__interactiveAt, undefined, { timeout: 60_000 });
  const marks = await page.evaluate(() => {
    const w = window as unknown as { __readyAt: number; __interactiveAt: number };
    return { ready: w.__readyAt, interactive: w.__interactiveAt };
  });
  result.renderMs = marks.ready;
  result.interactiveMs = marks.interactive;
  await page.waitForLoadState('networkidle').catch(() => {});
  await Promise.all(pending);
  await page.close();
  return result;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

async function progressFanOut(browser: Browser, server: RunningServer, itemId: string, log: (line: string) => void): Promise<void> {
  const form = new FormData();
  form.append('file', new Blob([`item_id,on_hand,on_order,as_of\n${itemId},777,0,2026-11-01\n`], { type: 'text/csv' }), 'bench-stock.csv');
  const imported = await fetch(`${server.url}/api/import`, { method: 'POST', body: form });
  if (imported.status !== 200) throw new Error(`import failed: ${imported.status} ${await imported.text()}`);
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.addInitScript(`(() => {
    new MutationObserver(() => {
      if (!window.__progressAt && document.querySelector('[role="progressbar"]')) window.__progressAt = Date.now();
    }).observe(document, { childList: true, subtree: true });
  })()`);
  const tabs: Page[] = [];
  for (const [url, ready] of [['/', 'overview'], ['/items', 'items'], ['/runs', 'runs']] as const) {
    const page = await context.newPage();
    await page.goto(`${server.url}${url}`);
    await page.waitForSelector(`[data-ready="${ready}"]`, { timeout: 60_000 });
    tabs.push(page);
  }
  // Let leadership settle and the stream connect.
  await tabs[0]!.waitForFunction(() => document.querySelector('header')?.getAttribute('data-progress-transport') !== 'connecting');
  const clickedAt = await tabs[1]!.evaluate(() => {
    const at = Date.now();
    (document.querySelector('button.button-primary') as HTMLButtonElement).click();
    return at;
  });
  const delays: number[] = [];
  for (const tab of tabs) {
    await tab.waitForSelector('[role="progressbar"]', { timeout: 30_000 });
    delays.push((await tab.evaluate(() => (window as unknown as { __progressAt: number }).__progressAt)) - clickedAt);
  }
  log(`progress in every tab after Refresh in one (overview, items, runs): ${delays.map((d) => `${d} ms`).join(', ')}; slowest ${Math.max(...delays)} ms (aim < 1000 ms)`);
  const runs = (await (await fetch(`${server.url}/api/runs?limit=1`)).json()) as { runs: { runId: string }[] };
  await fetch(`${server.url}/api/runs/${runs.runs[0]!.runId}/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
  await context.close();
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  ensureBuild({ quiet: true });
  const items = quick ? 2000 : 10_000;
  const days = 730;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-dashboard-'));
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    const seeded = performance.now();
    const store = await demoStore(dir, { items, days });
    const pool = createPool();
    await runPipeline({ store, origin: 'cli', pool });
    await pool.destroy();
    store.close();
    log(`store: ${items.toLocaleString('en-US')} items × ${days} days of demo sales, imported and run in ${((performance.now() - seeded) / 1000).toFixed(0)} s`);

    server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_LOG_LEVEL: 'error' });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const overview = (await (await fetch(`${server.url}/api/overview`)).json()) as { atRisk: { id: string }[] };
    const itemId = overview.atRisk[0]!.id;
    const repeats = quick ? 3 : 7;

    log('');
    log('              first meaningful render    interactive');
    log('page          cold (first)   warm p50   warm p50   JSON on wire  JSON decoded    HTML  JSON requests');
    for (const p of PAGES) {
      const url = `${server.url}${p.url.replace(':id', encodeURIComponent(itemId))}`;
      const visits: Visit[] = [];
      for (let i = 0; i <= repeats; i++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        visits.push(await visit(context, url));
        await context.close();
      }
      const [cold, ...warm] = visits;
      const last = warm[warm.length - 1]!;
      log(
        `${p.name.padEnd(14)}${`${cold!.renderMs.toFixed(0)} ms`.padStart(12)}  ${`${median(warm.map((v) => v.renderMs)).toFixed(0)} ms`.padStart(9)}` +
          `  ${`${median(warm.map((v) => v.interactiveMs)).toFixed(0)} ms`.padStart(9)}` +
          `   ${kb(last.wireBytes).padStart(11)}  ${kb(last.jsonBytes).padStart(12)}  ${kb(last.htmlBytes).padStart(6)}  ${[...new Set(last.requests)].sort().join(' ') || '(data in the HTML)'}`,
      );
    }
    log('(render: navigation start → data on screen in Chromium; interactive: and hydrated; fresh context each visit;');
    log(' cold: the first visit after the run, read models built; wire: response bodies as sent;');
    log(' HTML: the document, which holds the data of server-rendered pages; scripts and styles not counted)');
    log('');
    await progressFanOut(browser, server, itemId, log);
  } finally {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
