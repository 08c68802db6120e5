/**
 * Intermittent demand: many zero periods. Shared starts and bounds of the Croston family: the
 * mean nonzero size, the mean interval between demands; smoothing constants within [0.01, 0.5]
 * (larger ones turn these methods into noisy naive forecasts), fitted by in-sample one-step
 * squared error.
 */
export const SMOOTHING_LO = 0.01;
export const SMOOTHING_HI = 0.5;

/** Mean nonzero demand size and mean interval between demands of y[0..n); null when nothing sold. */
export function demandStats(y: Float64Array, n: number): { size: number; interval: number } | null {
  let count = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] > 0) {
      count++;
      sum += y[t];
    }
  }
  return count === 0 ? null : { size: sum / count, interval: n / count };
}
