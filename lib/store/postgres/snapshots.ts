import { packSnapshot, snapshotBlobs, unpackSnapshot, type PackedSnapshot, type ResultSetMeta, type SnapshotSource, type StoredSnapshotRow } from '../snapshot-columns';
import type { ForecastSnapshotRecord } from '../types';
import type { Sql } from './db';

/** Forecast snapshots of completed runs (../sqlite/snapshots.ts has the same, with the why). */

const f64 = (b: Buffer | null) => (b ? new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) : new Float64Array(0));

/** Inside the write transaction: keeps a packed snapshot as its run's row and the `keep` newest; resolves with the bytes. */
export async function writeSnapshot(sql: Sql, runId: string, createdAt: number, packed: PackedSnapshot, keep: number): Promise<number> {
  const blobs = snapshotBlobs(packed);
  await sql.query(
    `INSERT INTO forecast_snapshots (run_id, created_at, period, start_period, horizon, items, item, final, overridden, statistical, naive)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (run_id) DO UPDATE SET created_at = excluded.created_at, period = excluded.period, start_period = excluded.start_period,
       horizon = excluded.horizon, items = excluded.items, item = excluded.item, final = excluded.final,
       overridden = excluded.overridden, statistical = excluded.statistical, naive = excluded.naive`,
    [runId, createdAt, packed.period, packed.startPeriod, packed.horizon, packed.items, ...blobs],
  );
  await sql.query('DELETE FROM forecast_snapshots WHERE run_id NOT IN (SELECT run_id FROM forecast_snapshots ORDER BY created_at DESC LIMIT $1)', [keep]);
  return blobs.reduce((n, b) => n + b.byteLength, 0);
}

/** A result set's forecasts packed for a snapshot (null: no such result set); worker threads call it (../scan.ts). */
export async function packResultSet(sql: Sql, resultSet: number): Promise<PackedSnapshot | null> {
  const set = (await sql.query<{ meta: string }>('SELECT meta FROM result_sets WHERE id = $1', [resultSet])).rows[0];
  if (set === undefined) return null;
  const { rows } = await sql.query<SnapshotSource>(
    `SELECT item, point, statistical, CASE WHEN octet_length(history) >= 8 THEN substring(history FROM octet_length(history) - 7 FOR 8) END AS last
       FROM item_results WHERE result_set = $1 ORDER BY item`,
    [resultSet],
  );
  return packSnapshot(JSON.parse(set.meta) as ResultSetMeta, rows);
}

export async function listSnapshots(sql: Sql, period: string): Promise<ForecastSnapshotRecord[]> {
  const { rows } = await sql.query<StoredSnapshotRow>('SELECT * FROM forecast_snapshots WHERE period = $1 ORDER BY created_at', [period]);
  return rows.map(unpackSnapshot);
}

export async function resultActuals(sql: Sql, resultSet: number, itemId?: string): Promise<Map<number, { start: number; values: Float64Array }>> {
  type Row = { item: number; history_start: number; history: Buffer };
  const { rows } =
    itemId === undefined
      ? await sql.query<Row>('SELECT item, history_start, history FROM item_results WHERE result_set = $1 AND history_start IS NOT NULL', [resultSet])
      : await sql.query<Row>(
          `SELECT r.item, r.history_start, r.history FROM item_results r JOIN items i ON i.id = r.item
            WHERE r.result_set = $1 AND i.item_id = $2 AND r.history_start IS NOT NULL`,
          [resultSet, itemId],
        );
  return new Map(rows.map((r) => [r.item, { start: r.history_start, values: f64(r.history) }]));
}

export async function snapshotBytes(sql: Sql): Promise<number> {
  const { rows } = await sql.query<{ n: number }>(
    'SELECT coalesce(sum(octet_length(item) + octet_length(final) + octet_length(overridden) + octet_length(statistical) + octet_length(naive)), 0)::float8 AS n FROM forecast_snapshots',
  );
  return rows[0]!.n;
}
