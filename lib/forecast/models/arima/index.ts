/**
 * AutoARIMA: forecast 8.20's `auto.arima(y)` with its defaults, then `forecast()`, in our own code.
 * Seasonal up to m = 24; longer seasons are searched as non-seasonal (R's seasonal search is
 * unusable there; the engine decomposes such series first). See README.md beside this file.
 */
import type { FittedMethod, ForecastMethod } from '../forecaster';
import type { ArimaFit } from './fit';
import { ArimaFilter } from './forecast';
import { ArimaSearch } from './search';

/** Seasons beyond this are treated as none. */
export const MAX_SEASON = 24;

export function describeArima(fit: ArimaFit): string {
  const { p, d, q, P, D, Q, m, constant } = fit.order;
  let s = `ARIMA(${p},${d},${q})`;
  if (m > 1 && P + D + Q > 0) s += `(${P},${D},${Q})[${m}]`;
  if (constant) s += d + D === 0 ? ' with non-zero mean' : ' with drift';
  else if (d + D === 0) s += ' with zero mean';
  return s;
}

class FittedArima implements FittedMethod {
  private search: ArimaSearch | null = null;
  private filter: ArimaFilter | null = null;
  private fitted: ArimaFit | null = null;
  private readonly m: number;

  constructor(
    private readonly season: number,
    private readonly measureReltol?: number,
  ) {
    this.m = season > 1 && season <= MAX_SEASON ? Math.round(season) : 1;
  }

  fit(y: Float64Array, n: number, selectAs = n): boolean {
    this.fitted = null;
    if (n < 1) return false;
    for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
    if (!this.search || this.search.maxN < n) {
      this.search = new ArimaSearch(Math.max(n, 64), this.m, this.measureReltol);
      this.filter = new ArimaFilter(this.search.fitter.kalman.a.length + 2 * this.m + 2);
    }
    const choice = this.search.search(y, n, selectAs > 150 || this.season > 12);
    if (!choice) return false;
    this.fitted = choice.fit;
    return true;
  }

  /** Re-estimates the chosen order on y[0..n); an order that cannot be fitted there is searched anew. */
  refit(y: Float64Array, n: number): boolean {
    if (!this.fitted || !this.search || this.search.maxN < n) return this.fit(y, n);
    for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
    const choice = this.search.refit(y, n, this.fitted.order);
    if (!choice) return this.fit(y, n);
    this.fitted = choice.fit;
    return true;
  }

  private current(): ArimaFit {
    if (!this.fitted) throw new Error('auto_arima: forecast before a successful fit');
    return this.fitted;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    this.filter!.forecast(this.current(), y, n, h, from, out);
  }

  variance(_y: Float64Array, _n: number, h: number, out: Float64Array): boolean {
    this.filter!.variance(this.current(), h, out);
    return true;
  }

  describe(): string {
    return describeArima(this.current());
  }
}

/**
 * AutoARIMA whose fits that never forecast stop at the optimizer's relative tolerance
 * `measureReltol`: the search's CSS-only fits (series longer than 150 or seasons over 12), which
 * only rank the models, and the backtest's refits on a prefix, which only measure errors; with
 * them the chosen model of such a long series is refitted by ML from the search's CSS estimate of
 * it, at the same tolerance. Models of shorter series are ranked and fitted by CSS-ML with R's √ε.
 * R's √ε everywhere (the default) follows R's optimizer path and reproduces its choices; a looser
 * one stops those fits earlier (see README.md).
 */
export function autoArimaWith(measureReltol?: number): ForecastMethod {
  return { name: 'auto_arima', minLength: () => 3, create: (season) => new FittedArima(season, measureReltol) };
}

export const autoArima: ForecastMethod = autoArimaWith();
