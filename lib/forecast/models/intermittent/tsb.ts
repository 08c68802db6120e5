import { NelderMead, squash, unsquash } from '../../optimize';
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { demandStats, SMOOTHING_HI, SMOOTHING_LO } from './demand';

/**
 * Teunter, Syntetos & Babai (2011): smooths the probability of a demand every period (β) and the
 * size of demands when they occur (α), so an item that stops selling fades out instead of
 * freezing at its last rate. One-step SSE, and the forecasts from origins from..n when `out` is given.
 */
export function tsbRun(y: Float64Array, n: number, alpha: number, beta: number, z0: number, p0: number, h: number, from: number, out: Float64Array | null): number {
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

export const tsb: ForecastMethod = {
  name: 'tsb',
  minLength: () => 3,
  create(): FittedMethod {
    const optimizer = new NelderMead();
    const x = new Float64Array(2);
    let alpha = 0.1;
    let beta = 0.1;
    let z0 = 0;
    let p0 = 1;
    const fit = (y: Float64Array, n: number) => {
      const stats = demandStats(y, n);
      if (!stats) return false;
      z0 = stats.size;
      p0 = 1 / stats.interval;
      x[0] = unsquash(0.1, SMOOTHING_LO, SMOOTHING_HI);
      x[1] = unsquash(0.1, SMOOTHING_LO, SMOOTHING_HI);
      optimizer.minimize((u) => tsbRun(y, n, squash(u[0], SMOOTHING_LO, SMOOTHING_HI), squash(u[1], SMOOTHING_LO, SMOOTHING_HI), z0, p0, 0, 0, null), x, 2, 1, 60);
      alpha = squash(x[0], SMOOTHING_LO, SMOOTHING_HI);
      beta = squash(x[1], SMOOTHING_LO, SMOOTHING_HI);
      return true;
    };
    return {
      fit,
      refit: fit,
      forecast(y, n, h, from, out) {
        tsbRun(y, n, alpha, beta, z0, p0, h, from, out);
      },
      variance: () => false,
      describe: () => `tsb(α=${alpha.toFixed(3)}, β=${beta.toFixed(3)})`,
    };
  },
};
