import { squash, unsquash } from '../optimize';
import { decompose } from '../season';
import type { Workspace } from '../workspace';
import type { Model } from './model';

// Holt-Winters in error-correction form with a damped trend (φ = 1 recovers the classic method).
// params = [α, β, γ, φ, l0, b0, -, -, s_0 .. s_{m−1}] with the seasonal start states by phase.
// Seasonal starts come from a classical decomposition of the whole history (with m = 52 and three
// years there is nothing better to estimate 52 states from); level and trend starts are solved
// exactly for the additive model and taken from a line through the adjusted data otherwise.

const S0 = 8;

function hwSse(y: Float64Array, n: number, m: number, multiplicative: boolean, params: Float64Array, ring: Float64Array, init: boolean): number {
  const alpha = params[0];
  const beta = params[1];
  const gamma = params[2];
  const phi = params[3];
  if (multiplicative) {
    let l = params[4];
    let b = params[5];
    for (let p = 0; p < m; p++) ring[p] = params[S0 + p];
    let sse = 0;
    for (let t = 0; t < n; t++) {
      const p = t % m;
      const s = ring[p];
      const base = l + phi * b;
      const e = y[t] - base * s;
      sse += e * e;
      l = base + (alpha * e) / s;
      b = phi * b + (beta * e) / s;
      ring[p] = s + (gamma * e) / base;
      if (!(l > 0) || !(ring[p] > 0)) return Infinity;
    }
    return sse;
  }
  // Additive: the errors are linear in (l0, b0): run the value filter with zero start and two
  // unit-impulse filters (y = 0), then solve the 2×2 least squares, as in smoothing.ts.
  let la = 0;
  let ba = 0;
  let lc = 1;
  let bc = 0;
  let ld = 0;
  let bd = 1;
  for (let p = 0; p < m; p++) {
    ring[p] = params[S0 + p];
    ring[m + p] = 0;
    ring[2 * m + p] = 0;
  }
  let saa = 0;
  let sac = 0;
  let sad = 0;
  let scc = 0;
  let scd = 0;
  let sdd = 0;
  for (let t = 0; t < n; t++) {
    const p = t % m;
    const fa = la + phi * ba;
    const ea = y[t] - fa - ring[p];
    la = fa + alpha * ea;
    ba = phi * ba + beta * ea;
    ring[p] += gamma * ea;
    const fc = lc + phi * bc;
    const ec = -fc - ring[m + p];
    lc = fc + alpha * ec;
    bc = phi * bc + beta * ec;
    ring[m + p] += gamma * ec;
    const fd = ld + phi * bd;
    const ed = -fd - ring[2 * m + p];
    ld = fd + alpha * ed;
    bd = phi * bd + beta * ed;
    ring[2 * m + p] += gamma * ed;
    saa += ea * ea;
    sac += ea * ec;
    sad += ea * ed;
    scc += ec * ec;
    scd += ec * ed;
    sdd += ed * ed;
  }
  const ridge = 1e-9 * (scc + sdd);
  const a11 = scc + ridge;
  const a22 = sdd + ridge;
  const det = a11 * a22 - scd * scd;
  const l0 = (-sac * a22 + sad * scd) / det;
  const b0 = (-sad * a11 + sac * scd) / det;
  if (init) {
    params[4] = l0;
    params[5] = b0;
  }
  return Math.max(0, saa + l0 * sac + b0 * sad);
}

function fitHw(y: Float64Array, n: number, m: number, multiplicative: boolean, damped: boolean, params: Float64Array, ws: Workspace): boolean {
  if (m <= 1 || n <= 2 * m) return false;
  if (multiplicative) {
    for (let t = 0; t < n; t++) if (!(y[t] > 0)) return false;
  }
  const seasonStart = params.subarray(S0, S0 + m);
  decompose(y, n, m, multiplicative, seasonStart, ws.scratch);
  if (multiplicative) {
    // Level and trend starts: least-squares line through the first two adjusted seasons.
    const len = Math.min(n, 2 * m);
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let t = 0; t < len; t++) {
      const z = y[t] / seasonStart[t % m];
      sx += t;
      sy += z;
      sxx += t * t;
      sxy += t * z;
    }
    const slope = (len * sxy - sx * sy) / (len * sxx - sx * sx);
    const intercept = (sy - slope * sx) / len;
    params[5] = slope;
    params[4] = intercept - slope;
  }
  const ring = ws.ring;
  const x = ws.point;
  const dim = damped ? 4 : 3;
  const objective = (u: Float64Array) => {
    const alpha = squash(u[0], 1e-4, 0.9999);
    params[0] = alpha;
    params[1] = alpha * squash(u[1], 1e-3, 0.999);
    params[2] = (1 - alpha) * squash(u[2], 1e-3, 0.999);
    params[3] = damped ? squash(u[3], 0.8, 0.98) : 1;
    return hwSse(y, n, m, multiplicative, params, ring, false);
  };
  x[0] = unsquash(0.3, 1e-4, 0.9999);
  x[1] = unsquash(0.1, 1e-3, 0.999);
  x[2] = unsquash(0.1, 1e-3, 0.999);
  x[3] = unsquash(0.9, 0.8, 0.98);
  const best = ws.optimizer.minimize(objective, x, dim, 1, damped ? 160 : 120);
  if (!Number.isFinite(best)) return false;
  objective(x);
  hwSse(y, n, m, multiplicative, params, ring, true);
  return true;
}

function hwForecast(y: Float64Array, n: number, m: number, multiplicative: boolean, params: Float64Array, h: number, out: Float64Array, ring: Float64Array): void {
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

function holtWinters(name: string, multiplicative: boolean, damped: boolean): Model {
  return {
    name,
    minLength: (m) => 2 * m + 1,
    fit: (y, n, m, params, ws) => fitHw(y, n, m, multiplicative, damped, params, ws),
    forecast: (y, n, m, params, h, out, ws) => hwForecast(y, n, m, multiplicative, params, h, out, ws.ring),
  };
}

/** Additive seasonality with a damped trend. */
export const holtWintersAdditive = holtWinters('hw_add', false, true);
/** Multiplicative seasonality with a damped trend; strictly positive data only. */
export const holtWintersMultiplicative = holtWinters('hw_mul', true, true);
