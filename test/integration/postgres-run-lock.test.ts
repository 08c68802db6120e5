import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from '../helpers/postgres';
import { ROOT } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

/**
 * One pipeline per database, whichever machine asks: two command line runs with data folders of
 * their own (as on two machines, so the lock file cannot see one another) on one PostgreSQL
 * database. The runs are slowed by the test-only chunk delay so the second starts mid-run.
 */
function cli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
  return { child, exited, stderr: () => stderr };
}

async function until<T>(check: () => Promise<T | undefined>, what: string, context: () => string): Promise<T> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${context()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the run lock on a PostgreSQL database', () => {
  const tmp = tempDir();
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let store: Store;

  beforeAll(async () => {
    database = await tempDatabase();
    store = openStore(path.join(tmp.dir, 'here'), database.url);
    await importFiles(store, demoSources({ items: 40, days: 400 }).sources);
  });
  afterAll(async () => {
    await store.close();
    await database.drop();
    tmp.cleanup();
  });

  it('lets one run at a time use the database: a run from another data folder exits 75 naming the holder', async () => {
    const slow = { STOCKCAST_DATABASE_URL: database.url, STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '2500' };
    const first = cli(['run', '--data', path.join(tmp.dir, 'machine-a')], slow);
    const holder = await until(
      async () => {
        const h = await store.runLock!.read();
        const run = h && (await store.runs.get(h.runId));
        return run && run.itemsDone > 0 ? h : undefined;
      },
      'the first run to hold the lock and commit',
      first.stderr,
    );
    expect(holder).toMatchObject({ pid: first.child.pid, host: os.hostname() });

    const second = await cli(['run', '--force', '--data', path.join(tmp.dir, 'machine-b')], { STOCKCAST_DATABASE_URL: database.url }).exited;
    expect(second.code).toBe(75);
    const u = new URL(database.url);
    expect(second.stderr).toBe(
      `another pipeline run is in progress: pid ${first.child.pid} on ${os.hostname()} since ${holder.startedAt} (lock table run_lock in ${u.host}${u.pathname})\n`,
    );

    expect((await first.exited).code).toBe(0);
    expect(await store.runLock!.read()).toBeNull();
    const runs = await store.runs.list();
    expect(runs.map((r) => r.status)).toEqual(['completed']);
  });
});
