import { packSnapshot, snapshotBlobs, unpackSnapshot, type PackedSnapshot, type ResultSetMeta, type SnapshotSource, type StoredSnapshotRow } from '../snapshot-columns';
import type { ForecastSnapshotRecord } from '../types';
import type { Db } from './db';

const f64 = (b: Buffer | null) => (b ? new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) : new Float64Array(0));

/**
 * Keeps a packed snapshot (lib/store/snapshot-columns.ts) as its run's row and drops all but the
 * `keep` newest, inside the caller's write transaction; returns the columns' bytes.
 */
export function writeSnapshot(db: Db, runId: string, createdAt: number, packed: PackedSnapshot, keep: number): number {
  const blobs = snapshotBlobs(packed);
  db.prepare(
    `INSERT OR REPLACE INTO forecast_snapshots (run_id, created_at, period, start_period, horizon, items, item, final, overridden, statistical, naive)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(runId, createdAt, packed.period, packed.startPeriod, packed.horizon, packed.items, ...blobs);
  db.prepare('DELETE FROM forecast_snapshots WHERE run_id NOT IN (SELECT run_id FROM forecast_snapshots ORDER BY created_at DESC LIMIT ?)').run(keep);
  return blobs.reduce((n, b) => n + b.byteLength, 0);
}

/** A result set's forecasts packed for a snapshot (null: no such result set); reads every result, so worker threads call it (../scan.ts). */
export function packResultSet(db: Db, resultSet: number): PackedSnapshot | null {
  const set = db.prepare('SELECT meta FROM result_sets WHERE id = ?').pluck().get(resultSet) as string | undefined;
  if (set === undefined) return null;
  const rows = db
    .prepare(
      `SELECT item, point, statistical, CASE WHEN length(history) >= 8 THEN substr(history, length(history) - 7, 8) END AS last
         FROM item_results WHERE result_set = ? ORDER BY item`,
    )
    .all(resultSet) as SnapshotSource[];
  return packSnapshot(JSON.parse(set) as ResultSetMeta, rows);
}

/** The snapshots of `period` runs, oldest first, the statistical forecast unpacked (final where no override). */
export function listSnapshots(db: Db, period: string): ForecastSnapshotRecord[] {
  const rows = db.prepare('SELECT * FROM forecast_snapshots WHERE period = ? ORDER BY created_at').all(period) as StoredSnapshotRow[];
  return rows.map(unpackSnapshot);
}

/** Actual demand per item from a result set's history (`itemId`: one item's only). */
export function resultActuals(db: Db, resultSet: number, itemId?: string): Map<number, { start: number; values: Float64Array }> {
  const rows = (
    itemId === undefined
      ? db.prepare('SELECT item, history_start, history FROM item_results WHERE result_set = ? AND history_start IS NOT NULL').all(resultSet)
      : db
          .prepare(
            `SELECT r.item, r.history_start, r.history FROM item_results r JOIN items i ON i.id = r.item
              WHERE r.result_set = ? AND i.item_id = ? AND r.history_start IS NOT NULL`,
          )
          .all(resultSet, itemId)
  ) as { item: number; history_start: number; history: Buffer }[];
  return new Map(rows.map((r) => [r.item, { start: r.history_start, values: f64(r.history) }]));
}

export function snapshotBytes(db: Db): number {
  return (db.prepare('SELECT coalesce(sum(length(item) + length(final) + length(overridden) + length(statistical) + length(naive)), 0) FROM forecast_snapshots').pluck().get() as number);
}
