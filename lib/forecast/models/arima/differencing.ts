/**
 * How many differences: d by repeated KPSS tests (Kwiatkowski et al. 1992, level stationarity,
 * Bartlett window of trunc(3√n/13) lags, 5% level against the tabulated 0.463, as forecast's ndiffs
 * calls urca's ur.kpss) and D by the seasonal-strength heuristic (forecast's default "seas" test:
 * strength of the seasonal component of an STL decomposition with s.window = 11, above 0.64 → D = 1).
 */
import { stl, StlScratch, stlWindows } from '../../stl';

/** R's is.constant: all values equal within all.equal's relative tolerance 1.5e-8. */
export function isConstant(x: Float64Array, from: number, to: number): boolean {
  if (to - from <= 1) return true;
  const first = x[from];
  let diff = 0;
  let size = 0;
  for (let t = from; t < to; t++) {
    diff += Math.abs(x[t] - first);
    size += Math.abs(x[t]);
  }
  const count = to - from;
  diff /= count;
  size /= count;
  return (size > 1.5e-8 ? diff / size : diff) <= 1.5e-8;
}

/** Differences x[0..n) at `lag` in place; returns the new length n − lag. */
export function difference(x: Float64Array, n: number, lag: number): number {
  for (let t = 0; t < n - lag; t++) x[t] = x[t + lag] - x[t];
  return Math.max(0, n - lag);
}

/** KPSS statistic for level stationarity of x[0..n) with `lags` Bartlett-weighted autocovariances. */
export function kpssStatistic(x: Float64Array, n: number, lags: number): number {
  let mean = 0;
  for (let t = 0; t < n; t++) mean += x[t];
  mean /= n;
  let partial = 0;
  let sumPartial2 = 0;
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    const e = x[t] - mean;
    partial += e;
    sumPartial2 += partial * partial;
    s2 += e * e;
  }
  let longRun = s2 / n;
  for (let l = 1; l <= lags; l++) {
    let cov = 0;
    for (let t = l; t < n; t++) cov += (x[t] - mean) * (x[t - l] - mean);
    longRun += (2 / n) * (1 - l / (lags + 1)) * cov;
  }
  return sumPartial2 / (n * n) / longRun;
}

/** urca's 5% critical value for the level-stationarity KPSS test. */
const KPSS_CRITICAL_5 = 0.463;

/**
 * forecast's ndiffs (KPSS, α = 0.05, at most maxD): differences a copy in `work`. Stops at a
 * constant series or an undefined statistic.
 */
export function ndiffs(x: Float64Array, n: number, work: Float64Array, maxD = 2): number {
  for (let t = 0; t < n; t++) work[t] = x[t];
  let len = n;
  if (isConstant(work, 0, len)) return 0;
  let d = 0;
  const reject = () => {
    const stat = kpssStatistic(work, len, Math.trunc((3 * Math.sqrt(len)) / 13));
    return Number.isNaN(stat) ? null : stat > KPSS_CRITICAL_5;
  };
  let more = reject();
  if (more === null) return 0;
  while (more && d < maxD) {
    d++;
    len = difference(work, len, 1);
    if (isConstant(work, 0, len)) return d;
    more = reject();
    if (more === null) return d - 1;
  }
  return d;
}

/**
 * Seasonal strength max(0, min(1, 1 − var(R) / var(R + S))) of x[0..n) with period m from STL with
 * s.window = 11 (forecast's mstl defaults for one season), as forecast's seas.heuristic.
 */
export function seasonalStrength(x: Float64Array, n: number, m: number, scratch: StlScratch, seasonal: Float64Array, trend: Float64Array): number {
  stl(x, n, m, seasonal, trend, stlWindows(n, m, 11), scratch);
  let mr = 0;
  let ms = 0;
  for (let t = 0; t < n; t++) {
    const r = x[t] - seasonal[t] - trend[t];
    mr += r;
    ms += r + seasonal[t];
  }
  mr /= n;
  ms /= n;
  let vr = 0;
  let vs = 0;
  for (let t = 0; t < n; t++) {
    const r = x[t] - seasonal[t] - trend[t];
    vr += (r - mr) ** 2;
    vs += (r + seasonal[t] - ms) ** 2;
  }
  return Math.max(0, Math.min(1, 1 - vr / vs));
}

/**
 * forecast's nsdiffs with the default test: 1 when the seasonal strength exceeds 0.64 (one seasonal
 * difference at most); 0 for a constant series or one of at most two periods (R's stl refuses those
 * and nsdiffs falls back to no difference).
 */
export function nsdiffs(x: Float64Array, n: number, m: number, scratch: StlScratch, seasonal: Float64Array, trend: Float64Array): number {
  if (isConstant(x, 0, n) || m >= n || n <= 2 * m) return 0;
  return seasonalStrength(x, n, m, scratch, seasonal, trend) > 0.64 ? 1 : 0;
}
