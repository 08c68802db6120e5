import type { Model } from './model';
import { fitSes } from './smoothing';

/**
 * The Theta method as entered in M3 (Assimakopoulos & Nikolopoulos 2000), in the form of Hyndman &
 * Billah (2003) and R's thetaf: simple exponential smoothing plus a drift of half the slope of the
 * least-squares line through the history. (Seasonality is tested and divided out by the engine
 * before any non-seasonal model runs, as in M3.) params = [α, l0].
 */
export const theta: Model = {
  name: 'theta',
  minLength: () => 3,
  fit(y, n, _m, params) {
    fitSes(y, n, params);
    return true;
  },
  forecast(y, n, _m, params, h, out) {
    const alpha = params[0];
    let l = params[1];
    // Running sums for the least-squares slope of y on time 0..t−1.
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    let decay = 1;
    for (let t = 0; t < n; t++) {
      const v = y[t];
      l += alpha * (v - l);
      sx += t;
      sy += v;
      sxx += t * t;
      sxy += t * v;
      decay *= 1 - alpha;
      const count = t + 1;
      const denom = count * sxx - sx * sx;
      const slope = denom > 0 ? (count * sxy - sx * sy) / denom : 0;
      const base = (1 - decay) / alpha - 1;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = l + 0.5 * slope * (k + 1 + base);
    }
  },
};
