import { gridGolden, squash, unsquash } from '../optimize';
import type { Workspace } from '../workspace';
import type { Model } from './model';

// Exponential smoothing in error-correction form: f = l + φb; e = y − f; l ← f + αe; b ← φb + βe.
// With α, β, φ fixed the one-step errors are linear in the initial level and trend, so those two
// are solved exactly by least squares for every trial of the smoothing parameters ("concentrated"
// SSE): short series then get the best start, not a heuristic one.

const ALPHA_LO = 1e-4;
const ALPHA_HI = 0.9999;
const PHI_LO = 0.8;
const PHI_HI = 0.98;

/** One-step SSE of simple exponential smoothing with the best initial level (written to `init[0]`). */
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

/**
 * One-step SSE of the (damped) trend filter with the best initial level and trend, written to
 * `init[0..2)` when given. φ = 1 is Holt's linear trend.
 */
export function trendSse(y: Float64Array, n: number, alpha: number, beta: number, phi: number, init: Float64Array | null): number {
  let la = 0;
  let ba = 0;
  let lc = 1;
  let bc = 0;
  let ld = 0;
  let bd = 1;
  let saa = 0;
  let sac = 0;
  let sad = 0;
  let scc = 0;
  let scd = 0;
  let sdd = 0;
  for (let t = 0; t < n; t++) {
    const fa = la + phi * ba;
    const ea = y[t] - fa;
    la = fa + alpha * ea;
    ba = phi * ba + beta * ea;
    const fc = lc + phi * bc;
    lc = fc - alpha * fc;
    bc = phi * bc - beta * fc;
    const fd = ld + phi * bd;
    ld = fd - alpha * fd;
    bd = phi * bd - beta * fd;
    // the impulse responses' errors are −fc and −fd
    saa += ea * ea;
    sac -= ea * fc;
    sad -= ea * fd;
    scc += fc * fc;
    scd += fc * fd;
    sdd += fd * fd;
  }
  // Minimise Σ(ea + l0·ec + b0·ed)²: [scc scd; scd sdd]·[l0 b0] = −[sac sad]. A tiny ridge keeps
  // two-point series solvable.
  const ridge = 1e-9 * (scc + sdd);
  const a11 = scc + ridge;
  const a22 = sdd + ridge;
  const det = a11 * a22 - scd * scd;
  const l0 = (-sac * a22 + sad * scd) / det;
  const b0 = (-sad * a11 + sac * scd) / det;
  if (init) {
    init[0] = l0;
    init[1] = b0;
  }
  return Math.max(0, saa + l0 * sac + b0 * sad);
}

/** Writes the trend filter's forecasts from every origin; params = [α, β, φ, l0, b0]. */
function trendForecast(y: Float64Array, n: number, params: Float64Array, h: number, out: Float64Array): void {
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

/** Fits α, β (as a share of α, so β ≤ α) and, when `damped`, φ; params = [α, β, φ, l0, b0]. */
function fitTrend(y: Float64Array, n: number, damped: boolean, params: Float64Array, ws: Workspace): void {
  const x = ws.point;
  const objective = (u: Float64Array) => {
    const alpha = squash(u[0], ALPHA_LO, ALPHA_HI);
    const beta = alpha * squash(u[1], 1e-3, 0.999);
    const phi = damped ? squash(u[2], PHI_LO, PHI_HI) : 1;
    return trendSse(y, n, alpha, beta, phi, null);
  };
  // A few starts on α pick the basin; Nelder–Mead refines from the best.
  let best = Infinity;
  let bestA = 0.3;
  for (const a0 of [0.1, 0.3, 0.6, 0.9]) {
    x[0] = unsquash(a0, ALPHA_LO, ALPHA_HI);
    x[1] = unsquash(0.1, 1e-3, 0.999);
    x[2] = unsquash(0.9, PHI_LO, PHI_HI);
    const v = objective(x);
    if (v < best) {
      best = v;
      bestA = a0;
    }
  }
  x[0] = unsquash(bestA, ALPHA_LO, ALPHA_HI);
  x[1] = unsquash(0.1, 1e-3, 0.999);
  x[2] = unsquash(0.9, PHI_LO, PHI_HI);
  ws.optimizer.minimize(objective, x, damped ? 3 : 2, 1, damped ? 120 : 80);
  const alpha = squash(x[0], ALPHA_LO, ALPHA_HI);
  params[0] = alpha;
  params[1] = alpha * squash(x[1], 1e-3, 0.999);
  params[2] = damped ? squash(x[2], PHI_LO, PHI_HI) : 1;
  trendSse(y, n, params[0], params[1], params[2], params.subarray(3, 5));
}

/** Simple exponential smoothing: flat forecast at the smoothed level. params = [α, l0]. */
export const ses: Model = {
  name: 'ses',
  minLength: () => 2,
  fit(y, n, _m, params) {
    fitSes(y, n, params);
    return true;
  },
  forecast(y, n, _m, params, h, out) {
    const alpha = params[0];
    let l = params[1];
    for (let t = 0; t < n; t++) {
      l += alpha * (y[t] - l);
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = l;
    }
  },
};

/** Holt's linear trend. */
export const holt: Model = {
  name: 'holt',
  minLength: () => 4,
  fit(y, n, _m, params, ws) {
    fitTrend(y, n, false, params, ws);
    return true;
  },
  forecast: (y, n, _m, params, h, out) => trendForecast(y, n, params, h, out),
};

/** Damped trend (Gardner & McKenzie): the trend fades by φ per step, φ ∈ [0.8, 0.98]. */
export const damped: Model = {
  name: 'damped',
  minLength: () => 5,
  fit(y, n, _m, params, ws) {
    fitTrend(y, n, true, params, ws);
    return true;
  },
  forecast: (y, n, _m, params, h, out) => trendForecast(y, n, params, h, out),
};
