/**
 * Seasonal adjustment as R's thetaf and statsforecast's AutoTheta do it: when the lag-m
 * autocorrelation test finds a season, classical decomposition gives one index per phase t mod m;
 * the theta model runs on the adjusted series and its forecasts are reseasonalised. Multiplicative
 * on strictly positive data (the method's design), additive otherwise (a ratio to a level near
 * zero is meaningless), and none when an index is near zero (thetaf's guard).
 */
import { decompose, isSeasonal } from '../../season';

/** thetaf's guard: a multiplicative index this close to zero would blow the adjusted series up. */
const MIN_INDEX = 1e-4;

export class SeasonalAdjustment {
  /** Index by phase t mod m. */
  readonly index: Float64Array;
  active = false;
  multiplicative = true;
  private scratch = new Float64Array(0);

  constructor(readonly m: number) {
    this.index = new Float64Array(Math.max(m, 1));
  }

  /** Tests `y[0..n)` for a season and, if found, estimates the indices. */
  fit(y: Float64Array, n: number): void {
    const m = this.m;
    this.active = false;
    if (m <= 1 || n <= 2 * m) return;
    if (this.scratch.length < Math.max(n, 3 * m)) this.scratch = new Float64Array(Math.max(n, 3 * m));
    if (!isSeasonal(y, n, m, this.scratch)) return;
    let positive = true;
    for (let t = 0; t < n; t++) if (!(y[t] > 0)) positive = false;
    this.multiplicative = positive;
    decompose(y, n, m, positive, this.index, this.scratch);
    if (positive) for (let p = 0; p < m; p++) if (Math.abs(this.index[p]) < MIN_INDEX) return;
    this.active = true;
  }

  /** The seasonally adjusted y[0..n) into `out`. */
  adjust(y: Float64Array, n: number, out: Float64Array): void {
    const { index, m, multiplicative } = this;
    for (let t = 0; t < n; t++) out[t] = multiplicative ? y[t] / index[t % m] : y[t] - index[t % m];
  }

  /** Reseasonalises adjusted forecast rows: row of origin t (t = from..n), step k targets time t + k − 1 (0-based). */
  restore(n: number, h: number, from: number, out: Float64Array): void {
    const { index, m, multiplicative } = this;
    for (let t = Math.max(from, 1); t <= n; t++) {
      const row = (t - 1) * h;
      for (let k = 0; k < h; k++) {
        const s = index[(t + k) % m];
        out[row + k] = multiplicative ? out[row + k] * s : out[row + k] + s;
      }
    }
  }
}
