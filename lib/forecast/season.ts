/**
 * Seasonality: the M3/M4 test (is the autocorrelation at lag m significant at 90%?) and R's
 * classical decomposition (`decompose`), which yields one seasonal index per phase `t mod m`.
 */

/** z for a one-sided 95% quantile (the two-sided 90% test used in M3 and M4). */
const Z90 = 1.6448536269514722;

/**
 * True when the autocorrelation at lag m is significant, with Bartlett's standard error from the
 * autocorrelations below lag m. Needs more than two full seasons, as in R's thetaf.
 */
export function isSeasonal(y: Float64Array, n: number, m: number): boolean {
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
 * Classical decomposition: a centred moving average of one season (2×m for even m) is the trend;
 * each phase's index is the mean ratio (multiplicative) or difference (additive) to it, normalised
 * to mean 1 or 0. Writes `index[0..m)` by phase t mod m. Needs n ≥ 2m; with scratch of length n.
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
    scratch[p] += multiplicative ? y[t] / trend : y[t] - trend;
    scratch[m + p] += 1;
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
