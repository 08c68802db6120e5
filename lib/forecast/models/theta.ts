import type { Model } from './model';
import { fitSes } from './smoothing';

/**
 * Periods a local trend looks back: long enough to average out noise, short enough that a trend
 * which turned years ago no longer drives the forecast (on M3 "other", long histories whose trend
 * changed, the whole-history slope was what made theta and drift lose to damped trend).
 */
export const TREND_WINDOW = 32;

/** Least-squares slope of y[from .. to) on time. */
function slope(y: Float64Array, from: number, to: number): number {
  const count = to - from;
  if (count < 2) return 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < count; i++) {
    const v = y[from + i];
    sx += i;
    sy += v;
    sxx += i * i;
    sxy += i * v;
  }
  return (count * sxy - sx * sy) / (count * sxx - sx * sx);
}

/**
 * Simple exponential smoothing plus half the least-squares slope (the Theta method of M3 in the
 * form of Hyndman & Billah 2003 and R's thetaf). `window` 0 takes the slope over the whole
 * history (classic Theta), otherwise over the last `window` periods. params = [α, l0].
 */
function thetaModel(name: string, window: number): Model {
  return {
    name,
    fitKey: 'ses',
    minLength: () => 3,
    fit(y, n, _m, params) {
      fitSes(y, n, params);
      return true;
    },
    forecast(y, n, _m, params, h, from, out) {
      const alpha = params[0];
      let l = params[1];
      // Running sums for the whole-history slope; the windowed slope is recomputed (≤ 32 points).
      let sx = 0;
      let sy = 0;
      let sxx = 0;
      let sxy = 0;
      let decay = 1;
      for (let t = 0; t < n; t++) {
        const v = y[t];
        l += alpha * (v - l);
        decay *= 1 - alpha;
        sx += t;
        sy += v;
        sxx += t * t;
        sxy += t * v;
        if (t + 1 < from) continue;
        let b: number;
        if (window > 0) {
          b = slope(y, Math.max(0, t + 1 - window), t + 1);
        } else {
          const count = t + 1;
          const denom = count * sxx - sx * sx;
          b = denom > 0 ? (count * sxy - sx * sy) / denom : 0;
        }
        // R's thetaf: drift b/2 × (k − 1 + (1 − (1 − α)^n) / α) at step k.
        const base = (1 - decay) / alpha - 1;
        const row = t * h;
        for (let k = 0; k < h; k++) out[row + k] = l + 0.5 * b * (k + 1 + base);
      }
    },
  };
}

/** The Theta method as in M3 (Assimakopoulos & Nikolopoulos 2000), whole-history drift. */
export const theta = thetaModel('theta', 0);
/** Theta with the drift taken from the last TREND_WINDOW periods. */
export const localTheta = thetaModel('local_theta', TREND_WINDOW);
