/**
 * A series as the engine reads it: non-finite values are missing; leading and trailing ones are
 * dropped, interior gaps bridged linearly, and only the last MAX_HISTORY periods kept.
 */

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
  if (first < 0) return { first: -1, n: 0, min: NaN, max: NaN, flat: true, intermittent: false };
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
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  return { first, n, min, max, flat: max === min, intermittent: n >= 3 && min >= 0 && max > 0 && zeros >= INTERMITTENT_SHARE * n };
}
