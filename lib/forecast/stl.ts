/**
 * STL: seasonal-trend decomposition by LOESS (Cleveland, Cleveland, McRae & Terpenning 1990),
 * the inner loop only (no robustness iterations), with the windows, degrees and jumps R's `stl`
 * uses by default. `y = seasonal + trend + remainder`.
 *
 * Positions inside the LOESS helpers are 1-based, as in the paper's description of the local fits,
 * so that window arithmetic reads as published; arrays are addressed through an explicit offset.
 */

export interface StlWindows {
  /** Seasonal (cycle-subseries) window, odd; `periodic` averages each phase's seasonal values. */
  seasonal: number;
  periodic: boolean;
  seasonalDegree: number;
  trend: number;
  lowPass: number;
  seasonalJump: number;
  trendJump: number;
  lowPassJump: number;
  /** Inner-loop passes (R: 2 without robustness). */
  inner: number;
}

const nextOdd = (x: number): number => {
  const r = Math.round(x);
  return r % 2 === 0 ? r + 1 : r;
};

/**
 * R's `stl(x, s.window)` defaults for a series of length n and period m: s.window "periodic" (or an
 * odd span such as `mstl`'s 11), s.degree 0, t.window = nextodd(ceiling(1.5 m / (1 − 1.5 / s.window))),
 * l.window = nextodd(m), jumps = ceiling(window / 10), two inner passes.
 */
export function stlWindows(n: number, m: number, seasonalWindow: number | 'periodic'): StlWindows {
  const periodic = seasonalWindow === 'periodic';
  const sw = periodic ? 10 * n + 1 : seasonalWindow;
  const tw = nextOdd(Math.ceil((1.5 * m) / (1 - 1.5 / sw)));
  const lw = nextOdd(m);
  return {
    seasonal: sw,
    periodic,
    seasonalDegree: 0,
    trend: tw,
    lowPass: lw,
    seasonalJump: Math.ceil(sw / 10),
    trendJump: Math.ceil(tw / 10),
    lowPassJump: Math.ceil(lw / 10),
    inner: 2,
  };
}

/** Reusable working memory for `stl` on series up to `maxN` long with period up to `maxM`. */
export class StlScratch {
  readonly work: Float64Array[];
  readonly sub: Float64Array[];
  constructor(
    readonly maxN: number,
    readonly maxM: number,
  ) {
    const len = maxN + 2 * maxM;
    this.work = Array.from({ length: 5 }, () => new Float64Array(len));
    const subLen = Math.ceil(maxN / Math.max(1, maxM)) + 3;
    this.sub = Array.from({ length: 4 }, () => new Float64Array(subLen));
  }
}

/**
 * Local weighted fit at position xs (1-based) from y[nleft..nright] with tricube weights; degree 0
 * (mean) or 1 (line). Writes nothing but returns NaN when every weight is zero.
 */
function localFit(y: Float64Array, yOff: number, n: number, len: number, degree: number, xs: number, nleft: number, nright: number, w: Float64Array, wOff: number): number {
  const range = n - 1;
  let h = Math.max(xs - nleft, nright - xs);
  if (len > n) h += Math.trunc((len - n) / 2);
  const h9 = 0.999 * h;
  const h1 = 0.001 * h;
  let a = 0;
  for (let j = nleft; j <= nright; j++) {
    let wj = 0;
    const r = Math.abs(j - xs);
    if (r <= h9) {
      if (r <= h1) wj = 1;
      else {
        const q = r / h;
        const c = 1 - q * q * q;
        wj = c * c * c;
      }
    }
    w[wOff + j - 1] = wj;
    a += wj;
  }
  if (a <= 0) return NaN;
  for (let j = nleft; j <= nright; j++) w[wOff + j - 1] /= a;
  if (h > 0 && degree > 0) {
    let mean = 0;
    for (let j = nleft; j <= nright; j++) mean += w[wOff + j - 1] * j;
    let b = xs - mean;
    let c = 0;
    for (let j = nleft; j <= nright; j++) c += w[wOff + j - 1] * (j - mean) * (j - mean);
    if (Math.sqrt(c) > 0.001 * range) {
      b /= c;
      for (let j = nleft; j <= nright; j++) w[wOff + j - 1] *= b * (j - mean) + 1;
    }
  }
  let ys = 0;
  for (let j = nleft; j <= nright; j++) ys += w[wOff + j - 1] * y[yOff + j - 1];
  return ys;
}

