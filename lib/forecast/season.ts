/**
 * Seasonality: is it real (a test per series), and R's classical decomposition (`decompose`),
 * which yields one seasonal index per phase `t mod m`.
 */

/** z for a one-sided 95% quantile (the two-sided 90% test used in M3 and M4). */
const Z90 = 1.6448536269514722;
/** z for a one-sided 99% quantile. */
const Z99 = 2.3263478740408408;
/** Longest season the autocorrelation test is trusted with. */
const ACF_MAX_SEASON = 12;

/** Seasons longer than this are the year in weeks (52), whose cycle the calendar does not repeat exactly. */
const EXACT_MAX_SEASON = 24;
/** Cycles of history a long season is tested and estimated on, at most: the last ones. */
const LONG_SEASON_CYCLES = 5;

/**
 * Where the part of a history y[0..n) that a season of m periods is judged on starts: 0, or for a
 * long season the start of its last LONG_SEASON_CYCLES whole cycles (counted from the start, so
 * phase t mod m is kept). The year is 52.18 weeks, not 52: an index by t mod 52 slips by a week
 * every 5.6 years, so an average over decades blurs every peak; five cycles keep the slip under
 * one period. Shorter seasons (months, quarters, days of the week) divide their cycle exactly.
 */
export function recentCycles(n: number, m: number): number {
  return m <= EXACT_MAX_SEASON ? 0 : lastCycles(n, m, LONG_SEASON_CYCLES);
}

/**
 * Where the last `cycles` whole cycles of season m in y[0..n) start, counted from the start so that
 * phase t mod m is kept: 0 when the history is no longer than that.
 */
export function lastCycles(n: number, m: number, cycles: number): number {
  return n <= cycles * m ? 0 : Math.ceil((n - cycles * m) / m) * m;
}

/**
 * Seasons up to ACF_MAX_SEASON (quarters, months): the M3/M4 test, as in R's thetaf. Longer
 * seasons (52 weeks): an analysis-of-variance test of the detrended values by phase, since with
 * three years of weeks Bartlett's standard error in the autocorrelation test is so wide that a
 * plain yearly wave is never found (3 of 500 strongly seasonal synthetic items were).
 */
export function isSeasonal(y: Float64Array, n: number, m: number, scratch: Float64Array): boolean {
  return m > ACF_MAX_SEASON ? phaseAnova(y, n, m, scratch) : lagCorrelation(y, n, m);
}

/**
 * True when the autocorrelation at lag m is significant at 90%, with Bartlett's standard error
 * from the autocorrelations below lag m. Needs more than two full seasons.
 */
function lagCorrelation(y: Float64Array, n: number, m: number): boolean {
  if (m <= 1 || n <= 2 * m) return false;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[t];
  mean /= n;
  let denom = 0;
  for (let t = 0; t < n; t++) denom += (y[t] - mean) * (y[t] - mean);
  if (!(denom > 0)) return false;
  let sumSq = 0;
  let rm = 0;
  for (let lag = 1; lag <= m; lag++) {
    let s = 0;
    for (let t = lag; t < n; t++) s += (y[t] - mean) * (y[t - lag] - mean);
    const r = s / denom;
    if (lag < m) sumSq += r * r;
    else rm = r;
  }
  return Math.abs(rm) > Z90 * Math.sqrt((1 + 2 * sumSq) / n);
}

/**
 * F test at 99% that the detrended values (ratios to the centred moving average, or differences
 * when not all positive) differ by phase. Needs three full seasons (two values per phase). The F
 * quantile comes from Paulson's normal approximation of the cube-root transform.
 */
function phaseAnova(y: Float64Array, n: number, m: number, scratch: Float64Array): boolean {
  if (n < 3 * m) return false;
  let positive = true;
  for (let t = 0; t < n; t++) if (!(y[t] > 0)) positive = false;
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  // scratch: [sum by phase | sum of squares by phase | count by phase]
  for (let p = 0; p < 3 * m; p++) scratch[p] = 0;
  let window = 0;
  for (let i = 0; i < m; i++) window += y[i];
  let total = 0;
  let totalSq = 0;
  let count = 0;
  for (let t = half; t + half < n; t++) {
    const trend = even ? (window + 0.5 * (y[t + half] - y[t - half])) / m : window / m;
    const v = positive ? y[t] / trend : y[t] - trend;
    const p = t % m;
    scratch[p] += v;
    scratch[m + p] += v * v;
    scratch[2 * m + p] += 1;
    total += v;
    totalSq += v * v;
    count++;
    if (t - half + m < n) window += y[t - half + m] - y[t - half];
  }
  let within = 0;
  let between = 0;
  const grand = total / count;
  for (let p = 0; p < m; p++) {
    const c = scratch[2 * m + p];
    if (c === 0) continue;
    const mean = scratch[p] / c;
    within += scratch[m + p] - c * mean * mean;
    between += c * (mean - grand) * (mean - grand);
  }
  const d1 = m - 1;
  const d2 = count - m;
  if (d2 < 1 || !(within > 0)) return between > 0;
  const f = between / d1 / (within / d2);
  const a = 2 / (9 * d1);
  const b = 2 / (9 * d2);
  const cube = Math.cbrt(f);
  const z = ((1 - b) * cube - (1 - a)) / Math.sqrt(b * cube * cube + a);
  return z > Z99;
}

function zeroWindow(y: Float64Array, from: number, to: number): boolean {
  for (let t = from; t <= to; t++) if (y[t] !== 0) return false;
  return true;
}

/**
 * Classical decomposition: a centred moving average of one season (2×m for even m) is the trend;
 * each phase's index is the mean ratio (multiplicative) or difference (additive) to it, normalised
 * to mean 1 or 0; multiplicative needs nonnegative values (a ratio to a trend of zero is left out).
 * Writes `index[0..m)` by phase t mod m. Needs n ≥ 2m; with scratch of length n.
 */
export function decompose(
  y: Float64Array,
  n: number,
  m: number,
  multiplicative: boolean,
  index: Float64Array,
  scratch: Float64Array,
): void {
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  // scratch[phase] accumulates, scratch[m + phase] counts.
  for (let p = 0; p < 2 * m; p++) scratch[p] = 0;
  let window = 0;
  for (let i = 0; i < m; i++) window += y[i];
  // The window y[t−half .. t−half+m) is centred at t for odd m; for even m the 2×m average
  // trades half of its first value for half of the next one.
  for (let t = half; t + half < n; t++) {
    const trend = even ? (window + 0.5 * (y[t + half] - y[t - half])) / m : window / m;
    const p = t % m;
    // A zero amid a window of zeros is 0 / 0, which R's decompose leaves out of the phase's mean.
    if (!(multiplicative && y[t] === 0 && zeroWindow(y, t - half, t + half))) {
      scratch[p] += multiplicative ? y[t] / trend : y[t] - trend;
      scratch[m + p] += 1;
    }
    if (t - half + m < n) window += y[t - half + m] - y[t - half];
  }
  let mean = 0;
  for (let p = 0; p < m; p++) {
    index[p] = scratch[m + p] > 0 ? scratch[p] / scratch[m + p] : multiplicative ? 1 : 0;
    mean += index[p];
  }
  mean /= m;
  for (let p = 0; p < m; p++) index[p] = multiplicative ? index[p] / mean : index[p] - mean;
}
