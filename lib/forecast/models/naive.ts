import type { Model } from './model';

/** Last value carried forward. */
export const naive: Model = {
  name: 'naive',
  minLength: () => 1,
  fit: () => true,
  forecast(y, n, _m, _p, h, out) {
    for (let t = 1; t <= n; t++) {
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
  forecast(y, n, m, _p, h, out) {
    for (let t = 1; t <= n; t++) {
      const row = (t - 1) * h;
      if (t < m) {
        for (let k = 0; k < h; k++) out[row + k] = y[t - 1];
        continue;
      }
      for (let k = 0; k < h; k++) out[row + k] = y[t - m + (k % m)];
    }
  },
};

/** Random walk with drift: the line through the first and last observation, extended. */
export const drift: Model = {
  name: 'drift',
  minLength: () => 2,
  fit(y, n, _m, params) {
    params[0] = (y[n - 1] - y[0]) / (n - 1);
    return true;
  },
  forecast(y, n, _m, _p, h, out) {
    for (let t = 1; t <= n; t++) {
      const last = y[t - 1];
      const slope = t > 1 ? (last - y[0]) / (t - 1) : 0;
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = last + (k + 1) * slope;
    }
  },
};
