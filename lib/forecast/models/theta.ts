import type { Model } from './model';
import { fitSes } from './smoothing';
import { clipSpikes, slope, spikeLimit, TREND_WINDOW } from './trend';

/**
 * Simple exponential smoothing plus half the least-squares slope (the Theta method of M3 in the
 * form of Hyndman & Billah 2003 and R's thetaf). `window` 0 takes the least-squares slope over the
 * whole history (classic Theta), otherwise the spike-robust slope of the last `window` periods
 * (trend.ts). params = [α, l0] (local: [α, l0, spike limit]).
 */
function thetaModel(name: string, window: number): Model {
  return {
    name,
    // The local form also measures its spike limit on the fitting history, so it fits on its own.
    fitKey: window > 0 ? undefined : 'ses',
    minLength: () => 3,
    fit(y, n, _m, params, ws) {
      fitSes(y, n, params);
      if (window > 0) params[2] = spikeLimit(y, n, ws);
      return true;
    },
    forecast(y, n, _m, params, h, from, out, ws) {
      const clean = window > 0 ? clipSpikes(y, n, params[2], ws) : y;
      const alpha = params[0];
      let l = params[1];
      // Running sums for the whole-history slope; the windowed (robust) slope is recomputed (≤ 32 points).
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
          b = slope(clean, Math.max(0, t + 1 - window), t + 1);
        } else {
          const count = t + 1;
          const denom = count * sxx - sx * sx;
          b = denom > 0 ? (count * sxy - sx * sy) / denom : 0;
        }
        // R's thetaf: drift b/2 × (k − 1 + (1 − (1 − α)^n) / α) at step k.
        // A local slope says nothing about the history before its window: the level's lag behind
        // the last point ((1 − (1 − α)^n) / α − 1 periods, up to n/2 for tiny α) is bridged by
        // the slope for at most the window's length.
        const lag = (1 - decay) / alpha - 1;
        const base = window > 0 ? Math.min(lag, window) : lag;
        const row = t * h;
        for (let k = 0; k < h; k++) out[row + k] = l + 0.5 * b * (k + 1 + base);
      }
    },
  };
}

/** The Theta method as in M3 (Assimakopoulos & Nikolopoulos 2000), whole-history drift. */
export const theta = thetaModel('theta', 0);
/** Theta with the drift taken from the last TREND_WINDOW periods (spike-robust, trend.ts). */
export const localTheta = thetaModel('local_theta', TREND_WINDOW);
