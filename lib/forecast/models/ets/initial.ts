/**
 * Starting values of the initial states, by R's `initstate` heuristics: the season from a
 * classical decomposition (or, with fewer than three cycles, from the residuals of a linear trend
 * fitted with one Fourier pair), the level and slope from a line through the first max(10, 2m)
 * seasonally adjusted values. The optimizer starts from them.
 */
import { ADDITIVE, MULTIPLICATIVE, NONE, type Component } from './form';

/** Scratch for the heuristics, grown to the longest series. */
export class InitialScratch {
  seasonal = new Float64Array(0);
  adjusted = new Float64Array(0);
  figure = new Float64Array(0);
  counts = new Float64Array(0);

  ensure(n: number, m: number): void {
    if (this.seasonal.length < n) {
      this.seasonal = new Float64Array(n);
      this.adjusted = new Float64Array(n);
    }
    if (this.figure.length < m) {
      this.figure = new Float64Array(m);
      this.counts = new Float64Array(m);
    }
  }
}

/**
 * Writes l0, b0 (with a trend) and s0..s(m-2) (with a season; R's order, s0 the most recent) into
 * out[at..]. Returns the number written.
 */
export function initialStates(
  y: Float64Array,
  n: number,
  m: number,
  trend: Component,
  season: Component,
  out: Float64Array,
  at: number,
  scratch: InitialScratch,
): number {
  const period = season === NONE ? 1 : m;
  scratch.ensure(n, period);
  const { seasonal, adjusted } = scratch;
  let k = at + 1 + (trend === NONE ? 0 : 1);
  if (season === NONE) {
    for (let t = 0; t < n; t++) adjusted[t] = y[t];
  } else {
    if (n < 3 * m) fourierDetrend(y, n, m, season, seasonal);
    else decompose(y, n, m, season, seasonal, scratch);
    let sum = 0;
    for (let j = 0; j < m - 1; j++) {
      let s = seasonal[m - 1 - j];
      if (season === MULTIPLICATIVE) s = Math.max(s, 0.01);
      out[k + j] = s;
      sum += s;
    }
    if (season === MULTIPLICATIVE && sum > m) {
      const scale = sum + 0.01 * (m - 1);
      for (let j = 0; j < m - 1; j++) out[k + j] /= scale;
    }
    for (let t = 0; t < n; t++) adjusted[t] = season === ADDITIVE ? y[t] - seasonal[t] : y[t] / Math.max(seasonal[t], 0.01);
  }
  const count = Math.min(Math.max(10, 2 * period), n);
  if (trend === NONE) {
    let sum = 0;
    for (let t = 0; t < count; t++) sum += adjusted[t];
    out[at] = sum / count;
  } else {
    // Least-squares line against 1..count.
    const xMean = (count + 1) / 2;
    let yMean = 0;
    for (let t = 0; t < count; t++) yMean += adjusted[t];
    yMean /= count;
    let sxy = 0;
    let sxx = 0;
    for (let t = 0; t < count; t++) {
      const dx = t + 1 - xMean;
      sxy += dx * (adjusted[t] - yMean);
      sxx += dx * dx;
    }
    let b0 = sxy / sxx;
    let l0 = yMean - b0 * xMean;
    if (Math.abs(l0 + b0) < 1e-8) {
      l0 *= 1.001;
      b0 *= 0.999;
    }
    out[at] = l0;
    out[at + 1] = b0;
  }
  return k - at + (season === NONE ? 0 : m - 1);
}

/** Classical decomposition's seasonal component (centred moving average, mean per position, normalized). */
function decompose(y: Float64Array, n: number, m: number, season: Component, seasonal: Float64Array, scratch: InitialScratch): void {
  const { figure, counts } = scratch;
  figure.fill(0, 0, m);
  counts.fill(0, 0, m);
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  for (let t = half; t < n - half; t++) {
    let sum = 0;
    if (even) {
      sum = 0.5 * (y[t - half] + y[t + half]);
      for (let i = t - half + 1; i < t + half; i++) sum += y[i];
    } else {
      for (let i = t - half; i <= t + half; i++) sum += y[i];
    }
    const trendValue = sum / m;
    figure[t % m] += season === ADDITIVE ? y[t] - trendValue : y[t] / trendValue;
    counts[t % m]++;
  }
  let mean = 0;
  for (let j = 0; j < m; j++) {
    figure[j] /= counts[j];
    mean += figure[j] / m;
  }
  for (let j = 0; j < m; j++) figure[j] = season === ADDITIVE ? figure[j] - mean : figure[j] / mean;
  for (let t = 0; t < n; t++) seasonal[t] = figure[t % m];
}

/**
 * Short series: a linear trend with one Fourier pair fitted by least squares; the "seasonal" part is
 * what the line leaves (y minus, or over, the line), as R's `initstate` takes it.
 */
function fourierDetrend(y: Float64Array, n: number, m: number, season: Component, seasonal: Float64Array): void {
  // Columns: 1, t, cos, and sin unless it vanishes (m = 2).
  const p = m === 2 ? 3 : 4;
  const xtx = new Float64Array(16);
  const xty = new Float64Array(4);
  const row = new Float64Array(4);
  for (let t = 1; t <= n; t++) {
    row[0] = 1;
    row[1] = t;
    row[2] = Math.cos((2 * Math.PI * t) / m);
    row[3] = Math.sin((2 * Math.PI * t) / m);
    for (let a = 0; a < p; a++) {
      xty[a] += row[a] * y[t - 1];
      for (let b = 0; b < p; b++) xtx[a * 4 + b] += row[a] * row[b];
    }
  }
  const coef = solveSymmetric(xtx, xty, p);
  for (let t = 1; t <= n; t++) {
    const line = coef[0] + coef[1] * t;
    seasonal[t - 1] = season === ADDITIVE ? y[t - 1] - line : y[t - 1] / line;
  }
}

/** Gaussian elimination with partial pivoting on a small p×p system (stride 4); overwrites `a`, `b`. */
function solveSymmetric(a: Float64Array, b: Float64Array, p: number): Float64Array {
  for (let c = 0; c < p; c++) {
    let pivot = c;
    for (let r = c + 1; r < p; r++) if (Math.abs(a[r * 4 + c]) > Math.abs(a[pivot * 4 + c])) pivot = r;
    if (pivot !== c) {
      for (let k = 0; k < p; k++) [a[c * 4 + k], a[pivot * 4 + k]] = [a[pivot * 4 + k], a[c * 4 + k]];
      [b[c], b[pivot]] = [b[pivot], b[c]];
    }
    for (let r = c + 1; r < p; r++) {
      const f = a[r * 4 + c] / a[c * 4 + c];
      for (let k = c; k < p; k++) a[r * 4 + k] -= f * a[c * 4 + k];
      b[r] -= f * b[c];
    }
  }
  for (let c = p - 1; c >= 0; c--) {
    let s = b[c];
    for (let k = c + 1; k < p; k++) s -= a[c * 4 + k] * b[k];
    b[c] = s / a[c * 4 + c];
  }
  return b;
}
