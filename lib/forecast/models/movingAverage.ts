import type { Model } from './model';

/** Longest window tried on regular series: beyond two years of months, history is not level. */
const MAX_WINDOW = 24;
/** Shortest window on intermittent series without a season: a handful of periods is just noise. */
const MIN_INTERMITTENT_WINDOW = 6;

/**
 * Mean of the last q observations; q minimises the one-step squared error over the stretch of
 * history every candidate window can forecast (so windows compete on the same points).
 * For intermittent demand the one-step error rewards short windows that chase single orders, so
 * windows there span one to two seasons (measured on carparts: RMSSE 0.49 against 0.50 with
 * free windows, in validation as well as on the test months).
 */
export const movingAverage: Model = {
  name: 'ma',
  minLength: () => 3,
  fit(y, n, m, params, ws) {
    const half = Math.floor(n / 2);
    let minQ = 1;
    let maxQ = Math.min(MAX_WINDOW, half);
    if (ws.intermittent) {
      minQ = Math.max(1, Math.min(m > 1 ? m : MIN_INTERMITTENT_WINDOW, half));
      maxQ = Math.max(minQ, Math.min(2 * minQ, half));
    }
    if (maxQ < 1) return false;
    let bestQ = minQ;
    let bestSse = Infinity;
    for (let q = minQ; q <= maxQ; q++) {
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
  forecast(y, n, _m, params, h, from, out) {
    const q = params[0];
    let sum = 0;
    for (let t = 1; t <= n; t++) {
      sum += y[t - 1];
      if (t > q) sum -= y[t - 1 - q];
      if (t < from) continue;
      const level = sum / Math.min(t, q);
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) out[row + k] = level;
    }
  },
};
