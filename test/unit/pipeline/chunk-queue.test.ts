import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { ChunkFailedError, createPool, runPipeline, type WorkerPool } from '@/lib/pipeline';
import { CHUNK_FAULT_FILE } from '@/lib/pipeline/test-hooks';
import { registry } from '@/lib/metrics/registry';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from '../../helpers/postgres';
import { tempDir } from '../../helpers/tmp';

const ITEMS = 40;

async function counter(name: string): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return metric?.values.reduce((sum, v) => sum + v.value, 0) ?? 0;
}

/** Database mode's queue in one process (the run's own chunk worker): how a failing chunk ends a run. */
describe('chunk jobs on the PostgreSQL queue', () => {
  const tmp = tempDir();
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let store: Store;
  let pool: WorkerPool;
  const hooks = process.env.STOCKCAST_TEST_HOOKS;

  beforeAll(async () => {
    database = await tempDatabase();
    store = openStore(path.join(tmp.dir, 'data'), database.url);
    await importFiles(store, demoSources({ items: ITEMS, days: 400 }).sources);
    pool = createPool({ threads: 2 });
    process.env.STOCKCAST_TEST_HOOKS = '1';
  });
  afterAll(async () => {
    if (hooks === undefined) delete process.env.STOCKCAST_TEST_HOOKS;
    else process.env.STOCKCAST_TEST_HOOKS = hooks;
    await pool.destroy();
    await store.close();
    await database.drop();
    tmp.cleanup();
  });

  it('fails the run for everyone, with the reason, when a chunk fails past its retries; the next run computes it', async () => {
    fs.writeFileSync(path.join(store.dir, CHUNK_FAULT_FILE), '');
    const failedBefore = await counter('stockcast_chunks_failed_total');
    const retriedBefore = await counter('stockcast_chunks_retried_total');
    const failure = await runPipeline({ store, origin: 'cli', pool, chunkSize: 16 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(ChunkFailedError);
    expect((failure as Error).message).toMatch(/^chunk \d failed after 3 tries: injected fault \(test hook\): the chunk failed$/);
    // The first try and two retries of at least that chunk.
    expect((await counter('stockcast_chunks_failed_total')) - failedBefore).toBeGreaterThanOrEqual(3);
    expect((await counter('stockcast_chunks_retried_total')) - retriedBefore).toBeGreaterThanOrEqual(2);

    const [run] = await store.runs.list({ limit: 1 });
    expect(run).toMatchObject({ status: 'failed', error: (failure as Error).message });
    expect(await store.runLock!.read()).toBeNull();
    // The run's chunk inputs are gone: jobs of it still queued find nothing and end.
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM run_chunks')).rows[0].n).toBe(0);
    } finally {
      await client.end();
    }

    fs.unlinkSync(path.join(store.dir, CHUNK_FAULT_FILE));
    const next = await runPipeline({ store, origin: 'cli', pool, chunkSize: 16 });
    expect(next.items).toBe(ITEMS);
    expect(Object.values(next.statusCounts).reduce((a, b) => a + b, 0)).toBe(ITEMS);
    expect((await store.runs.get(next.runId))).toMatchObject({ status: 'completed', itemsDone: ITEMS });
  });
});
