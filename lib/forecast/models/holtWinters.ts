import { squash, unsquash } from '../optimize';
import { decompose } from '../season';
import type { Workspace } from '../workspace';
import type { Model } from './model';

// Holt-Winters in error-correction form with a damped trend (φ ∈ [0.8, 0.98]; as with damped
// trend, damping beat the straight line on M3). params = [α, β, γ, φ, l0, b0, -, -, s_0 .. s_{m−1}]
// with the seasonal start states by phase. Seasonal starts come from a classical decomposition of
// the whole history (with m = 52 and three years there is nothing better to estimate 52 states
// from); level and trend starts from the least-squares line through the first two adjusted
// seasons. α, β (≤ α), γ (≤ 1 − α) and φ minimise the one-step SSE.

const S0 = 8;

/** One-step SSE of the filter from the starts in params, or Infinity when it leaves its domain. */
function hwSse(y: Float64Array, n: number, m: number, multiplicative: boolean, params: Float64Array, ring: Float64Array): number {
  const alpha = params[0];
  const beta = params[1];
  const gamma = params[2];
  const phi = params[3];
  let l = params[4];
  let b = params[5];
  for (let p = 0; p < m; p++) ring[p] = params[S0 + p];
  let sse = 0;
  for (let t = 0, p = 0; t < n; t++, p = p + 1 === m ? 0 : p + 1) {
    const s = ring[p];
    const base = l + phi * b;
    if (multiplicative) {
      const e = y[t] - base * s;
      sse += e * e;
      l = base + (alpha * e) / s;
      b = phi * b + (beta * e) / s;
      ring[p] = s + (gamma * e) / base;
      if (!(l > 0) || !(ring[p] > 0)) return Infinity;
    } else {
      const e = y[t] - base - s;
      sse += e * e;
      l = base + alpha * e;
      b = phi * b + beta * e;
      ring[p] = s + gamma * e;
    }
  }
  return sse;
}

function fitHw(y: Float64Array, n: number, m: number, multiplicative: boolean, params: Float64Array, ws: Workspace): boolean {
  if (m <= 1 || n <= 2 * m) return false;
  if (multiplicative) {
    for (let t = 0; t < n; t++) if (!(y[t] > 0)) return false;
  }
  const seasonStart = params.subarray(S0, S0 + m);
  decompose(y, n, m, multiplicative, seasonStart, ws.scratch);
  const len = 2 * m;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let t = 0; t < len; t++) {
    const z = multiplicative ? y[t] / seasonStart[t % m] : y[t] - seasonStart[t % m];
    sx += t;
    sy += z;
    sxx += t * t;
    sxy += t * z;
  }
  const slope = (len * sxy - sx * sy) / (len * sxx - sx * sx);
  params[5] = slope;
  params[4] = (sy - slope * sx) / len - slope;
  const ring = ws.ring;
  const x = ws.point;
  const objective = (u: Float64Array) => {
    const alpha = squash(u[0], 1e-4, 0.9999);
    params[0] = alpha;
    params[1] = alpha * squash(u[1], 1e-3, 0.999);
    params[2] = (1 - alpha) * squash(u[2], 1e-3, 0.999);
    params[3] = squash(u[3], 0.8, 0.98);
    return hwSse(y, n, m, multiplicative, params, ring);
  };
  x[0] = unsquash(0.3, 1e-4, 0.9999);
  x[1] = unsquash(0.1, 1e-3, 0.999);
  x[2] = unsquash(0.1, 1e-3, 0.999);
  x[3] = unsquash(0.9, 0.8, 0.98);
  const best = ws.optimizer.minimize(objective, x, 4, 1, 80);
  if (!Number.isFinite(best)) return false;
  objective(x);
  return true;
}

function hwForecast(y: Float64Array, n: number, m: number, multiplicative: boolean, params: Float64Array, h: number, from: number, out: Float64Array, ring: Float64Array): void {
  const alpha = params[0];
  const beta = params[1];
  const gamma = params[2];
  const phi = params[3];
  let l = params[4];
  let b = params[5];
  for (let p = 0; p < m; p++) ring[p] = params[S0 + p];
  for (let t = 0; t < n; t++) {
    const p = t % m;
    const s = ring[p];
    const base = l + phi * b;
    if (multiplicative) {
      const e = y[t] - base * s;
      l = base + (alpha * e) / s;
      b = phi * b + (beta * e) / s;
      ring[p] = s + (gamma * e) / base;
    } else {
      const e = y[t] - base - s;
      l = base + alpha * e;
      b = phi * b + beta * e;
      ring[p] = s + gamma * e;
    }
    if (t + 1 < from) continue;
    const row = t * h;
    let damp = 0;
    let pk = 1;
    for (let k = 0; k < h; k++) {
      pk *= phi;
      damp += pk;
      const season = ring[(t + 1 + k) % m];
      out[row + k] = multiplicative ? (l + damp * b) * season : l + damp * b + season;
    }
  }
}

function holtWinters(name: string, multiplicative: boolean): Model {
  return {
    name,
    minLength: (m) => 2 * m + 1,
    fit: (y, n, m, params, ws) => fitHw(y, n, m, multiplicative, params, ws),
    forecast: (y, n, m, params, h, from, out, ws) => hwForecast(y, n, m, multiplicative, params, h, from, out, ws.ring),
  };
}

/** Additive seasonality. */
export const holtWintersAdditive = holtWinters('hw_add', false);
/** Multiplicative seasonality; strictly positive data only. */
export const holtWintersMultiplicative = holtWinters('hw_mul', true);
