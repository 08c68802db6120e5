import type { FittedMethod, ForecastMethod } from './forecaster';

/** Last value carried forward: the benchmark every scaled error is measured against. */
export const naive: ForecastMethod = {
  name: 'naive',
  minLength: () => 1,
  create: (): FittedMethod => ({
    fit: (_y, n) => n >= 1,
    refit: (_y, n) => n >= 1,
    forecast(y, n, h, from, out) {
      for (let t = from; t <= n; t++) {
        const last = y[t - 1];
        const row = (t - 1) * h;
        for (let k = 0; k < h; k++) out[row + k] = last;
      }
    },
    variance: () => false,
    describe: () => 'naive',
  }),
};

/** Value of the same phase one season earlier (naive until a full season exists): the seasonal benchmark. */
export const seasonalNaive: ForecastMethod = {
  name: 'snaive',
  minLength: (m) => m + 1,
  create: (m): FittedMethod => ({
    fit: (_y, n) => m > 1 && n > m,
    refit: (_y, n) => m > 1 && n > m,
    forecast(y, n, h, from, out) {
      for (let t = from; t <= n; t++) {
        const row = (t - 1) * h;
        if (t < m) {
          for (let k = 0; k < h; k++) out[row + k] = y[t - 1];
          continue;
        }
        for (let k = 0; k < h; k++) out[row + k] = y[t - m + (k % m)];
      }
    },
    variance: () => false,
    describe: () => `snaive[${m}]`,
  }),
};
