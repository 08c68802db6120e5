/**
 * Teunter, Syntetos & Babai (2011): the probability of a demand is smoothed every period (β) and
 * the size when a demand occurs (α), so an item that stops selling fades out instead of freezing
 * at its last rate. Starts: mean nonzero size and the share of periods with demand; α and β by
 * Nelder–Mead (60 evaluations from 0.1, 0.1) within [0.01, 0.5].
 */
import { NelderMead, squash, unsquash } from '../../optimize';
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { ALPHA_HI, ALPHA_LO, allFinite, demandStarts } from './demand';

/** One pass of the filter; returns the one-step SSE and, with `out`, writes forecasts from every origin t = from..n. */
export function tsbFilter(y: Float64Array, n: number, alpha: number, beta: number, z0: number, p0: number, h: number, from: number, out: Float64Array | null): number {
  let z = z0;
  let p = p0;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    const f = p * z;
    sse += (v - f) * (v - f);
    if (v > 0) {
      p += beta * (1 - p);
      z += alpha * (v - z);
    } else {
      p -= beta * p;
    }
    if (out && t + 1 >= from) {
      const forecast = p * z;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = forecast;
    }
  }
  return sse;
}

class TsbInstance implements FittedMethod {
  private readonly starts = new Float64Array(2);
  private readonly point = new Float64Array(2);
  private readonly optimizer = new NelderMead();
  private alpha = NaN;
  private beta = NaN;
  private y: Float64Array = new Float64Array(0);
  private n = 0;
  private readonly objective = (u: Float64Array) =>
    tsbFilter(this.y, this.n, squash(u[0], ALPHA_LO, ALPHA_HI), squash(u[1], ALPHA_LO, ALPHA_HI), this.starts[0], this.starts[1], 0, 0, null);

  /** These methods have no form to keep: the backtest's refit fits again. */
  refit(y: Float64Array, n: number): boolean {
    return this.fit(y, n);
  }

  fit(y: Float64Array, n: number): boolean {
    this.alpha = NaN;
    if (n < 3 || !allFinite(y, n) || !demandStarts(y, n, this.starts)) return false;
    this.starts[1] = 1 / this.starts[1];
    this.y = y;
    this.n = n;
    this.point[0] = unsquash(0.1, ALPHA_LO, ALPHA_HI);
    this.point[1] = unsquash(0.1, ALPHA_LO, ALPHA_HI);
    this.optimizer.minimize(this.objective, this.point, 2, 1, 60);
    this.alpha = squash(this.point[0], ALPHA_LO, ALPHA_HI);
    this.beta = squash(this.point[1], ALPHA_LO, ALPHA_HI);
    return true;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    tsbFilter(y, n, this.alpha, this.beta, this.starts[0], this.starts[1], h, from, out);
  }

  variance(): boolean {
    return false;
  }

  describe(): string {
    return 'TSB';
  }
}

export const tsb: ForecastMethod = { name: 'tsb', minLength: () => 3, create: () => new TsbInstance() };
