import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, readLockHolder, runPipeline, StoreBusyError, type ProgressEvent, type WorkerPool } from '@/lib/pipeline';
import type { Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { demoStore } from './demo-store';
import { sqlite } from '../../helpers/sqlite';

async function rowsOf(store: Store, resultSet: number): Promise<string[]> {
  const rows: string[] = [];
  for await (const r of store.results.iterate(resultSet)) {
    rows.push(JSON.stringify(r, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  }
  return rows;
}

/**
 * Another connection holding SQLite's write lock, as a long import does: it takes the lock the
 * moment the run starts its tournament (before any result is committed), on this same thread, so
 * it can only ever let go if the run waits for it without blocking the event loop.
 */
function lockHolder(file: string) {
  const db = new Database(file);
  db.pragma('busy_timeout = 0');
  let taken = false;
  let held = false;
  return {
    onProgress(event: ProgressEvent) {
      if (event.stage === 'tournament' && !taken) {
        db.exec('BEGIN IMMEDIATE');
        taken = true;
        held = true;
      }
    },
    get held() {
      return held;
    },
    release() {
      if (held) db.exec('COMMIT');
      held = false;
    },
    close() {
      db.close();
    },
  };
}

describe('pipeline writes while another connection holds the store', () => {
  const tmp = tempDir();
  let pool: WorkerPool;
  let store: Store;
  let cleanRows: string[];
  let cleanCounts: Record<string, number>;

  beforeAll(async () => {
    pool = createPool({ threads: 2 });
    store = await demoStore(path.join(tmp.dir, 'data'), { items: 80, days: 400 });
    const clean = await runPipeline({ store, origin: 'cli', pool, force: true });
    cleanRows = await rowsOf(store, (await store.runs.get(clean.runId))!.resultSet!);
    cleanCounts = clean.statusCounts;
  });
  afterAll(async () => {
    store.close();
    await pool.destroy();
    tmp.cleanup();
  });

  it('waits for the lock without holding up the event loop, then commits everything', async () => {
    const holder = lockHolder(store.location);
    try {
      const waits: number[] = [];
      let firstWait!: () => void;
      const waiting = new Promise<void>((resolve) => (firstWait = resolve));
      let settled = false;
      const run = runPipeline({
        store,
        origin: 'server',
        pool,
        force: true,
        chunkSize: 16,
        onProgress: (e) => holder.onProgress(e),
        onStoreWait: ({ waitedMs }) => {
          waits.push(waitedMs);
          firstWait();
        },
      }).finally(() => {
        settled = true;
      });
      await waiting;
      expect(holder.held).toBe(true);
      // This thread keeps running timers while the run retries: with a synchronous busy wait it
      // could not, and the lock could never be released.
      const retriesBefore = waits.length;
      while (waits.length < retriesBefore + 3) await sleep(5);
      expect(settled).toBe(false);
      const [running] = sqlite(store).prepare(`SELECT items_done FROM runs WHERE status = 'running'`).pluck().all();
      expect(running).toBe(0);

      holder.release();
      const summary = await run;
      expect(summary.items).toBe(80);
      expect(summary.computed).toBe(80);
      expect(summary.statusCounts).toEqual(cleanCounts);
      expect((await store.runs.get(summary.runId))).toMatchObject({ status: 'completed', itemsDone: 80 });
      expect(await rowsOf(store, (await store.runs.get(summary.runId))!.resultSet!)).toEqual(cleanRows);
    } finally {
      holder.release();
      holder.close();
    }
  });

  it('gives up after its bound with a message saying so, releases the run lock, and the next run resumes', async () => {
    // Months: no completed run of this key exists, so the next run resumes instead of answering from the cache.
    const params = { period: 'month' as const };
    const holder = lockHolder(store.location);
    let failedRunId = '';
    try {
      const run = runPipeline({
        store,
        origin: 'server',
        pool,
        params,
        storeWaitLimitMs: 200,
        onProgress: (e) => {
          failedRunId = e.runId;
          holder.onProgress(e);
        },
      });
      await expect(run).rejects.toBeInstanceOf(StoreBusyError);
      await expect(run).rejects.toThrow(
        /^the store was locked by another writer for [\d.]+ s \(an import in progress, or another process writing to .*stockcast\.db\), so the pipeline could not save its results and stopped; finished items are kept and the next run resumes them$/,
      );
      expect(holder.held).toBe(true);
      expect(await readLockHolder(store.dir)).toBeNull();
    } finally {
      holder.release();
      holder.close();
    }
    // The failure could not be recorded while the store was locked: the next run marks the row
    // interrupted and continues its result set, which holds nothing.
    const next = await runPipeline({ store, origin: 'cli', pool, params });
    expect(next.resumedFrom).toEqual({ runId: failedRunId, itemsDone: 0 });
    expect((await store.runs.get(failedRunId))).toMatchObject({ status: 'interrupted' });
    const clean = await runPipeline({ store, origin: 'cli', pool, params, force: true });
    expect(await rowsOf(store, (await store.runs.get(next.runId))!.resultSet!)).toEqual(await rowsOf(store, (await store.runs.get(clean.runId))!.resultSet!));
  });
});
