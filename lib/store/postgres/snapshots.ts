import type { ForecastSnapshotRecord } from '../types';
import type { Sql } from './db';

/** Forecast snapshots of completed runs (../sqlite/snapshots.ts has the same, with the why). */

const bytes = (a: Float32Array | Int32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
const f32 = (b: Buffer) => new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const i32 = (b: Buffer) => new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
const f64 = (b: Buffer | null) => (b ? new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)) : new Float64Array(0));

/** Inside the write transaction: packs a completed result set's forecasts and keeps the `keep` newest; resolves with the bytes. */
export async function recordSnapshot(sql: Sql, runId: string, resultSet: number, createdAt: number, keep: number): Promise<number> {
  const set = (await sql.query<{ meta: string }>('SELECT meta FROM result_sets WHERE id = $1', [resultSet])).rows[0];
  if (set === undefined) return 0;
  const meta = JSON.parse(set.meta) as { period: string; horizon: number; forecastStartPeriod: number };
  const { rows } = await sql.query<{ item: number; point: Buffer; statistical: Buffer | null; last: Buffer | null }>(
    `SELECT item, point, statistical, CASE WHEN octet_length(history) >= 8 THEN substring(history FROM octet_length(history) - 7 FOR 8) END AS last
       FROM item_results WHERE result_set = $1 ORDER BY item`,
    [resultSet],
  );
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
  await sql.query(
    `INSERT INTO forecast_snapshots (run_id, created_at, period, start_period, horizon, items, item, final, overridden, statistical, naive)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
     ON CONFLICT (run_id) DO UPDATE SET created_at = excluded.created_at, period = excluded.period, start_period = excluded.start_period,
       horizon = excluded.horizon, items = excluded.items, item = excluded.item, final = excluded.final,
       overridden = excluded.overridden, statistical = excluded.statistical, naive = excluded.naive`,
    [runId, createdAt, meta.period, meta.forecastStartPeriod, H, rows.length, ...columns.map(bytes)],
  );
  await sql.query('DELETE FROM forecast_snapshots WHERE run_id NOT IN (SELECT run_id FROM forecast_snapshots ORDER BY created_at DESC LIMIT $1)', [keep]);
  return columns.reduce((n, c) => n + c.byteLength, 0);
}

export async function listSnapshots(sql: Sql, period: string): Promise<ForecastSnapshotRecord[]> {
  const { rows } = await sql.query<{
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
  }>('SELECT * FROM forecast_snapshots WHERE period = $1 ORDER BY created_at', [period]);
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
