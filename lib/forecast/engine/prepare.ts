/**
 * A series as the engine reads it: non-finite values are missing; leading and trailing ones are
 * dropped, interior gaps bridged linearly, and only the last MAX_HISTORY periods kept; the one value
 * far beyond all the others, a quantity typed wrong, is replaced by the demand around it
 * (outliers.ts).
 */
import { outlierAt, typicalAround } from './outliers';

/**
 * Most recent periods used: bounds memory (forecast matrices are periods × horizon per method) and
 * time on very long histories, whose early part no longer speaks for the future anyway.
 */
export const MAX_HISTORY = 2000;
/** Share of zero periods from which nonnegative demand counts as intermittent (ADI ≥ 1.43). */
const INTERMITTENT_SHARE = 0.3;

export interface Prepared {
  /** Offset of the first value used within the series (-1: nothing observed). */
  first: number;
  /** Periods used. */
  n: number;
  min: number;
  max: number;
  flat: boolean;
  intermittent: boolean;
  /** Position in the history (from `first`) of the value set aside as a quantity typed wrong; -1: none. */
  outlier: number;
}

/** Writes the usable history of `values[start .. start + len)` into `y` (grown by the caller to `len`). */
export function prepare(values: Float64Array, start: number, len: number, y: Float64Array): Prepared {
  let first = -1;
  let last = -1;
  for (let j = 0; j < len; j++) {
    if (Number.isFinite(values[start + j])) {
      if (first < 0) first = j;
      last = j;
    }
  }
  if (first < 0) return { first: -1, n: 0, min: NaN, max: NaN, flat: true, intermittent: false, outlier: -1 };
  if (last - first + 1 > MAX_HISTORY) {
    first = last - MAX_HISTORY + 1;
    while (!Number.isFinite(values[start + first])) first++;
  }
  const n = last - first + 1;
  let prev = 0;
  for (let t = 0; t < n; t++) {
    const v = values[start + first + t];
    if (!Number.isFinite(v)) continue;
    for (let g = prev + 1; g < t; g++) y[g] = y[prev] + ((v - y[prev]) * (g - prev)) / (t - prev);
    y[t] = v;
    prev = t;
  }
  const outlier = outlierAt(y, n);
  if (outlier >= 0) y[outlier] = typicalAround(y, n, outlier);
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  return { first, n, min, max, flat: max === min, intermittent: n >= 3 && min >= 0 && max > 0 && zeros >= INTERMITTENT_SHARE * n, outlier };
}

/**
 * Per series of a packed batch: the position (from the series' start) of the value `prepare` sets
 * aside as a quantity typed wrong (-1: none) and the demand that stands in for it. For the runs
 * and pages that say what was left out.
 */
export function outlierPeriods(values: Float64Array, offsets: Int32Array): { at: Int32Array; typical: Float64Array } {
  const count = offsets.length - 1;
  const at = new Int32Array(count).fill(-1);
  const typical = new Float64Array(count).fill(NaN);
  let longest = 0;
  for (let i = 0; i < count; i++) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const y = new Float64Array(Math.min(longest, MAX_HISTORY));
  for (let i = 0; i < count; i++) {
    const s = prepare(values, offsets[i], offsets[i + 1] - offsets[i], y);
    if (s.outlier < 0) continue;
    at[i] = s.first + s.outlier;
    typical[i] = y[s.outlier];
  }
  return { at, typical };
}
