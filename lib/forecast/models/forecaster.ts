/**
 * The interface of the automatic methods (AutoETS, AutoARIMA, the Theta family): statsforecast's
 * shape. A method is fitted once on a history (its model selection, e.g. by AICc, happens inside
 * `fit`), then runs as a fixed filter: one pass over a history yields the forecasts made from every
 * origin, which serve at once as the in-sample fit, the rolling-origin backtest and (from the last
 * origin) the forecast.
 *
 * Selection is expensive and the backtest needs a fit on a prefix too: the engine selects once on
 * the whole history (`fit`, as R does) and re-estimates the chosen form's parameters on the
 * prefix (`refit`), so every backtest forecast is made with parameters that never saw its future.
 *
 * Each method owns its scratch memory and its fitted state in an instance; an engine creates one
 * instance per method per batch and reuses it for every series (no allocation per series once the
 * instance has grown to the longest history).
 */
export interface ForecastMethod {
  /** Label in the engine's model table, e.g. `auto_ets`. */
  readonly name: string;
  /** Fewest observations the method can be fitted on, for season `m`. */
  minLength(season: number): number;
  /** A fresh instance for series of season `season` (periods per cycle; 1 = none). */
  create(season: number): FittedMethod;
}

export interface FittedMethod {
  /**
   * Fits on `y[0..n)` (finite values, oldest first), replacing any previous fit. False when the
   * method cannot be fitted to this series (too short, non-finite likelihood everywhere, …).
   * `selectAs` (default n) is the length of the history this fit stands in for: a fit on a
   * history less its last periods, held back to test the method, passes the whole length, so a
   * method whose way of selecting depends on the length (AutoARIMA ranks by CSS over 150
   * periods) selects as it will on the whole history.
   */
  fit(y: Float64Array, n: number, selectAs?: number): boolean;
  /**
   * Re-estimates the parameters of the form the last `fit` selected on `y[0..n)` (usually a
   * prefix, for the backtest), without selecting again; the form stays, the parameters replace
   * the fitted ones. False when that form cannot be fitted there.
   */
  refit(y: Float64Array, n: number): boolean;
  /**
   * With the current fit, writes the forecasts made at every origin t = from..n (from `y[0..t)`)
   * for steps k = 1..h into `out[(t - 1) * h + k - 1]`. The history `y[0..n)` may be longer than
   * the one fitted on (the backtest runs a fit on a prefix through the whole history); rows before
   * `from` are left alone.
   */
  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void;
  /**
   * Analytic variance of the k-step forecast error (k = 1..h) from origin `n` of `y`, into
   * `out[0..h)`, with the current fit: R's bands for the method (ETS classes 1–3, ARIMA's ψ-weights,
   * thetaf's smoothing). False when the fitted form has none. The engine's bands do not use it: they
   * come from each forecast's measured errors, which cover as they claim where these do not
   * (lib/forecast/README.md, "Intervals").
   */
  variance(y: Float64Array, n: number, h: number, out: Float64Array): boolean;
  /** The fitted form in the literature's notation, e.g. `ETS(M,Ad,N)`, `ARIMA(0,1,1)(0,1,1)[12]`, `DOTM`. */
  describe(): string;
}
