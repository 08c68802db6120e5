import type { Workspace } from '../workspace';

/**
 * Periods a local trend looks back: long enough to average out noise, short enough that a trend
 * which turned years ago no longer drives the forecast (on M3 "other", long histories whose trend
 * changed, the whole-history slope was what made theta and drift lose to damped trend).
 */
export const TREND_WINDOW = 32;

/** Points of the trailing median that a value is compared with to tell a spike from the level. */
const MEDIAN_SPAN = 5;
/**
 * Residuals (and steps) beyond CLIP robust standard deviations are pulled back to that distance
 * before a local trend is measured. A promotion week is a spike of many standard deviations; left
 * in, one at the start of the window made the end-point slope read a steep decline, and a few
 * early in the window tilted the least-squares line down, so that items selling every week were
 * forecast to sell nothing within weeks (32 of 10,000 demo items; 5 after, all real declines).
 */
const CLIP = 2.5;
/** Median absolute deviation → standard deviation under normal noise. */
const MAD_TO_SD = 1.4826;

/** k-th smallest of a[0..n) (0-based), reordering a; Hoare's selection. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/**
 * Writes into `out[j]` the median of `y[max(0, j − 4) .. j]`, for j < n. Trailing, so that the
 * cleaned value at j depends on nothing after j (backtest forecasts stay out of sample).
 */
function trailingMedians(y: Float64Array, n: number, out: Float64Array): void {
  const w = [0, 0, 0, 0, 0];
  for (let j = 0; j < n; j++) {
    const count = Math.min(MEDIAN_SPAN, j + 1);
    // Insertion sort of at most five values: cheaper than any general median.
    for (let i = 0; i < count; i++) {
      const v = y[j - i];
      let at = i;
      while (at > 0 && w[at - 1] > v) {
        w[at] = w[at - 1];
        at--;
      }
      w[at] = v;
    }
    out[j] = count % 2 === 1 ? w[count >> 1] : 0.5 * (w[(count >> 1) - 1] + w[count >> 1]);
  }
}

/**
 * How far a value may stray from its trailing median before it counts as a spike: CLIP robust
 * standard deviations of the residuals of `y[0..n)`. Measured in fit (on the fitting history
 * only, so backtests stay out of sample).
 */
export function spikeLimit(y: Float64Array, n: number, ws: Workspace): number {
  const residual = ws.trendScratch;
  trailingMedians(y, n, ws.trendClean);
  for (let j = 0; j < n; j++) residual[j] = Math.abs(y[j] - ws.trendClean[j]);
  return CLIP * MAD_TO_SD * select(residual, n, n >> 1);
}

/** Writes `y[0..n)` with spikes pulled back to `limit` from the trailing median into `ws.trendClean`. */
export function clipSpikes(y: Float64Array, n: number, limit: number, ws: Workspace): Float64Array {
  const clean = ws.trendClean;
  trailingMedians(y, n, clean);
  for (let j = 0; j < n; j++) {
    const r = y[j] - clean[j];
    clean[j] += r > limit ? limit : r < -limit ? -limit : r;
  }
  return clean;
}

/** Least-squares slope of y[from .. to) on time. */
export function slope(y: Float64Array, from: number, to: number): number {
  const count = to - from;
  if (count < 2) return 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < count; i++) {
    const v = y[from + i];
    sx += i;
    sy += v;
    sxx += i * i;
    sxy += i * v;
  }
  return (count * sxy - sx * sy) / (count * sxx - sx * sx);
}

/**
 * How large one step of `y[from .. to)` may be before it is clipped: CLIP robust standard
 * deviations of the window's steps. Measured per window: one limit for a whole long history
 * (M3 "other") let its early, noisier part set the limit, and sMAPE rose from 4.23 to 4.28.
 */
export function stepLimit(y: Float64Array, from: number, to: number, ws: Workspace): number {
  const count = to - from - 1;
  if (count < 1) return 0;
  const steps = ws.trendScratch;
  for (let j = from + 1; j < to; j++) steps[j - from - 1] = Math.abs(y[j] - y[j - 1]);
  return CLIP * MAD_TO_SD * select(steps, count, count >> 1);
}

/**
 * Mean step of `y[from .. to)` (the end-point slope) with each step limited to `limit`: a
 * spike's rise and fall cancel when both lie in the window and no longer count in full when only
 * one does.
 */
export function robustStep(y: Float64Array, from: number, to: number, limit: number): number {
  const count = to - from - 1;
  if (count < 1) return 0;
  let sum = 0;
  for (let j = from + 1; j < to; j++) {
    const d = y[j] - y[j - 1];
    sum += d > limit ? limit : d < -limit ? -limit : d;
  }
  return sum / count;
}

/** Inserts v into the ascending sorted[0..count); returns the new count. */
function insertSorted(sorted: Float64Array, count: number, v: number): number {
  let at = count;
  while (at > 0 && sorted[at - 1] > v) {
    sorted[at] = sorted[at - 1];
    at--;
  }
  sorted[at] = v;
  return count + 1;
}

/** Removes one copy of v from the ascending sorted[0..count); returns the new count. */
function removeSorted(sorted: Float64Array, count: number, v: number): number {
  let at = 0;
  while (at < count && sorted[at] !== v) at++;
  for (let i = at + 1; i < count; i++) sorted[i - 1] = sorted[i];
  return count - 1;
}

/**
 * Local drift's step for every origin t = from..n, into `ws.trendSteps[t]`: robustStep over the
 * last TREND_WINDOW steps before t with stepLimit's limit. The window's steps are kept sorted as
 * it slides, so that each origin's median costs one insertion and one removal instead of a
 * selection over the whole window (which made local drift the engine's most expensive model).
 */
export function localSteps(y: Float64Array, n: number, from: number, ws: Workspace): Float64Array {
  const steps = ws.trendSteps;
  const sorted = ws.trendScratch;
  let lo = Math.max(0, from - 1 - TREND_WINDOW);
  let count = 0;
  for (let j = lo + 1; j < from; j++) count = insertSorted(sorted, count, Math.abs(y[j] - y[j - 1]));
  for (let t = from; t <= n; t++) {
    if (t > from && t > 1) {
      count = insertSorted(sorted, count, Math.abs(y[t - 1] - y[t - 2]));
      if (t - 1 - TREND_WINDOW > lo) {
        count = removeSorted(sorted, count, Math.abs(y[lo + 1] - y[lo]));
        lo++;
      }
    }
    const limit = count > 0 ? CLIP * MAD_TO_SD * sorted[count >> 1] : 0;
    steps[t] = robustStep(y, lo, t, limit);
  }
  return steps;
}
