import type { Model } from './model';
import { localSteps, robustStep, stepLimit, TREND_WINDOW } from './trend';

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
 * Random walk with drift: the last value plus the average step over the whole history (the line
 * through the first and last observation). params = [slope] as fitted on the history, for display.
 */
export const drift: Model = {
  name: 'drift',
  minLength: () => 2,
  fit(y, n, _m, params) {
    params[0] = (y[n - 1] - y[0]) / (n - 1);
    return true;
  },
  forecast(y, n, _m, _p, h, from, out) {
    for (let t = from; t <= n; t++) {
      const last = y[t - 1];
      const step = t > 1 ? (last - y[0]) / (t - 1) : 0;
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = last + (k + 1) * step;
    }
  },
};

/**
 * Local drift: the last value plus the spike-robust slope of the last TREND_WINDOW periods
 * (trend.ts). The step between the window's end points, used before, made one promotion week at
 * the window's start read as a steep decline. params = [slope] as fitted on the history, for
 * display.
 */
export const localDrift: Model = {
  name: 'local_drift',
  minLength: () => 2,
  fit(y, n, _m, params, ws) {
    const from = Math.max(0, n - 1 - TREND_WINDOW);
    params[0] = robustStep(y, from, n, stepLimit(y, from, n, ws));
    return true;
  },
  forecast(y, n, _m, _p, h, from, out, ws) {
    const steps = localSteps(y, n, from, ws);
    for (let t = from; t <= n; t++) {
      const last = y[t - 1];
      const step = steps[t];
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = last + (k + 1) * step;
    }
  },
};
