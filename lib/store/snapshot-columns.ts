import type { ForecastSnapshotRecord } from './types';

/**
 * A completed result set's forecasts as kept for accuracy across runs: float32, one row per item
 * in items.id order, the statistical forecast only where an override changed it, and the last
 * history value (the naive forecast made at the same time). Both stores keep these columns as
 * one row per run; packing reads every result, so the pipeline does it on a worker thread
 * (lib/store/scan.ts) and hands the columns to the completion's transaction.
 */
export interface PackedSnapshot {
  period: string;
  startPeriod: number;
  horizon: number;
  items: number;
  item: Int32Array;
  final: Float32Array;
  /** Rows (positions in `item`) whose final forecast is an override. */
  overridden: Int32Array;
  /** Their statistical forecasts, `horizon` values per overridden row. */
  statistical: Float32Array;
  naive: Float32Array;
}

/** One stored result as packing reads it: forecasts as float64 bytes, the history's last value (8 bytes) or null. */
export interface SnapshotSource {
  item: number;
  point: Uint8Array;
  statistical: Uint8Array | null;
  last: Uint8Array | null;
}

/** The result set's meta as the stores keep it. */
export interface ResultSetMeta {
  period: string;
  horizon: number;
  forecastStartPeriod: number;
}

const float64 = (b: Uint8Array) => new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

/** Packs results given in items.id order. */
export function packSnapshot(meta: ResultSetMeta, rows: readonly SnapshotSource[]): PackedSnapshot {
  const H = meta.horizon;
  const count = rows.length;
  let changed = 0;
  for (const r of rows) if (r.statistical) changed++;
  const packed: PackedSnapshot = {
    period: meta.period,
    startPeriod: meta.forecastStartPeriod,
    horizon: H,
    items: count,
    item: new Int32Array(count),
    final: new Float32Array(count * H),
    overridden: new Int32Array(changed),
    statistical: new Float32Array(changed * H),
    naive: new Float32Array(count),
  };
  let k = 0;
  for (let i = 0; i < count; i++) {
    const r = rows[i]!;
    packed.item[i] = r.item;
    packed.final.set(float64(r.point).subarray(0, H), i * H);
    packed.naive[i] = r.last ? float64(r.last)[0]! : 0;
    if (r.statistical) {
      packed.overridden[k] = i;
      packed.statistical.set(float64(r.statistical).subarray(0, H), k * H);
      k++;
    }
  }
  return packed;
}

/** The stored columns in table order (item, final, overridden, statistical, naive) as bytes. */
export function snapshotBlobs(p: PackedSnapshot): Buffer[] {
  return [p.item, p.final, p.overridden, p.statistical, p.naive].map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength));
}

/** A stored snapshot row as the stores read it back. */
export interface StoredSnapshotRow {
  run_id: string;
  created_at: number;
  start_period: number;
  horizon: number;
  items: number;
  item: Uint8Array;
  final: Uint8Array;
  overridden: Uint8Array;
  statistical: Uint8Array;
  naive: Uint8Array;
}

const copy = <T>(b: Uint8Array, make: (buffer: ArrayBuffer) => T): T => make(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);

/** A stored row unpacked: the statistical forecast is the final one except where an override changed it. */
export function unpackSnapshot(r: StoredSnapshotRow): ForecastSnapshotRecord {
  const final = copy(r.final, (b) => new Float32Array(b));
  const statistical = final.slice();
  const overridden = copy(r.overridden, (b) => new Int32Array(b));
  const changed = copy(r.statistical, (b) => new Float32Array(b));
  overridden.forEach((row, k) => statistical.set(changed.subarray(k * r.horizon, (k + 1) * r.horizon), row * r.horizon));
  return {
    runId: r.run_id,
    createdAt: Number(r.created_at),
    startPeriod: r.start_period,
    horizon: r.horizon,
    count: r.items,
    item: copy(r.item, (b) => new Int32Array(b)),
    final,
    statistical,
    naive: copy(r.naive, (b) => new Float32Array(b)),
  };
}
