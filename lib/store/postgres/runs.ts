import { RunClaimLostError } from '../claims';
import { toRunRecord, type RunRow } from '../records';
import type { NewRun, RunRecord, RunStatus } from '../types';
import type { Sql } from './db';

export async function insertRun(sql: Sql, run: NewRun): Promise<void> {
  await sql.query(
    `INSERT INTO runs (id, key, data_version, params, origin, status, started_at, pid, host)
     VALUES ($1, $2, $3, $4, $5, 'running', $6, $7, $8)`,
    [run.id, run.key, run.dataVersion, JSON.stringify(run.params), run.origin, run.startedAt, run.pid, run.host],
  );
}

/** Fenced like every write of a run (see ../claims.ts): only while the run is still `running`. */
export async function assignRun(
  sql: Sql,
  id: string,
  f: { key: string; dataVersion: number; resultSet: number; itemsTotal: number; itemsDone: number; resumedFrom: string | null },
): Promise<void> {
  const result = await sql.query(
    `UPDATE runs SET key = $1, data_version = $2, result_set = $3, items_total = $4, items_done = $5, resumed_from = $6
      WHERE id = $7 AND status = 'running'`,
    [f.key, f.dataVersion, f.resultSet, f.itemsTotal, f.itemsDone, f.resumedFrom, id],
  );
  if (result.rowCount === 0) throw new RunClaimLostError(id);
}

/**
 * Records a running run's progress; rejects with RunClaimLostError (its transaction then rolls
 * back) when the run is no longer running. The row lock it takes orders it against a takeover.
 */
/** Counts `inserted` more items done for a running run; RunClaimLostError when it is no longer running. */
export async function addRunProgress(sql: Sql, id: string, inserted: number): Promise<void> {
  const result = await sql.query(`UPDATE runs SET items_done = items_done + $1 WHERE id = $2 AND status = 'running'`, [inserted, id]);
  if (result.rowCount === 0) throw new RunClaimLostError(id);
}

export async function setRunProgress(sql: Sql, id: string, itemsDone: number): Promise<void> {
  const result = await sql.query(`UPDATE runs SET items_done = $1 WHERE id = $2 AND status = 'running'`, [itemsDone, id]);
  if (result.rowCount === 0) throw new RunClaimLostError(id);
}

export async function finishRun(
  sql: Sql,
  id: string,
  end: { status: Exclude<RunStatus, 'running'>; endedAt: number; error?: string | null; summary?: unknown },
): Promise<void> {
  await sql.query(`UPDATE runs SET status = $1, ended_at = $2, error = $3, summary = $4 WHERE id = $5 AND status = 'running'`, [
    end.status,
    end.endedAt,
    end.error ?? null,
    end.summary === undefined ? null : JSON.stringify(end.summary),
    id,
  ]);
}

/** Marks runs still `running` as `interrupted` (see the SQLite twin); resolves with how many. */
export async function markInterruptedRuns(sql: Sql, now: number): Promise<number> {
  const result = await sql.query(
    `UPDATE runs SET status = 'interrupted', ended_at = $1, error = 'the process running it stopped (killed or crashed)'
      WHERE status = 'running'`,
    [now],
  );
  return result.rowCount ?? 0;
}

const one = async (sql: Sql, text: string, values: unknown[]): Promise<RunRecord | null> => {
  const row = (await sql.query<RunRow>(text, values)).rows[0];
  return row ? toRunRecord(row) : null;
};

export const getRun = (sql: Sql, id: string) => one(sql, 'SELECT * FROM runs WHERE id = $1', [id]);

export async function listRuns(sql: Sql, options: { limit?: number; offset?: number } = {}): Promise<RunRecord[]> {
  const { rows } = await sql.query<RunRow>('SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT $1 OFFSET $2', [
    options.limit ?? 50,
    options.offset ?? 0,
  ]);
  return rows.map(toRunRecord);
}

export const findCompletedRun = (sql: Sql, key: string) =>
  one(
    sql,
    `SELECT r.* FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
      WHERE r.key = $1 AND r.status = 'completed' ORDER BY r.ended_at DESC LIMIT 1`,
    [key],
  );

export const latestCompletedRun = (sql: Sql) =>
  one(
    sql,
    `SELECT r.* FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
      WHERE r.status = 'completed' ORDER BY r.ended_at DESC LIMIT 1`,
    [],
  );

export const lastRunOfResultSet = (sql: Sql, resultSet: number) =>
  one(sql, 'SELECT * FROM runs WHERE result_set = $1 ORDER BY started_at DESC LIMIT 1', [resultSet]);
