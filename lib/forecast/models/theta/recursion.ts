/**
 * The theta models as one state-space recursion (Fiorucci et al. 2016, eqs. 7–10): with
 * w = 1 − 1/θ, q = 1 − α and the line (A_t, B_t) of lines.ts, the one-step forecast from origin t is
 *   μ_{t+1} = ℓ_t + w·D_t,  D_t = A_t·q^t + B_t·(1 − q^{t+1})/α,
 * and the level is simple exponential smoothing of the observations, ℓ_{t+1} = α·y_{t+1} + q·ℓ_t.
 * Further steps feed the forecasts back as observations (for the static line this is a straight
 * continuation with slope w·B).
 */
import { extendLine } from './lines';

/** Layout of a fitted model's numbers. */
export const ALPHA = 0;
export const WEIGHT = 1;
/** ℓ_0, the level before the first observation. */
export const LEVEL = 2;
/** The static line (unused by the dynamic models). */
export const INTERCEPT = 3;
export const SLOPE = 4;
/** In-sample one-step mean squared error. */
export const MSE = 5;
export const FIT_SIZE = 6;

/** θ ≤ 1e10 (the paper's bound): w stays below 1. */
const MAX_WEIGHT = 1 - 1e-10;

/**
 * For a given α the one-step errors are linear in ℓ_0 and w (ℓ_t = L_t + q^t·ℓ_0, L_t the
 * smoothing of y from 0), so the least squares over (ℓ_0, w) is exact and cheap: the fit searches
 * α alone. Writes α, w, ℓ_0 and the MSE into `fit` (its line already set for static models) and
 * returns the MSE. `weight` fixes w (NaN: least squares within [0, 1), i.e. θ ≥ 1). `drift`
 * false scores plain smoothing errors (y − ℓ_t), which R's thetaf minimises. The dynamic models
 * score errors from the third observation on, when their line has two points.
 */
export function profile(
  y: Float64Array,
  n: number,
  alpha: number,
  weight: number,
  dynamic: boolean,
  drift: boolean,
  a: Float64Array,
  b: Float64Array,
  fit: Float64Array,
): number {
  const q = 1 - alpha;
  const start = dynamic ? 2 : 0;
  const A = fit[INTERCEPT];
  const B = fit[SLOPE];
  let smooth = 0;
  let qt = 1;
  let srr = 0;
  let src = 0;
  let srd = 0;
  let scc = 0;
  let scd = 0;
  let sdd = 0;
  for (let t = 0; t < n; t++) {
    if (t >= start) {
      const d = drift ? (dynamic ? a[t] : A) * qt + ((dynamic ? b[t] : B) * (1 - qt * q)) / alpha : 0;
      const r = y[t] - smooth;
      srr += r * r;
      src += r * qt;
      srd += r * d;
      scc += qt * qt;
      scd += qt * d;
      sdd += d * d;
    }
    smooth = alpha * y[t] + q * smooth;
    qt *= q;
  }
  let w = drift ? weight : 0;
  if (Number.isNaN(w)) {
    const det = scc * sdd - scd * scd;
    w = det > 1e-12 * scc * sdd ? (scc * srd - scd * src) / det : 0;
    w = Math.min(Math.max(w, 0), MAX_WEIGHT);
  }
  const level = (src - w * scd) / scc;
  const sse = srr - 2 * level * src - 2 * w * srd + level * level * scc + 2 * level * w * scd + w * w * sdd;
  const mse = Math.max(sse, 0) / (n - start);
  fit[ALPHA] = alpha;
  fit[WEIGHT] = w;
  fit[LEVEL] = level;
  fit[MSE] = mse;
  return mse;
}

/**
 * The h-step forecasts from every origin t = max(from, 1)..n of `y[0..n)` with a fitted model,
 * into `out[(t − 1)·h + k − 1]`. `state` is 6 numbers of scratch (the dynamic line and its
 * continuation over the horizon).
 */
export function runForecasts(
  y: Float64Array,
  n: number,
  h: number,
  from: number,
  out: Float64Array,
  fit: Float64Array,
  dynamic: boolean,
  state: Float64Array,
): void {
  const alpha = fit[ALPHA];
  const w = fit[WEIGHT];
  const q = 1 - alpha;
  let level = fit[LEVEL];
  let qt = 1;
  for (let t = 0; t <= n; t++) {
    if (t >= from && t >= 1) {
      const row = (t - 1) * h;
      if (dynamic) {
        // Continue level and line with the forecasts as if they were observed.
        state[3] = state[0];
        state[4] = state[1];
        state[5] = state[2];
        let l = level;
        let qs = qt;
        for (let k = 0; k < h; k++) {
          const f = l + w * (state[4] * qs + (state[5] * (1 - qs * q)) / alpha);
          out[row + k] = f;
          l = alpha * f + q * l;
          qs *= q;
          extendLine(state, 3, t + k + 1, f);
        }
      } else {
        const B = fit[SLOPE];
        const first = level + w * (fit[INTERCEPT] * qt + (B * (1 - qt * q)) / alpha);
        for (let k = 0; k < h; k++) out[row + k] = first + w * B * k;
      }
    }
    if (t < n) {
      level = alpha * y[t] + q * level;
      qt *= q;
      if (dynamic) extendLine(state, 0, t + 1, y[t]);
    }
  }
}
