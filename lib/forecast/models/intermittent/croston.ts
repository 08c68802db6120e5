/**
 * Croston (1972): demand sizes and the intervals between demands smoothed separately, one α; the
 * forecast is size / interval. The Syntetos–Boylan approximation (sba.ts) multiplies it by
 * (1 − α/2) to remove Croston's known upward bias. Starts: mean nonzero size and mean interval.
 */
import { gridGolden } from '../../optimize';
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { ALPHA_HI, ALPHA_LO, allFinite, demandStarts } from './demand';

/**
 * One pass of Croston's filter over y[0..n) from size z0 and interval p0; returns the one-step SSE
 * and, with `out`, writes the forecasts from every origin t = from..n.
 */
export function crostonFilter(y: Float64Array, n: number, alpha: number, z0: number, p0: number, factor: number, h: number, from: number, out: Float64Array | null): number {
  let z = z0;
  let p = p0;
  let since = 1;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const f = (factor * z) / p;
    const v = y[t];
    sse += (v - f) * (v - f);
    if (v > 0) {
      z += alpha * (v - z);
      p += alpha * (since - p);
      since = 1;
    } else {
      since++;
    }
    if (out && t + 1 >= from) {
      const forecast = (factor * z) / p;
      const row = t * h;
      for (let k = 0; k < h; k++) out[row + k] = forecast;
    }
  }
  return sse;
}

class CrostonInstance implements FittedMethod {
  private readonly starts = new Float64Array(2);
  private alpha = NaN;
  // The history under fit, read by the objective (one closure per instance, none per fit).
  private y: Float64Array = new Float64Array(0);
  private n = 0;
  private readonly objective = (alpha: number) => crostonFilter(this.y, this.n, alpha, this.starts[0], this.starts[1], this.factor(alpha), 0, 0, null);

  constructor(
    private readonly label: string,
    private readonly sba: boolean,
  ) {}

  private factor(alpha: number): number {
    return this.sba ? 1 - alpha / 2 : 1;
  }

  /** These methods have no form to keep: the backtest's refit fits again. */
  refit(y: Float64Array, n: number): boolean {
    return this.fit(y, n);
  }

  fit(y: Float64Array, n: number): boolean {
    this.alpha = NaN;
    if (n < 3 || !allFinite(y, n) || !demandStarts(y, n, this.starts)) return false;
    this.y = y;
    this.n = n;
    this.alpha = gridGolden(this.objective, ALPHA_LO, ALPHA_HI, 8, 10);
    return true;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    crostonFilter(y, n, this.alpha, this.starts[0], this.starts[1], this.factor(this.alpha), h, from, out);
  }

  variance(): boolean {
    return false;
  }

  describe(): string {
    return this.label;
  }
}

/** Croston's method, or with `sba` the Syntetos–Boylan approximation. */
export function crostonFamily(name: string, label: string, sba: boolean): ForecastMethod {
  return { name, minLength: () => 3, create: () => new CrostonInstance(label, sba) };
}

export const croston: ForecastMethod = crostonFamily('croston', 'Croston', false);
