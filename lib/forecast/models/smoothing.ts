import { gridGolden, squash, unsquash } from '../optimize';
import type { Workspace } from '../workspace';
import type { Model } from './model';

// Exponential smoothing in error-correction form: f = l + φb; e = y − f; l ← f + αe; b ← φb + βe
// (β ≤ α, as in R's ets). Bounds are R's: α, β ∈ [1e-4, 0.9999], φ ∈ [0.8, 0.98].

const ALPHA_LO = 1e-4;
const ALPHA_HI = 0.9999;
const BETA_SHARE_LO = 1e-3;
const BETA_SHARE_HI = 0.999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;

/**
 * One-step SSE of simple exponential smoothing with the best initial level, written to `init[0]`:
 * with α fixed the errors are linear in the initial level, so it is solved exactly (R's ses fits
 * it by search; the optimum is the same).
 */
export function sesSse(y: Float64Array, n: number, alpha: number, init: Float64Array | null): number {
  let la = 0;
  let lc = 1;
  let saa = 0;
  let sac = 0;
  let scc = 0;
  for (let t = 0; t < n; t++) {
    const ea = y[t] - la;
    const ec = -lc;
    la += alpha * ea;
    lc += alpha * ec;
    saa += ea * ea;
    sac += ea * ec;
    scc += ec * ec;
  }
  const l0 = -sac / scc;
  if (init) init[0] = l0;
  return Math.max(0, saa + l0 * sac);
}

/** Fits α and the initial level: params = [α, l0]. */
export function fitSes(y: Float64Array, n: number, params: Float64Array): void {
  const alpha = gridGolden((a) => sesSse(y, n, a, null), ALPHA_LO, ALPHA_HI, 12, 14);
  params[0] = alpha;
  sesSse(y, n, alpha, params.subarray(1, 2));
}

/** One-step SSE of the trend filter from the given start. */
export function trendSse(y: Float64Array, n: number, alpha: number, beta: number, phi: number, l0: number, b0: number): number {
  let l = l0;
  let b = b0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = l + phi * b;
    const e = y[t] - f;
    l = f + alpha * e;
    b = phi * b + beta * e;
    sse += e * e;
  }
  return sse;
}

/**
 * Start level and trend: the least-squares line through the first ten points (R's ets start).
 * Kept fixed rather than optimised: solving them exactly overfits the first few points of short
 * series and measurably worsened M3 forecasts (yearly, quarterly and other alike).
 */
export function startLine(y: Float64Array, n: number, out: Float64Array, at: number): void {
  const len = Math.min(n, 10);
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 1; t <= len; t++) {
    const v = y[t - 1];
    sx += t;
    sy += v;
    sxx += t * t;
    sxy += t * v;
  }
  const denom = len * sxx - sx * sx;
  const slope = denom > 0 ? (len * sxy - sx * sy) / denom : 0;
  out[at] = (sy - slope * sx) / len;
  out[at + 1] = slope;
}

/** Writes the trend filter's forecasts from every origin; params = [α, β, φ, l0, b0]. */
function trendForecast(y: Float64Array, n: number, params: Float64Array, h: number, from: number, out: Float64Array): void {
  const alpha = params[0];
  const beta = params[1];
  const phi = params[2];
  let l = params[3];
  let b = params[4];
  for (let t = 0; t < n; t++) {
    const f = l + phi * b;
    const e = y[t] - f;
    l = f + alpha * e;
    b = phi * b + beta * e;
    if (t + 1 < from) continue;
    const row = t * h;
    let damp = 0;
    let pk = 1;
    for (let k = 0; k < h; k++) {
      pk *= phi;
      damp += pk;
      out[row + k] = l + damp * b;
    }
  }
}

const A_STARTS = [0.1, 0.3, 0.6, 0.9];

/** Fits α, β (as a share of α) and, when `damped`, φ by one-step SSE; params = [α, β, φ, l0, b0]. */
function fitTrend(y: Float64Array, n: number, damped: boolean, params: Float64Array, ws: Workspace): void {
  startLine(y, n, params, 3);
  const l0 = params[3];
  const b0 = params[4];
  const x = ws.point;
  const objective = (u: Float64Array) => {
    const alpha = squash(u[0], ALPHA_LO, ALPHA_HI);
    const beta = alpha * squash(u[1], BETA_SHARE_LO, BETA_SHARE_HI);
    const phi = damped ? squash(u[2], PHI_LO, PHI_HI) : 1;
    return trendSse(y, n, alpha, beta, phi, l0, b0);
  };
  const reset = (a0: number) => {
    x[0] = unsquash(a0, ALPHA_LO, ALPHA_HI);
    x[1] = unsquash(0.1, BETA_SHARE_LO, BETA_SHARE_HI);
    x[2] = unsquash(0.9, PHI_LO, PHI_HI);
  };
  // A few starts on α pick the basin; Nelder–Mead refines from the best.
  let best = Infinity;
  let bestStart = A_STARTS[0];
  for (const a0 of A_STARTS) {
    reset(a0);
    const v = objective(x);
    if (v < best) {
      best = v;
      bestStart = a0;
    }
  }
  reset(bestStart);
  ws.optimizer.minimize(objective, x, damped ? 3 : 2, 1, damped ? 80 : 50);
  const alpha = squash(x[0], ALPHA_LO, ALPHA_HI);
  params[0] = alpha;
  params[1] = alpha * squash(x[1], BETA_SHARE_LO, BETA_SHARE_HI);
  params[2] = damped ? squash(x[2], PHI_LO, PHI_HI) : 1;
}

/** Simple exponential smoothing: flat forecast at the smoothed level. params = [α, l0]. */
export const ses: Model = {
  name: 'ses',
  fitKey: 'ses',
  minLength: () => 2,
  fit(y, n, _m, params) {
    fitSes(y, n, params);
    return true;
  },
  forecast(y, n, _m, params, h, from, out) {
    const alpha = params[0];
    let l = params[1];
    for (let t = 0; t < n; t++) {
      l += alpha * (y[t] - l);
      if (t + 1 < from) continue;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = l;
    }
  },
};

/** Holt's linear trend. params = [α, β, 1, l0, b0]. */
export const holt: Model = {
  name: 'holt',
  minLength: () => 4,
  fit(y, n, _m, params, ws) {
    fitTrend(y, n, false, params, ws);
    return true;
  },
  forecast: (y, n, _m, params, h, from, out) => trendForecast(y, n, params, h, from, out),
};

/** Damped trend (Gardner & McKenzie 1985): the trend fades by φ per step. params = [α, β, φ, l0, b0]. */
export const damped: Model = {
  name: 'damped',
  minLength: () => 5,
  fit(y, n, _m, params, ws) {
    fitTrend(y, n, true, params, ws);
    return true;
  },
  forecast: (y, n, _m, params, h, from, out) => trendForecast(y, n, params, h, from, out),
};
