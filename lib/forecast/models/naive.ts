import type { Model } from './model';
import { TREND_WINDOW } from './theta';

/** Last value carried forward. */
export const naive: Model = {
  name: 'naive',
  minLength: () => 1,
  fit: () => true,
  forecast(y, n, _m, _p, h, from, out) {
    for (let t = from; t <= n; t++) {
      const last = y[t - 1];
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = last;
    }
  },
};

/** Value of the same phase one season earlier (naive until a full season exists). */
export const seasonalNaive: Model = {
  name: 'snaive',
  minLength: (m) => m + 1,
  fit: (_y, _n, m) => m > 1,
  forecast(y, n, m, _p, h, from, out) {
    for (let t = from; t <= n; t++) {
      const row = (t - 1) * h;
      if (t < m) {
        for (let k = 0; k < h; k++) out[row + k] = y[t - 1];
        continue;
      }
      for (let k = 0; k < h; k++) out[row + k] = y[t - m + (k % m)];
    }
  },
};

/**
 * Random walk with drift: the last value plus the average step over the last `window` periods
 * (0 = the whole history). params = [slope] as fitted on the history, for display.
 */
function driftModel(name: string, window: number): Model {
  return {
    name,
    minLength: () => 2,
    fit(y, n, _m, params) {
      const back = window > 0 ? Math.min(window, n - 1) : n - 1;
      params[0] = (y[n - 1] - y[n - 1 - back]) / back;
      return true;
    },
    forecast(y, n, _m, _p, h, from, out) {
      for (let t = from; t <= n; t++) {
        const last = y[t - 1];
        const back = window > 0 ? Math.min(window, t - 1) : t - 1;
        const step = back > 0 ? (last - y[t - 1 - back]) / back : 0;
        const row = (t - 1) * h;
        for (let k = 0; k < h; k++) out[row + k] = last + (k + 1) * step;
      }
    },
  };
}

/** Drift over the whole history (the line through the first and last observation). */
export const drift = driftModel('drift', 0);
/** Drift over the last TREND_WINDOW periods. */
export const localDrift = driftModel('local_drift', TREND_WINDOW);
