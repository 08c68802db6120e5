import type { Model } from './model';

/** Longest window tried: past two years of months / half a year of weeks is history, not level. */
const MAX_WINDOW = 24;

/**
 * Mean of the last q observations; q minimises the one-step squared error over the stretch of
 * history every candidate window can forecast (so windows compete on the same points).
 */
export const movingAverage: Model = {
  name: 'ma',
  minLength: () => 3,
  fit(y, n, _m, params) {
    const maxQ = Math.min(MAX_WINDOW, Math.floor(n / 2));
    if (maxQ < 1) return false;
    let bestQ = 1;
    let bestSse = Infinity;
    for (let q = 1; q <= maxQ; q++) {
      let sum = 0;
      for (let i = maxQ - q; i < maxQ; i++) sum += y[i];
      let sse = 0;
      for (let t = maxQ; t < n; t++) {
        const e = y[t] - sum / q;
        sse += e * e;
        sum += y[t] - y[t - q];
      }
      if (sse < bestSse * (1 - 1e-12)) {
        bestSse = sse;
        bestQ = q;
      }
    }
    params[0] = bestQ;
    return true;
  },
  forecast(y, n, _m, params, h, out) {
    const q = params[0];
    let sum = 0;
    for (let t = 1; t <= n; t++) {
      sum += y[t - 1];
      if (t > q) sum -= y[t - 1 - q];
      const level = sum / Math.min(t, q);
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = level;
    }
  },
};
