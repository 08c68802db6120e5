import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { LISTENER_NAME } from '@/lib/store/postgres/run-changes';
import { testStores } from '../../helpers/stores';

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 20))) {
    if (await check()) return;
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe('run changes in a PostgreSQL store', () => {
  const stores = testStores('postgres');

  it('tells a listener of every committed run-row change from another process, and reconnects when its connection is cut', async () => {
    const store = await stores.fresh();
    const other = stores.reopen();
    const admin = new pg.Client({ connectionString: store.location });
    await admin.connect();
    const listeners = async () =>
      Number(
        (
          await admin.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()',
            [LISTENER_NAME],
          )
        ).rows[0]!.n,
      );
    const changes: string[] = [];
    let reconnects = 0;
    const stop = store.runChanges!.listen({ onChange: (id) => changes.push(id), onReconnect: () => reconnects++ });
    try {
      await until(async () => (await listeners()) === 1, 'the listener to connect');
      const run = { id: 'run-1', key: 'v0:week:h2', dataVersion: 0, params: { period: 'week' as const, horizon: 2 }, origin: 'cli' as const, startedAt: 1_000, pid: 1, host: 'h' };
      await other.runs.start(run);
      await until(() => changes.includes('run-1'), 'the new run to be told');
      await other.runs.end('run-1', { status: 'failed', endedAt: 2_000, error: 'stopped' });
      await until(() => changes.filter((id) => id === 'run-1').length === 2, 'the end to be told');

      // The database drops the listening connection: it comes back and says changes may be missed.
      await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()', [
        LISTENER_NAME,
      ]);
      await until(() => reconnects === 1, 'the listener to reconnect');
      await until(async () => (await listeners()) === 1, 'the listener to listen again');
      // A fenced write of the ended run changes no row and tells nothing; notifications come in
      // commit order, so once run-2's start is told, nothing of run-1 is still on its way.
      await other.runs.end('run-1', { status: 'cancelled', endedAt: 2_500, error: 'late' });
      await other.runs.start({ ...run, id: 'run-2', startedAt: 3_000 });
      await until(() => changes.includes('run-2'), 'a change after the reconnect to be told');
      expect(changes).toEqual(['run-1', 'run-1', 'run-2']);
    } finally {
      await stop();
      await until(async () => (await listeners()) === 0, 'the listener to close');
      await admin.end();
    }
  });
});
