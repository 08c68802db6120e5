import type { ForecastSnapshotRecord } from '../types';
import type { Db } from './db';

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const f32 = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const i32 = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const f64 = (b: Buffer | null) => (b ? new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) : new Float64Array(0));

/**
 * Packs a completed result set's forecasts into one snapshot row and keeps the `keep` newest
 * snapshots; returns the row's size in bytes. Only the last history value is read (the naive
 * forecast), not the whole series.
 */
export function recordSnapshot(db: Db, runId: string, resultSet: number, createdAt: number, keep: number): number {
  const set = db.prepare('SELECT meta FROM result_sets WHERE id = ?').pluck().get(resultSet) as string | undefined;
  if (set === undefined) return 0;
  const meta = JSON.parse(set) as { period: string; horizon: number; forecastStartPeriod: number };
  const rows = db
    .prepare(
      `SELECT item, point, statistical, CASE WHEN length(history) >= 8 THEN substr(history, length(history) - 7, 8) END AS last
         FROM item_results WHERE result_set = ? ORDER BY item`,
    )
    .all(resultSet) as { item: number; point: Buffer; statistical: Buffer | null; last: Buffer | null }[];
  const H = meta.horizon;
  const item = new Int32Array(rows.length);
  const final = new Float32Array(rows.length * H);
  const naive = new Float32Array(rows.length);
  const overridden: number[] = [];
  const statistical: number[] = [];
  rows.forEach((r, i) => {
    item[i] = r.item;
    final.set(f64(r.point).subarray(0, H), i * H);
    naive[i] = r.last ? f64(r.last)[0]! : 0;
    if (r.statistical) {
      overridden.push(i);
      statistical.push(...f64(r.statistical).subarray(0, H));
    }
  });
  const columns = [item, final, Int32Array.from(overridden), Float32Array.from(statistical), naive];
  db.transaction(() => {
    db.prepare(
      `INSERT OR REPLACE INTO forecast_snapshots (run_id, created_at, period, start_period, horizon, items, item, final, overridden, statistical, naive)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(runId, createdAt, meta.period, meta.forecastStartPeriod, H, rows.length, ...columns.map(bytes));
    db.prepare('DELETE FROM forecast_snapshots WHERE run_id NOT IN (SELECT run_id FROM forecast_snapshots ORDER BY created_at DESC LIMIT ?)').run(keep);
  })();
  return columns.reduce((n, c) => n + c.byteLength, 0);
}

/** The snapshots of `period` runs, oldest first, the statistical forecast unpacked (final where no override). */
export function listSnapshots(db: Db, period: string): ForecastSnapshotRecord[] {
  const rows = db.prepare('SELECT * FROM forecast_snapshots WHERE period = ? ORDER BY created_at').all(period) as {
    run_id: string;
    created_at: number;
    start_period: number;
    horizon: number;
    items: number;
    item: Buffer;
    final: Buffer;
    overridden: Buffer;
    statistical: Buffer;
    naive: Buffer;
  }[];
  return rows.map((r) => {
    const final = f32(r.final);
    const statistical = final.slice();
    const overridden = i32(r.overridden);
    const changed = f32(r.statistical);
    overridden.forEach((row, k) => statistical.set(changed.subarray(k * r.horizon, (k + 1) * r.horizon), row * r.horizon));
    return {
      runId: r.run_id,
      createdAt: r.created_at,
      startPeriod: r.start_period,
      horizon: r.horizon,
      count: r.items,
      item: i32(r.item),
      final,
      statistical,
      naive: f32(r.naive),
    };
  });
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
