import { gridGolden } from '../../optimize';
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { demandStats, SMOOTHING_HI, SMOOTHING_LO } from './demand';

/**
 * Croston (1972) smooths demand sizes and the intervals between demands separately; the
 * Syntetos–Boylan approximation multiplies by (1 − α/2) to remove Croston's upward bias.
 * One-step SSE, and the forecasts from origins from..n when `out` is given.
 */
export function crostonRun(y: Float64Array, n: number, alpha: number, size0: number, interval0: number, factor: number, h: number, from: number, out: Float64Array | null): number {
  let z = size0;
  let p = interval0;
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

function crostonMethod(name: string, debiased: boolean): ForecastMethod {
  return {
    name,
    minLength: () => 3,
    create(): FittedMethod {
      let alpha = 0.1;
      let size0 = 0;
      let interval0 = 1;
      const factor = (a: number) => (debiased ? 1 - a / 2 : 1);
      const fit = (y: Float64Array, n: number) => {
        const stats = demandStats(y, n);
        if (!stats) return false;
        size0 = stats.size;
        interval0 = stats.interval;
        alpha = gridGolden((a) => crostonRun(y, n, a, size0, interval0, factor(a), 0, 0, null), SMOOTHING_LO, SMOOTHING_HI, 8, 10);
        return true;
      };
      return {
        fit,
        refit: fit,
        forecast(y, n, h, from, out) {
          crostonRun(y, n, alpha, size0, interval0, factor(alpha), h, from, out);
        },
        variance: () => false,
        describe: () => `${name}(α=${alpha.toFixed(3)})`,
      };
    },
  };
}

export const croston = crostonMethod('croston', false);
export const sba = crostonMethod('sba', true);
