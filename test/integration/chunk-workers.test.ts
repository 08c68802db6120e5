import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { createPool, runPipeline } from '@/lib/pipeline';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from '../helpers/postgres';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { metricValue, startWorker, type RunningWorker } from '../helpers/worker';

const exec = promisify(execFile);
const DEMO = { items: 96, days: 400 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `stockcast export` as a user runs it, against the store the environment names. */
async function exportFiles(out: string, env: Record<string, string>): Promise<Buffer[]> {
  await exec(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), 'export', '--out', out], { cwd: ROOT, env: { ...process.env, STOCKCAST_DATABASE_URL: '', ...env } });
  return ['forecasts.csv', 'inventory.csv'].map((f) => fs.readFileSync(path.join(out, f)));
}

/**
 * Database mode spread over processes: one server that only coordinates and three real
 * `stockcast worker` processes; one worker is killed with SIGKILL while it holds a chunk. Its
 * chunk's lease runs out, another worker computes it again, and the run completes with every
 * item stored once and the same export as a clean embedded run of the same data.
 */
describe('one server and three chunk workers on one PostgreSQL database', () => {
  const tmp = tempDir();
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let store: Store;
  let embedded: Store;
  let server: RunningServer;
  let workers: RunningWorker[] = [];
  const hooks = { STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_HOLD_MS: '700', STOCKCAST_CHUNK_LEASE_SECONDS: '3' };

  beforeAll(async () => {
    database = await tempDatabase();
    store = openStore(path.join(tmp.dir, 'db'), database.url);
    embedded = openStore(path.join(tmp.dir, 'embedded'), null);
    await importFiles(store, demoSources(DEMO).sources);
    await importFiles(embedded, demoSources(DEMO).sources);
    server = await startServer({ STOCKCAST_DATA_DIR: path.join(tmp.dir, 'server'), STOCKCAST_DATABASE_URL: database.url, STOCKCAST_SERVER_CHUNKS: '0', ...hooks });
    workers = await Promise.all([0, 1, 2].map(() => startWorker(database.url, { ...hooks, STOCKCAST_DATA_DIR: path.join(tmp.dir, 'worker') }, ['--threads', '1', '--chunks', '1'])));
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), ...workers.map((w) => w.stop())]);
    await store.close();
    await embedded.close();
    await database.drop();
    tmp.cleanup();
  });

  it('completes a run whose worker was killed mid-chunk, with every item exactly once and the export of a clean run', async () => {
    const answer = (await (await fetch(`${server.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' })).json()) as { runId: string; status: string };
    expect(answer.status).toBe('started');

    // The first worker holds a chunk (claimed, not yet done): kill it there.
    const [victim, ...survivors] = workers as [RunningWorker, ...RunningWorker[]];
    for (const deadline = Date.now() + 60_000; ; await sleep(25)) {
      if (Date.now() > deadline) throw new Error(`the first worker claimed no chunk:\n${victim.output()}`);
      const claimed = await metricValue(victim.metricsUrl, 'stockcast_chunks_claimed_total');
      if (claimed > 0 && (await metricValue(victim.metricsUrl, 'stockcast_chunks_done_total')) < claimed) break;
    }
    victim.child.kill('SIGKILL');
    await victim.exited;

    let run = await store.runs.get(answer.runId);
    for (const deadline = Date.now() + 120_000; run?.status === 'running'; run = await store.runs.get(answer.runId)) {
      if (Date.now() > deadline) throw new Error('the run did not finish');
      await sleep(100);
    }
    expect(run).toMatchObject({ status: 'completed', itemsTotal: DEMO.items, itemsDone: DEMO.items });

    // Every item once: the stored rows are the catalogue's items, no more.
    const keys = await store.results.storedItemKeys(run!.resultSet!);
    expect(keys).toHaveLength(DEMO.items);
    expect(new Set(keys).size).toBe(DEMO.items);
    const counts = await store.results.countByStatus(run!.resultSet!);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(DEMO.items);
    expect(Object.values((run!.summary as { statusCounts: Record<string, number> }).statusCounts).reduce((a, b) => a + b, 0)).toBe(DEMO.items);

    // The surviving workers did the work, the killed worker's chunk among it, as a retry.
    let done = 0;
    let retried = 0;
    for (const w of survivors) {
      done += await metricValue(w.metricsUrl, 'stockcast_chunks_done_total');
      retried += await metricValue(w.metricsUrl, 'stockcast_chunks_retried_total');
    }
    expect(done).toBeGreaterThan(0);
    expect(retried).toBeGreaterThanOrEqual(1);
    expect(await metricValue(survivors[0]!.metricsUrl, 'stockcast_chunk_queue_depth')).toBe(0);
    // The server only coordinated.
    expect(await metricValue(`${server.url}/api/metrics`, 'stockcast_chunks_claimed_total')).toBe(0);

    // The same bytes as a clean embedded run of the same data.
    const pool = createPool({ threads: 2 });
    try {
      await runPipeline({ store: embedded, origin: 'cli', pool });
    } finally {
      await pool.destroy();
    }
    const clean = await exportFiles(path.join(tmp.dir, 'out-embedded'), { STOCKCAST_DATA_DIR: embedded.dir });
    const spread = await exportFiles(path.join(tmp.dir, 'out-db'), { STOCKCAST_DATA_DIR: store.dir, STOCKCAST_DATABASE_URL: database.url });
    expect(spread[0]!.equals(clean[0]!)).toBe(true);
    expect(spread[1]!.equals(clean[1]!)).toBe(true);
  });

  it('stops a worker on SIGTERM after the chunks in hand, exit 0', async () => {
    expect(await workers[1]!.stop('SIGTERM')).toBe(0);
    expect(workers[1]!.output()).toMatch(/SIGTERM received: finishing the chunks in hand/);
  });
});
