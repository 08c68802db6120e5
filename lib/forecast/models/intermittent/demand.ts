/**
 * What the intermittent methods share: the smoothing range and the starting values from the
 * fitting history. Smoothing constants minimise the in-sample one-step squared error within
 * [0.01, 0.5] (larger ones turn the methods into noisy naive forecasts).
 */
export const ALPHA_LO = 0.01;
export const ALPHA_HI = 0.5;

/** Demand statistics of y[0..n): [mean nonzero size, mean interval n / count]. False when no demand. */
export function demandStarts(y: Float64Array, n: number, out: Float64Array): boolean {
  let count = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] > 0) {
      count++;
      sum += y[t];
    }
  }
  if (count === 0) return false;
  out[0] = sum / count;
  out[1] = n / count;
  return true;
}

/** Finite values only (the methods assume demand: zero or positive). */
export function allFinite(y: Float64Array, n: number): boolean {
  for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
  return true;
}
