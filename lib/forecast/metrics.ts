/**
 * Accuracy measures as scored in M3 and the forecasting literature (Hyndman & Koehler 2006).
 * Each takes the history (for the scale), the actuals and the forecasts of one series.
 */

/** Mean absolute seasonal difference of y[0..n) at lag m (lag 1 when the history is too short). */
export function maseScale(y: ArrayLike<number>, n: number, m: number): number {
  const lag = m > 1 && n > m ? m : 1;
  let sum = 0;
  let count = 0;
  for (let t = lag; t < n; t++) {
    const d = y[t] - y[t - lag];
    if (Number.isFinite(d)) {
      sum += Math.abs(d);
      count++;
    }
  }
  return count > 0 ? sum / count : NaN;
}

/** Root mean squared one-step difference of y[0..n): the RMSSE scale. */
export function rmsseScale(y: ArrayLike<number>, n: number): number {
  let sum = 0;
  let count = 0;
  for (let t = 1; t < n; t++) {
    const d = y[t] - y[t - 1];
    if (Number.isFinite(d)) {
      sum += d * d;
      count++;
    }
  }
  return count > 0 ? Math.sqrt(sum / count) : NaN;
}

/** M3's symmetric MAPE in percent; a step where actual and forecast are both 0 counts as 0. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>, h: number): number {
  let sum = 0;
  for (let k = 0; k < h; k++) {
    const denom = Math.abs(actual[k]) + Math.abs(forecast[k]);
    if (denom > 0) sum += (200 * Math.abs(actual[k] - forecast[k])) / denom;
  }
  return sum / h;
}

/** Mean absolute error over the horizon divided by `scale` (see maseScale). */
export function mase(actual: ArrayLike<number>, forecast: ArrayLike<number>, h: number, scale: number): number {
  let sum = 0;
  for (let k = 0; k < h; k++) sum += Math.abs(actual[k] - forecast[k]);
  return sum / h / scale;
}

/** Root mean squared error over the horizon divided by `scale` (see rmsseScale). */
export function rmsse(actual: ArrayLike<number>, forecast: ArrayLike<number>, h: number, scale: number): number {
  let sum = 0;
  for (let k = 0; k < h; k++) sum += (actual[k] - forecast[k]) ** 2;
  return Math.sqrt(sum / h) / scale;
}
