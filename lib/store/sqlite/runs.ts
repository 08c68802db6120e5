import { RunClaimLostError } from '../claims';
import { toRunRecord as toRecord, type RunRow } from '../records';
import type { RunRecord, RunStatus } from '../types';
import type { Db } from './db';

export function insertRun(
  db: Db,
  run: Pick<RunRecord, 'id' | 'key' | 'dataVersion' | 'params' | 'origin' | 'startedAt' | 'pid' | 'host'>,
): void {
  db.prepare(
    `INSERT INTO runs (id, key, data_version, params, origin, status, started_at, pid, host)
     VALUES (?, ?, ?, ?, ?, 'running', ?, ?, ?)`,
  ).run(run.id, run.key, run.dataVersion, JSON.stringify(run.params), run.origin, run.startedAt, run.pid, run.host);
}

/** Points a running run at its key and result set once the data are loaded (fenced: see ../claims.ts). */
export function assignRun(
  db: Db,
  id: string,
  fields: { key: string; dataVersion: number; resultSet: number; itemsTotal: number; itemsDone: number; resumedFrom: string | null },
): void {
  const changed = db
    .prepare(
      `UPDATE runs SET key = ?, data_version = ?, result_set = ?, items_total = ?, items_done = ?, resumed_from = ?
        WHERE id = ? AND status = 'running'`,
    )
    .run(fields.key, fields.dataVersion, fields.resultSet, fields.itemsTotal, fields.itemsDone, fields.resumedFrom, id).changes;
  if (changed === 0) throw new RunClaimLostError(id);
}

/** Counts `inserted` more items done for a running run; throws RunClaimLostError (rolling back its transaction) when it is no longer running. */
export function addRunProgress(db: Db, id: string, inserted: number): void {
  const changed = db.prepare(`UPDATE runs SET items_done = items_done + ? WHERE id = ? AND status = 'running'`).run(inserted, id).changes;
  if (changed === 0) throw new RunClaimLostError(id);
}

/** Records a running run's progress; throws RunClaimLostError (rolling back its transaction) when it is no longer running. */
export function setRunProgress(db: Db, id: string, itemsDone: number): void {
  const changed = db.prepare(`UPDATE runs SET items_done = ? WHERE id = ? AND status = 'running'`).run(itemsDone, id).changes;
  if (changed === 0) throw new RunClaimLostError(id);
}

/** Ends a running run; one that lost its claim keeps the status the new holder gave it. */
export function finishRun(
  db: Db,
  id: string,
  end: { status: Exclude<RunStatus, 'running'>; endedAt: number; error?: string | null; summary?: unknown },
): void {
  db.prepare(`UPDATE runs SET status = ?, ended_at = ?, error = ?, summary = ? WHERE id = ? AND status = 'running'`).run(
    end.status,
    end.endedAt,
    end.error ?? null,
    end.summary === undefined ? null : JSON.stringify(end.summary),
    id,
  );
}

/**
 * Marks runs still `running` as `interrupted`: call only while holding the pipeline lock, when no
 * run can be alive. Returns how many there were.
 */
export function markInterruptedRuns(db: Db, now: number): number {
  return db
    .prepare(
      `UPDATE runs SET status = 'interrupted', ended_at = ?, error = 'the process running it stopped (killed or crashed)'
        WHERE status = 'running'`,
    )
    .run(now).changes;
}

export function getRun(db: Db, id: string): RunRecord | null {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  return row ? toRecord(row) : null;
}

/** Most recent first. */
export function listRuns(db: Db, options: { limit?: number; offset?: number } = {}): RunRecord[] {
  const rows = db
    .prepare('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?')
    .all(options.limit ?? 50, options.offset ?? 0) as RunRow[];
  return rows.map(toRecord);
}

/** The latest completed run for `key` whose results are still stored: the cache. */
export function findCompletedRun(db: Db, key: string): RunRecord | null {
  const row = db
    .prepare(
      `SELECT r.* FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
        WHERE r.key = ? AND r.status = 'completed' ORDER BY r.ended_at DESC LIMIT 1`,
    )
    .get(key) as RunRow | undefined;
  return row ? toRecord(row) : null;
}

/** The latest completed run whose results are still stored (export, dashboard). */
export function latestCompletedRun(db: Db): RunRecord | null {
  const row = db
    .prepare(
      `SELECT r.* FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
        WHERE r.status = 'completed' ORDER BY r.ended_at DESC LIMIT 1`,
    )
    .get() as RunRow | undefined;
  return row ? toRecord(row) : null;
}

/** The latest run that stopped before finishing the result set it was filling (for resume messages). */
export function lastRunOfResultSet(db: Db, resultSet: number): RunRecord | null {
  const row = db
    .prepare('SELECT * FROM runs WHERE result_set = ? ORDER BY started_at DESC LIMIT 1')
    .get(resultSet) as RunRow | undefined;
  return row ? toRecord(row) : null;
}
