import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
// @ts-expect-error plain ESM script without types
import { ensureBuild } from '../../bin/build.mjs';
import { inboxOutput } from '../../lib/actions/inbox-model';
import { currentWorksheet } from '../../lib/actions/worksheet-model';
import { createPool, runPipeline } from '../../lib/pipeline';
import { runShutdown } from '../../lib/runtime/shutdown';
import { openStore } from '../../lib/store';
import { replicateResults } from '../helpers/replicate-results';
import { startServer } from '../helpers/server';
import { demoStore } from '../unit/pipeline/demo-store';
import type { BenchContext } from './types';

/**
 * The exceptions inbox and the purchase worksheet through a real server: time (the first call, and
 * the median of 5 after it) and JSON payload of GET /api/inbox (the first 500 open rows, and every row), GET
 * /api/worksheet and the XLSX export, at 10,000 and 100,000 items. The results of a real pipeline
 * run over 10,000 demo items (1 year of days) are copied under new item codes up to 100,000 (the
 * pipeline itself at 100,000 items would take most of an hour here; these routes only read results).
 */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The first call (cold: a new run's exceptions are ranked once, then kept) and the median of 5 after it. */
async function measure(url: string, init?: RequestInit): Promise<{ cold: number; ms: number; bytes: number }> {
  const once = async () => {
    const t = performance.now();
    const res = await fetch(url, init);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${body.toString('utf8').slice(0, 200)}`);
    return { ms: performance.now() - t, bytes: body.length };
  };
  const first = await once();
  const runs = [];
  for (let i = 0; i < 5; i++) runs.push(await once());
  return { cold: first.ms, ms: median(runs.map((r) => r.ms)), bytes: runs[0]!.bytes };
}

/**
 * How long the event loop stalls while a new run's first inbox and worksheet are built: the
 * longest delay perf_hooks sees (10 ms resolution) around the call, made in this process on its
 * own store, as a route handler makes it. Work on a worker thread shows as a loop that keeps turning.
 */
async function eventLoopStall(dir: string, build: (store: ReturnType<typeof openStore>) => Promise<unknown>): Promise<{ maxMs: number; ms: number }> {
  const store = openStore(dir);
  try {
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    // The histogram records from its second tick on: let it tick before the work starts.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t = performance.now();
    await build(store);
    const ms = performance.now() - t;
    // One more turn, so that a stall at the very end is recorded too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    delay.disable();
    return { maxMs: delay.max / 1e6, ms };
  } finally {
    await store.close();
  }
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  ensureBuild({ quiet: true });
  const base = quick ? 1_000 : 10_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-actions-'));
  try {
    const store = await demoStore(tmp, { items: base, days: 365 });
    const pool = createPool({ threads: 2 });
    try {
      await runPipeline({ store, origin: 'cli', pool });
    } finally {
      await pool.destroy();
      store.close();
    }
    for (const copies of [1, 10]) {
      if (copies > 1) replicateResults(tmp, copies);
      const server = await startServer({ STOCKCAST_DATA_DIR: tmp, STOCKCAST_LOG_LEVEL: 'error' });
      try {
        const items = base * copies;
        const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
        const line = (name: string, m: { cold: number; ms: number; bytes: number }) =>
          log(`  ${name.padEnd(32)} first ${m.cold.toFixed(0).padStart(5)} ms, then ${m.ms.toFixed(0).padStart(5)} ms  ${mb(m.bytes)}`);
        const open = await measure(`${server.url}/api/inbox`);
        const all = await measure(`${server.url}/api/inbox?state=all&limit=100000`);
        const sheet = await measure(`${server.url}/api/worksheet`);
        const model = (await (await fetch(`${server.url}/api/worksheet`)).json()) as { total: { lines: number } };
        const inbox = (await (await fetch(`${server.url}/api/inbox?limit=1`)).json()) as { counts: { open: number } };
        // The export clears a draft, of which there is none here; it stays repeatable.
        const xlsx = await measure(`${server.url}/api/worksheet/export`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"format":"xlsx"}' });
        log(`${items.toLocaleString('en-US')} items: ${inbox.counts.open.toLocaleString('en-US')} open exceptions, ${model.total.lines.toLocaleString('en-US')} worksheet lines`);
        line('GET /api/inbox (first 500)', open);
        line('GET /api/inbox?state=all', all);
        line('GET /api/worksheet', sheet);
        line('POST /api/worksheet/export xlsx', xlsx);
      } finally {
        await server.stop();
      }
      const today = Math.floor(Date.now() / 86_400_000);
      const inboxStall = await eventLoopStall(tmp, async (store) => (await inboxOutput(store, { state: 'open', limit: 500, offset: 0, today })).build());
      const sheetStall = await eventLoopStall(tmp, async (store) => (await currentWorksheet(store)).json());
      const stall = (name: string, m: { maxMs: number; ms: number }) =>
        log(`  ${name.padEnd(32)} event loop stalled up to ${m.maxMs.toFixed(0).padStart(5)} ms over a ${m.ms.toFixed(0)} ms build`);
      stall('first inbox of a run', inboxStall);
      stall('first worksheet of a run', sheetStall);
      // The actions worker keeps the result set it ranked, which the copies below rewrite.
      await runShutdown('bench');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
