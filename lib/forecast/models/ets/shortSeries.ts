/**
 * R's rule for series too short for the likelihood search (n ≤ 6): Holt's linear method and simple
 * exponential smoothing fitted by least squares from the first observations (R's HoltWintersZZ), the
 * one with the smaller residual variance kept. Both are class-1 forms (ETS β = α·Holt β).
 */
import { ADDITIVE, NONE } from './form';
import { NelderMead } from './nelderMead';
import type { EtsModel } from './recursions';

const optimizer = new NelderMead();
const par = new Float64Array(2);

/** Sum of squared one-step errors from level y0 (and slope y1 − y0 with a trend). */
function sse(y: Float64Array, n: number, alpha: number, beta: number, trend: boolean): number {
  if (!(alpha >= 0 && alpha <= 1 && beta >= 0 && beta <= 1)) return Infinity;
  let level = y[0];
  let slope = trend ? y[1] - y[0] : 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    const forecast = level + slope;
    sum += (y[t] - forecast) * (y[t] - forecast);
    const next = alpha * y[t] + (1 - alpha) * forecast;
    if (trend) slope = beta * (next - level) + (1 - beta) * slope;
    level = next;
  }
  return sum;
}

/** Fits into `model`; returns σ² (mean squared error), NaN when neither form fits. */
export function fitShortSeries(y: Float64Array, n: number, model: EtsModel): number {
  let best = Infinity;
  for (const trend of n >= 2 ? [true, false] : [false]) {
    par[0] = 0.2;
    par[1] = 0.02;
    const value = optimizer.minimize((x) => sse(y, n, x[0], trend ? x[1] : 0, trend), par, trend ? 2 : 1, 1e-8, 500);
    if (!(value / n < best)) continue;
    best = value / n;
    Object.assign(model, {
      form: { error: ADDITIVE, trend: trend ? ADDITIVE : NONE, damped: false, season: NONE },
      m: 1,
      alpha: par[0],
      beta: trend ? par[0] * par[1] : 0,
      gamma: 0,
      phi: 1,
      level: y[0],
      slope: trend ? y[1] - y[0] : 0,
    });
  }
  return best;
}
