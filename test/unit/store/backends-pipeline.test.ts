import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { createPool, runPipeline, type WorkerPool } from '@/lib/pipeline';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from '../../helpers/postgres';
import { tempDir } from '../../helpers/tmp';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);
const DEMO = { items: 80, days: 400 };

/** `stockcast export` as a user runs it, against the store the environment names. */
async function exportFiles(out: string, env: Record<string, string>): Promise<{ forecasts: Buffer; inventory: Buffer }> {
  await run(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), 'export', '--out', out], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_DATABASE_URL: '', ...env },
  });
  return { forecasts: fs.readFileSync(path.join(out, 'forecasts.csv')), inventory: fs.readFileSync(path.join(out, 'inventory.csv')) };
}

describe('the pipeline on both stores', () => {
  const tmp = tempDir();
  let pool: WorkerPool;
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let sqlite: Store;
  let postgres: Store;

  beforeAll(async () => {
    pool = createPool({ threads: 2 });
    database = await tempDatabase();
    sqlite = openStore(path.join(tmp.dir, 'sqlite'), null);
    postgres = openStore(path.join(tmp.dir, 'postgres'), database.url);
    // The same files, imported through the same path.
    await importFiles(sqlite, demoSources(DEMO).sources);
    await importFiles(postgres, demoSources(DEMO).sources);
  });
  afterAll(async () => {
    await sqlite.close();
    await postgres.close();
    await pool.destroy();
    await database.drop();
    tmp.cleanup();
  });

  it('computes the same results from the same data, answers the next request from the cache, and exports the same bytes', async () => {
    const params = { period: 'week' as const, horizon: 8 };
    const a = await runPipeline({ store: sqlite, params, origin: 'cli', pool });
    const b = await runPipeline({ store: postgres, params, origin: 'cli', pool });
    expect(b.key).toBe(a.key);
    expect(b.items).toBe(DEMO.items);
    expect(b.computed).toBe(DEMO.items);
    expect((await runPipeline({ store: postgres, params, origin: 'cli', pool })).cached).toBe(true);

    const setA = (await sqlite.runs.latestCompleted())!.resultSet!;
    const setB = (await postgres.runs.latestCompleted())!.resultSet!;
    expect(await postgres.results.countByStatus(setB)).toEqual(await sqlite.results.countByStatus(setA));
    expect(await postgres.reads.itemTable(setB)).toEqual(await sqlite.reads.itemTable(setA));
    // The dashboard's sums, to the last digit.
    const groups = async (store: Store, set: number) => (await store.reads.healthGroups(set)).sort((x, y) => `${x.status}${x.abc}`.localeCompare(`${y.status}${y.abc}`));
    expect(await groups(postgres, setB)).toEqual(await groups(sqlite, setA));
    expect(await postgres.reads.resultTotals(setB)).toEqual(await sqlite.reads.resultTotals(setA));
    expect(await postgres.reads.atRisk(setB, 20)).toEqual(await sqlite.reads.atRisk(setA, 20));
    expect(await postgres.reads.errorPairs(setB)).toEqual(await sqlite.reads.errorPairs(setA));
    // Each completed run's snapshot was committed with its completion, the same on both stores.
    const snapshotsOf = async (store: Store) => (await store.snapshots.list('week')).map((s) => [s.count, s.horizon, s.startPeriod, [...s.final]]);
    expect((await sqlite.snapshots.list('week')).map((s) => s.runId)).toEqual([a.runId]);
    expect((await postgres.snapshots.list('week')).map((s) => s.runId)).toEqual([b.runId]);
    expect(await snapshotsOf(postgres)).toEqual(await snapshotsOf(sqlite));

    const fromSqlite = await exportFiles(path.join(tmp.dir, 'out-sqlite'), { STOCKCAST_DATA_DIR: sqlite.dir });
    const fromPostgres = await exportFiles(path.join(tmp.dir, 'out-postgres'), { STOCKCAST_DATA_DIR: postgres.dir, STOCKCAST_DATABASE_URL: database.url });
    expect(fromSqlite.inventory.toString().split('\n')).toHaveLength(DEMO.items + 2);
    expect(fromPostgres.forecasts.equals(fromSqlite.forecasts)).toBe(true);
    expect(fromPostgres.inventory.equals(fromSqlite.inventory)).toBe(true);
  });
});
