import os from 'node:os';
import type pg from 'pg';
import { RunClaimLostError } from '../claims';
import type { RunLockHolder, StoreRunLock } from '../types';

/** A heartbeat older than this lets another process take the lock over (as the lock file's). */
export const LEASE_SECONDS = 30;

type HolderRow = {
  run_id: string;
  pid: number;
  host: string;
  command: string;
  started_at: Date;
  heartbeat_at: Date;
  run_key: string | null;
};

const toHolder = (row: HolderRow): RunLockHolder => ({
  runId: row.run_id,
  pid: row.pid,
  host: row.host,
  command: row.command,
  startedAt: row.started_at.toISOString(),
  heartbeatAt: row.heartbeat_at.toISOString(),
  key: row.run_key,
});

/** Signal 0 probes a pid on this host: ESRCH = gone; EPERM = alive under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The run lock in the database: at most one pipeline run per database, from any machine. The
 * holder renews its lease with each heartbeat; a lease that lapsed (its process hung, its machine
 * or connection died), or a holder on this host whose process is gone, is taken over. The new
 * holder then marks the old run `interrupted` (runs.start), after which that run can write
 * nothing more: its run id is the fencing token (see ../claims.ts).
 */
export class PgRunLock implements StoreRunLock {
  readonly location: string;

  constructor(
    private readonly pool: pg.Pool,
    private readonly ready: Promise<void>,
    url: string,
  ) {
    const u = new URL(url);
    this.location = `table run_lock in ${u.host}${u.pathname}`;
  }

  async tryAcquire(owner: { runId: string; command: string; key?: string }): Promise<Awaited<ReturnType<StoreRunLock['tryAcquire']>>> {
    await this.ready;
    const values = [owner.runId, process.pid, os.hostname(), owner.command, LEASE_SECONDS, owner.key ?? null];
    const taken = await this.pool.query<HolderRow>(
      `INSERT INTO run_lock (id, run_id, pid, host, command, started_at, heartbeat_at, run_key)
       VALUES (1, $1, $2, $3, $4, now(), now(), $6)
       ON CONFLICT (id) DO UPDATE SET run_id = excluded.run_id, pid = excluded.pid, host = excluded.host,
         command = excluded.command, started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at,
         run_key = excluded.run_key
         WHERE run_lock.heartbeat_at < now() - make_interval(secs => $5)
       RETURNING *`,
      values,
    );
    if (taken.rows[0]) return { lock: this.held(toHolder(taken.rows[0])) };
    const holder = await this.read();
    if (holder && holder.host === os.hostname() && !processAlive(holder.pid)) {
      // Its process is gone: no need to wait for the lease to lapse.
      const forced = await this.pool.query<HolderRow>(
        `UPDATE run_lock SET run_id = $1, pid = $2, host = $3, command = $4, started_at = now(), heartbeat_at = now(), run_key = $6
          WHERE id = 1 AND run_id = $5 RETURNING *`,
        [...values.slice(0, 4), holder.runId, owner.key ?? null],
      );
      if (forced.rows[0]) return { lock: this.held(toHolder(forced.rows[0])) };
    }
    return holder ? { holder } : this.tryAcquire(owner); // released meanwhile: try again
  }

  async read(): Promise<RunLockHolder | null> {
    await this.ready;
    const row = (await this.pool.query<HolderRow>('SELECT * FROM run_lock WHERE id = 1')).rows[0];
    return row ? toHolder(row) : null;
  }

  private held(holder: RunLockHolder) {
    let released = false;
    return {
      holder,
      heartbeat: async () => {
        const renewed = await this.pool.query('UPDATE run_lock SET heartbeat_at = now() WHERE id = 1 AND run_id = $1', [holder.runId]);
        if (renewed.rowCount === 0) throw new RunClaimLostError(holder.runId);
      },
      release: async () => {
        if (released) return;
        released = true;
        await this.pool.query('DELETE FROM run_lock WHERE id = 1 AND run_id = $1', [holder.runId]);
      },
    };
  }
}
