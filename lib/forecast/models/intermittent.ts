import { gridGolden, squash, unsquash } from '../optimize';
import type { Model } from './model';

// Intermittent demand: many zero periods. Croston smooths demand sizes and the intervals between
// demands separately; SBA removes Croston's known upward bias; TSB smooths the probability of a
// demand every period, so an item that stops selling fades out instead of freezing at its last
// rate. Starts: mean nonzero size, mean interval / share of periods with demand. Smoothing
// constants minimise the in-sample one-step squared error within [0.01, 0.5] (larger ones turn the
// methods into noisy naive forecasts).

const LO = 0.01;
const HI = 0.5;

function demandStats(y: Float64Array, n: number, params: Float64Array, at: number): boolean {
  let count = 0;
  let sum = 0;
  for (let t = 0; t < n; t++) {
    if (y[t] > 0) {
      count++;
      sum += y[t];
    }
  }
  if (count === 0) return false;
  params[at] = sum / count;
  params[at + 1] = n / count;
  return true;
}

/** Croston one-step SSE (and forecasts when `out` is given); params = [α, z0, p0]. */
function crostonRun(y: Float64Array, n: number, alpha: number, params: Float64Array, factor: number, h: number, from: number, out: Float64Array | null): number {
  let z = params[1];
  let p = params[2];
  let q = 1;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = (factor * z) / p;
    const v = y[t];
    sse += (v - f) * (v - f);
    if (v > 0) {
      z += alpha * (v - z);
      p += alpha * (q - p);
      q = 1;
    } else {
      q++;
    }
    if (out && t + 1 >= from) {
      const fc = (factor * z) / p;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = fc;
    }
  }
  return sse;
}

function croston(name: string, sba: boolean): Model {
  return {
    name,
    minLength: () => 3,
    fit(y, n, _m, params) {
      if (!demandStats(y, n, params, 1)) return false;
      params[0] = gridGolden((a) => crostonRun(y, n, a, params, sba ? 1 - a / 2 : 1, 0, 0, null), LO, HI, 8, 10);
      return true;
    },
    forecast(y, n, _m, params, h, from, out) {
      crostonRun(y, n, params[0], params, sba ? 1 - params[0] / 2 : 1, h, from, out);
    },
  };
}

/** Croston (1972). */
export const crostonModel = croston('croston', false);
/** Syntetos–Boylan approximation: Croston × (1 − α/2). */
export const sbaModel = croston('sba', true);

/** TSB one-step SSE (and forecasts when `out` is given); params = [α, β, z0, p0 as share]. */
function tsbRun(y: Float64Array, n: number, alpha: number, beta: number, z0: number, p0: number, h: number, from: number, out: Float64Array | null): number {
  let z = z0;
  let p = p0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    const f = p * z;
    sse += (v - f) * (v - f);
    if (v > 0) {
      p += beta * (1 - p);
      z += alpha * (v - z);
    } else {
      p -= beta * p;
    }
    if (out && t + 1 >= from) {
      const fc = p * z;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = fc;
    }
  }
  return sse;
}

/** Teunter, Syntetos & Babai (2011). */
export const tsbModel: Model = {
  name: 'tsb',
  minLength: () => 3,
  fit(y, n, _m, params, ws) {
    if (!demandStats(y, n, params, 2)) return false;
    params[3] = 1 / params[3];
    const z0 = params[2];
    const p0 = params[3];
    const x = ws.point;
    const objective = (u: Float64Array) => tsbRun(y, n, squash(u[0], LO, HI), squash(u[1], LO, HI), z0, p0, 0, 0, null);
    x[0] = unsquash(0.1, LO, HI);
    x[1] = unsquash(0.1, LO, HI);
    ws.optimizer.minimize(objective, x, 2, 1, 60);
    params[0] = squash(x[0], LO, HI);
    params[1] = squash(x[1], LO, HI);
    return true;
  },
  forecast(y, n, _m, params, h, from, out) {
    tsbRun(y, n, params[0], params[1], params[2], params[3], h, from, out);
  },
};