/** LOESS smooth of y[0..n) with span `len`, evaluated every `jump` points and interpolated linearly between. */
function loess(y: Float64Array, yOff: number, n: number, len: number, degree: number, jump: number, out: Float64Array, outOff: number, w: Float64Array): void {
  if (n < 2) {
    out[outOff] = y[yOff];
    return;
  }
  const step = Math.min(jump, n - 1);
  // The last point, when the jumps miss it, is fitted on the window of the last point fitted.
  let lastLeft = 1;
  let lastRight = n;
  const fitAt = (i: number, nleft: number, nright: number) => {
    lastLeft = nleft;
    lastRight = nright;
    const v = localFit(y, yOff, n, len, degree, i, nleft, nright, w, 0);
    out[outOff + i - 1] = Number.isNaN(v) ? y[yOff + i - 1] : v;
  };
  if (len >= n) {
    for (let i = 1; i <= n; i += step) fitAt(i, 1, n);
  } else if (step === 1) {
    const half = (len + 1) >> 1;
    let nleft = 1;
    let nright = len;
    for (let i = 1; i <= n; i++) {
      if (i > half && nright !== n) {
        nleft++;
        nright++;
      }
      fitAt(i, nleft, nright);
    }
  } else {
    const half = (len + 1) >> 1;
    for (let i = 1; i <= n; i += step) {
      if (i < half) fitAt(i, 1, len);
      else if (i >= n - half + 1) fitAt(i, n - len + 1, n);
      else fitAt(i, i - half + 1, len + i - half);
    }
  }
  if (step === 1) return;
  for (let i = 1; i <= n - step; i += step) {
    const delta = (out[outOff + i + step - 1] - out[outOff + i - 1]) / step;
    for (let j = i + 1; j < i + step; j++) out[outOff + j - 1] = out[outOff + i - 1] + delta * (j - i);
  }
  const k = Math.trunc((n - 1) / step) * step + 1;
  if (k !== n) {
    fitAt(n, lastLeft, lastRight);
    if (k !== n - 1) {
      const delta = (out[outOff + n - 1] - out[outOff + k - 1]) / (n - k);
      for (let j = k + 1; j < n; j++) out[outOff + j - 1] = out[outOff + k - 1] + delta * (j - k);
    }
  }
}

/** Moving average of span `len` over x[0..n) into ave[0..n-len+1). */
function movingAverage(x: Float64Array, n: number, len: number, ave: Float64Array): void {
  let v = 0;
  for (let i = 0; i < len; i++) v += x[i];
  ave[0] = v / len;
  for (let j = 1; j <= n - len; j++) {
    v += x[len + j - 1] - x[j - 1];
    ave[j] = v / len;
  }
}

/**
 * Cycle-subseries smoothing: each phase's values smoothed by LOESS and extended one cycle before
 * and after, into season[0..n + 2m).
 */
function smoothSubseries(y: Float64Array, n: number, m: number, win: StlWindows, season: Float64Array, s: StlScratch): void {
  const [values, smooth, weights] = s.sub;
  for (let j = 0; j < m; j++) {
    const k = Math.trunc((n - j - 1) / m) + 1;
    for (let i = 0; i < k; i++) values[i] = y[i * m + j];
    loess(values, 0, k, win.seasonal, win.seasonalDegree, win.seasonalJump, smooth, 1, weights);
    const first = localFit(values, 0, k, win.seasonal, win.seasonalDegree, 0, 1, Math.min(win.seasonal, k), weights, 0);
    smooth[0] = Number.isNaN(first) ? smooth[1] : first;
    const last = localFit(values, 0, k, win.seasonal, win.seasonalDegree, k + 1, Math.max(1, k - win.seasonal + 1), k, weights, 0);
    smooth[k + 1] = Number.isNaN(last) ? smooth[k] : last;
    for (let i = 0; i < k + 2; i++) season[i * m + j] = smooth[i];
  }
}

/**
 * Decomposes y[0..n) of period m (n > 2m) into seasonal[0..n) and trend[0..n) with windows `win`
 * (see `stlWindows`); the remainder is y − seasonal − trend.
 */
export function stl(y: Float64Array, n: number, m: number, seasonal: Float64Array, trend: Float64Array, win: StlWindows, scratch: StlScratch): void {
  if (m < 2 || n <= 2 * m) throw new Error(`stl: needs period ≥ 2 and more than two periods (n = ${n}, m = ${m})`);
  if (n > scratch.maxN || m > scratch.maxM) throw new Error(`stl: scratch sized for n ≤ ${scratch.maxN}, m ≤ ${scratch.maxM}`);
  const w = {
    ...win,
    seasonal: Math.max(3, win.seasonal + (win.seasonal % 2 === 0 ? 1 : 0)),
    trend: Math.max(3, win.trend + (win.trend % 2 === 0 ? 1 : 0)),
    lowPass: Math.max(3, win.lowPass + (win.lowPass % 2 === 0 ? 1 : 0)),
  };
  const [w1, w2, w3, w4] = scratch.work;
  trend.fill(0, 0, n);
  for (let pass = 0; pass < w.inner; pass++) {
    for (let i = 0; i < n; i++) w1[i] = y[i] - trend[i];
    smoothSubseries(w1, n, m, w, w2, scratch);
    // Low-pass filter of the cycle-subseries: moving averages of m, m and 3, then LOESS.
    movingAverage(w2, n + 2 * m, m, w3);
    movingAverage(w3, n + m + 1, m, w1);
    movingAverage(w1, n + 2, 3, w3);
    loess(w3, 0, n, w.lowPass, 1, w.lowPassJump, w1, 0, w4);
    for (let i = 0; i < n; i++) seasonal[i] = w2[m + i] - w1[i];
    for (let i = 0; i < n; i++) w1[i] = y[i] - seasonal[i];
    loess(w1, 0, n, w.trend, 1, w.trendJump, trend, 0, w3);
  }
  if (w.periodic) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      let count = 0;
      for (let i = j; i < n; i += m) {
        sum += seasonal[i];
        count++;
      }
      for (let i = j; i < n; i += m) seasonal[i] = sum / count;
    }
  }
}
