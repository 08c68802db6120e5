/**
 * ADIDA (Nikolopoulos, Syntetos, Boylan, Petropoulos & Assimakopoulos 2011): smoothing on buckets
 * of k periods, k the mean interval between demands (rounded), the forecast spread evenly.
 */
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { AggregateSmoothing } from './aggregate';
import { allFinite, demandStarts } from './demand';

class AdidaInstance implements FittedMethod {
  private readonly starts = new Float64Array(2);
  private readonly smoothing = new AggregateSmoothing();
  private fitted = false;

  /** These methods have no form to keep: the backtest's refit fits again. */
  refit(y: Float64Array, n: number): boolean {
    return this.fit(y, n);
  }

  fit(y: Float64Array, n: number): boolean {
    this.fitted = false;
    if (n < 3 || !allFinite(y, n) || !demandStarts(y, n, this.starts)) return false;
    // At least two buckets, so that the smoothing has something to follow.
    const k = Math.min(Math.max(1, Math.round(this.starts[1])), Math.floor(n / 2));
    this.smoothing.fit(y, n, k);
    this.fitted = true;
    return true;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    this.smoothing.run(y, n, h, from, out, 1, false);
  }

  variance(): boolean {
    return false;
  }

  describe(): string {
    return this.fitted ? `ADIDA(${this.smoothing.k})` : 'unfitted';
  }
}

export const adida: ForecastMethod = { name: 'adida', minLength: () => 3, create: () => new AdidaInstance() };
