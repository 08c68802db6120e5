/**
 * IMAPA (Petropoulos & Kourentzes 2015): the mean of the aggregate smoothing forecasts over every
 * bucket size from 1 to the mean interval between demands (rounded down), so that no single
 * aggregation level has to be right.
 */
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { AggregateSmoothing } from './aggregate';
import { allFinite, demandStarts } from './demand';

class ImapaInstance implements FittedMethod {
  private readonly starts = new Float64Array(2);
  private readonly levels: AggregateSmoothing[] = [];
  private count = 0;

  /** These methods have no form to keep: the backtest's refit fits again. */
  refit(y: Float64Array, n: number): boolean {
    return this.fit(y, n);
  }

  fit(y: Float64Array, n: number): boolean {
    this.count = 0;
    if (n < 3 || !allFinite(y, n) || !demandStarts(y, n, this.starts)) return false;
    const largest = Math.min(Math.max(1, Math.floor(this.starts[1])), Math.floor(n / 2));
    while (this.levels.length < largest) this.levels.push(new AggregateSmoothing());
    for (let k = 1; k <= largest; k++) this.levels[k - 1].fit(y, n, k);
    this.count = largest;
    return true;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    for (let i = 0; i < this.count; i++) this.levels[i].run(y, n, h, from, out, 1 / this.count, i > 0);
  }

  variance(): boolean {
    return false;
  }

  describe(): string {
    return this.count > 0 ? `IMAPA(1..${this.count})` : 'unfitted';
  }
}

export const imapa: ForecastMethod = { name: 'imapa', minLength: () => 3, create: () => new ImapaInstance() };
