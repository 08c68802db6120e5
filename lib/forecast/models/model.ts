import type { Workspace } from '../workspace';

/**
 * One forecasting method. A model fits its parameters once on a history, then runs as a fixed
 * filter: one pass over the history yields forecasts from every origin, which serve at once as
 * the in-sample one-step fit, the rolling-origin backtest and (from the last origin) the forecast.
 */
export interface Model {
  readonly name: string;
  /** Models with the same key fit identical parameters on the same input (fitted once, shared). */
  readonly fitKey?: string;
  /** Fewest observations the model needs to be fitted. */
  minLength(season: number): number;
  /**
   * Fits parameters on `y[0..n)` into `params` (at most PARAM_STRIDE(season) numbers).
   * Returns false when the model does not apply to this series (e.g. multiplicative on zeros).
   */
  fit(y: Float64Array, n: number, season: number, params: Float64Array, ws: Workspace): boolean;
  /**
   * With fitted `params`, writes the forecast made at every origin t = from..n (from `y[0..t)`)
   * for steps k = 1..h into `out[(t - 1) * h + k - 1]` (earlier rows are left alone: the filter
   * still runs through them, but writing h values per row is the cost on long histories).
   */
  forecast(y: Float64Array, n: number, season: number, params: Float64Array, h: number, from: number, out: Float64Array, ws: Workspace): void;
}

/** Parameter slots each model may use: a few scalars plus one seasonal state per phase. */
export const paramStride = (season: number) => 8 + Math.max(1, season);
