/**
 * Seasonal adjustment as R's thetaf and statsforecast's AutoTheta do it: when the lag-m
 * autocorrelation test finds a season, classical decomposition gives one index per phase t mod m;
 * the theta model runs on the adjusted series and its forecasts are reseasonalised. Multiplicative
 * on nonnegative data, zeros included, as thetaf (a phase that never sells has an index near zero);
 * additive where values go negative (a ratio to a level that crosses zero is meaningless). When an
 * index is near zero, dividing by it would blow the series up: the model then runs on the series as
 * it is and only its forecasts carry the season (thetaf's guard), so such a phase is forecast near zero.
 */
import { decompose, isSeasonal, lastCycles } from '../../season';

/** thetaf's guard: a multiplicative index this close to zero is not divided by. */
const MIN_INDEX = 1e-4;

export class SeasonalAdjustment {
  /** Index by phase t mod m. */
  readonly index: Float64Array;
  active = false;
  multiplicative = true;
  /** False when an index is near zero: the series is not divided by the indices, the forecasts still carry them. */
  adjustsInput = true;
  private scratch = new Float64Array(0);

  /**
   * @param cycles the indices are estimated on the last `cycles` whole cycles of the history (0:
   *   all of it, as thetaf); the test for a season always reads all of it.
   */
  constructor(
    readonly m: number,
    private readonly cycles = 0,
  ) {
    this.index = new Float64Array(Math.max(m, 1));
  }

  /** Tests `y[0..n)` for a season and, if found, estimates the indices. */
  fit(y: Float64Array, n: number): void {
    const m = this.m;
    this.active = false;
    if (m <= 1 || n <= 2 * m) return;
    if (this.scratch.length < Math.max(n, 3 * m)) this.scratch = new Float64Array(Math.max(n, 3 * m));
    if (!isSeasonal(y, n, m, this.scratch)) return;
    let nonNegative = true;
    for (let t = 0; t < n; t++) if (!(y[t] >= 0)) nonNegative = false;
    this.multiplicative = nonNegative;
    const from = this.cycles > 0 ? lastCycles(n, m, this.cycles) : 0;
    decompose(from > 0 ? y.subarray(from, n) : y, n - from, m, nonNegative, this.index, this.scratch);
    this.adjustsInput = true;
    if (nonNegative) for (let p = 0; p < m; p++) if (Math.abs(this.index[p]) < MIN_INDEX) this.adjustsInput = false;
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
