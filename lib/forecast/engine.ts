import { MAX_COMBO, MODEL_NAMES, NONE, comboLabel } from './labels';
import { maseScale, rmsseScale } from './metrics';
import { CANDIDATES, NAIVE, Role, SEASONAL_NAIVE, paramStride } from './models';
import { decompose, isSeasonal } from './season';
import { ERROR_MASE, ERROR_RMSSE, type BatchForecast, type ForecastSettings } from './types';
import { Workspace } from './workspace';

/** Internal tuning knobs (fixed in production; the accuracy report varies them). */
export interface Tuning {
  /** Rolling origins scored per model. */
  origins: number;
  /** Score only origins whose whole horizon lies inside the history. */
  fullWindows: boolean;
  /** Largest top-k combination tried. */
  maxCombo: number;
  /** Share of the history skipped before errors count toward intervals. */
  warmup: number;
  /** Multiplier on the measured error spread. */
  inflation: number;
  /** Share of zero periods from which a nonnegative series counts as intermittent. */
  intermittentShare: number;
}

export const DEFAULT_TUNING: Tuning = {
  origins: 4,
  fullWindows: true,
  maxCombo: 3,
  warmup: 0.25,
  inflation: 1,
  intermittentShare: 0.3,
};

const C = CANDIDATES.length;

/** Inverse standard normal CDF (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/** Per-batch state: scratch buffers sized to the longest series, reused for every series. */
export class SeriesForecaster {
  private readonly ws: Workspace;
  private y: Float64Array;
  private z: Float64Array;
  private forecasts: Float64Array;
  private chosen: Float64Array;
  private readonly params: Float64Array;
  private readonly stride: number;
  private readonly valid = new Uint8Array(C);
  private readonly score = new Float64Array(C);
  private readonly order = new Int32Array(C);
  private readonly sigma: Float64Array;
  private readonly cumSigma: Float64Array;
  private readonly z2: Float64Array;
  private capacity = 0;
  private readonly h: number;
  private readonly m: number;

  constructor(
    capacity: number,
    private readonly settings: ForecastSettings,
    private readonly out: BatchForecast,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {
    this.h = settings.horizon;
    this.m = settings.season;
    this.ws = new Workspace(capacity, this.m);
    this.stride = paramStride(this.m);
    this.params = new Float64Array(C * this.stride);
    this.sigma = new Float64Array(this.h);
    this.cumSigma = new Float64Array(this.h);
    this.z2 = new Float64Array(settings.levels.length);
    for (let j = 0; j < settings.levels.length; j++) this.z2[j] = normalQuantile(0.5 + settings.levels[j] / 200);
    this.y = new Float64Array(0);
    this.z = this.y;
    this.forecasts = this.y;
    this.chosen = this.y;
    this.grow(capacity);
  }

  private grow(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.y = new Float64Array(n);
    this.z = new Float64Array(n);
    this.forecasts = new Float64Array(C * n * this.h);
    this.chosen = new Float64Array(n * this.h);
    this.ws.ensure(Math.max(n, 2 * this.m));
  }

  /** Forecasts series `i` whose raw values are `values[start .. start + len)`. */
  run(i: number, values: Float64Array, start: number, len: number, boardAt: number): number {
    const { h, m, out, tuning } = this;
    let first = -1;
    let last = -1;
    for (let j = 0; j < len; j++) {
      if (Number.isFinite(values[start + j])) {
        if (first < 0) first = j;
        last = j;
      }
    }
    for (let j = 0; j < len; j++) out.fitted[start + j] = NaN;
    if (first < 0) return this.writeNone(i, boardAt);
    const n = last - first + 1;
    this.grow(n);
    const y = this.y;
    // Interior gaps: linear interpolation between the observed neighbours.
    let prev = 0;
    for (let t = 0; t < n; t++) {
      const v = values[start + first + t];
      if (Number.isFinite(v)) {
        if (t - prev > 1) {
          const from = y[prev];
          for (let g = prev + 1; g < t; g++) y[g] = from + ((v - from) * (g - prev)) / (t - prev);
        }
        y[t] = v;
        prev = t;
      }
    }
    let min = Infinity;
    let max = -Infinity;
    let zeros = 0;
    for (let t = 0; t < n; t++) {
      const v = y[t];
      if (v < min) min = v;
      if (v > max) max = v;
      if (v === 0) zeros++;
    }
    const intermittent = n >= 3 && min >= 0 && max > 0 && zeros >= tuning.intermittentShare * n;
    const seasonal = !intermittent && max > min && isSeasonal(y, n, m);
    const z = this.z;
    const index = this.ws.seasonIndex;
    const multiplicative = min > 0;
    if (seasonal) {
      decompose(y, n, m, multiplicative, index, this.ws.scratch);
      for (let t = 0; t < n; t++) z[t] = multiplicative ? y[t] / index[t % m] : y[t] - index[t % m];
    }

    // Fit every applicable model and run it from every origin.
    const F = this.forecasts;
    const rowLen = n * h;
    for (let c = 0; c < C; c++) {
      this.valid[c] = 0;
      const cand = CANDIDATES[c];
      if (intermittent ? !cand.intermittent : cand.role === Role.Intermittent) continue;
      if (cand.role === Role.Seasonal && !seasonal) continue;
      if (n < cand.model.minLength(m) || max === min) {
        if (c !== NAIVE) continue;
      }
      const adjusted = seasonal && cand.role === Role.Adjusted;
      const src = adjusted ? z : y;
      const params = this.params.subarray(c * this.stride, (c + 1) * this.stride);
      if (!cand.model.fit(src, n, m, params, this.ws)) continue;
      const fc = F.subarray(c * rowLen, (c + 1) * rowLen);
      cand.model.forecast(src, n, m, params, h, fc, this.ws);
      if (adjusted) {
        for (let t = 1; t <= n; t++) {
          const row = (t - 1) * h;
          for (let k = 0; k < h; k++) {
            const s = index[(t - 1 + k + 1) % m];
            // forecast for y[t + k] (0-based index t - 1 + k + 1 = t + k)
            fc[row + k] = multiplicative ? fc[row + k] * s : fc[row + k] + s;
          }
        }
      }
      let finite = true;
      for (let j = 0; j < rowLen; j++) {
        if (!Number.isFinite(fc[j])) {
          finite = false;
          break;
        }
      }
      if (finite) this.valid[c] = 1;
    }

    // Score each model over the rolling origins.
    let scale = intermittent ? rmsseScale(y, n) : maseScale(y, n, m);
    if (!(scale > 0)) {
      let mean = 0;
      for (let t = 0; t < n; t++) mean += Math.abs(y[t]);
      scale = mean / n > 0 ? mean / n : 1;
    }
    let oHi = n - h;
    let oLo = oHi - tuning.origins + 1;
    if (!tuning.fullWindows || oHi < 2) {
      oHi = n - 1;
      oLo = n - tuning.origins;
    }
    if (oLo < 1) oLo = 1;
    let count = 0;
    for (let c = 0; c < C; c++) {
      if (!this.valid[c]) continue;
      this.score[c] = oHi >= oLo ? this.scoreRows(F, c * rowLen, n, oLo, oHi, intermittent, scale) : 0;
      this.order[count++] = c;
    }
    // Stable sort by score (few entries).
    for (let a = 1; a < count; a++) {
      const c = this.order[a];
      let b = a - 1;
      while (b >= 0 && this.score[this.order[b]] > this.score[c]) {
        this.order[b + 1] = this.order[b];
        b--;
      }
      this.order[b + 1] = c;
    }

    // Leaderboard: singles, then the top-k combinations tried, merged best first.
    let board = boardAt;
    const best = this.order[0];
    let chosenLabel = best;
    let chosenScore = this.score[best];
    let chosenMask = 1 << best;
    const maxCombo = Math.min(tuning.maxCombo, MAX_COMBO, count);
    for (let size = 2; size <= maxCombo; size++) {
      let mask = 0;
      for (let r = 0; r < size; r++) mask |= 1 << this.order[r];
      const s = oHi >= oLo ? this.scoreCombo(mask, n, oLo, oHi, intermittent, scale) : 0;
      out.leaderboardModel[board] = comboLabel(mask);
      out.leaderboardError[board] = s;
      board++;
      if (s < chosenScore) {
        chosenScore = s;
        chosenLabel = comboLabel(mask);
        chosenMask = mask;
      }
    }
    for (let r = 0; r < count; r++) {
      out.leaderboardModel[board] = this.order[r];
      out.leaderboardError[board] = this.score[this.order[r]];
      board++;
    }
    sortBoard(out.leaderboardModel, out.leaderboardError, boardAt, board);

    // The chosen forecast matrix (a mean of members' matrices for a combination).
    const G = this.chosen;
    this.combine(chosenMask, rowLen, G);

    const naiveRef = seasonal && this.valid[SEASONAL_NAIVE] ? SEASONAL_NAIVE : NAIVE;
    out.model[i] = chosenLabel;
    out.error[i] = chosenScore;
    out.errorKind[i] = intermittent ? ERROR_RMSSE : ERROR_MASE;
    out.naiveError[i] = this.valid[naiveRef] ? this.score[naiveRef] : NaN;
    out.seasonal[i] = seasonal ? 1 : 0;
    for (let t = 1; t < n; t++) out.fitted[start + first + t] = G[(t - 1) * h];

    this.measureSpread(G, n, y);
    const lastRow = (n - 1) * h;
    const nonNegative = this.settings.nonNegative === true;
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      let p = G[lastRow + k];
      if (nonNegative && p < 0) p = 0;
      out.point[at] = p;
      out.cumulativeSigma[at] = this.cumSigma[k];
      for (let j = 0; j < this.z2.length; j++) {
        const half = this.z2[j] * this.sigma[k] * tuning.inflation;
        let lo = p - half;
        if (nonNegative && lo < 0) lo = 0;
        out.lower[j][at] = lo;
        out.upper[j][at] = p + half;
      }
    }
    out.grade[i] = grade(chosenScore, out.naiveError[i], n, h, m, intermittent);
    return board;
  }

  /** Mean over origins oLo..oHi of the scaled error of forecasts in F[at ..] (MASE or RMSSE). */
  private scoreRows(F: Float64Array, at: number, n: number, oLo: number, oHi: number, squared: boolean, scale: number): number {
    const { h, y } = this;
    let total = 0;
    for (let t = oLo; t <= oHi; t++) {
      const row = at + (t - 1) * h;
      const steps = Math.min(h, n - t);
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        const e = y[t + k] - F[row + k];
        sum += squared ? e * e : Math.abs(e);
      }
      total += squared ? Math.sqrt(sum / steps) / scale : sum / steps / scale;
    }
    return total / (oHi - oLo + 1);
  }

  private scoreCombo(mask: number, n: number, oLo: number, oHi: number, squared: boolean, scale: number): number {
    const { h, y, forecasts: F } = this;
    const rowLen = n * h;
    let members = 0;
    for (let c = 0; c < C; c++) if (mask & (1 << c)) members++;
    let total = 0;
    for (let t = oLo; t <= oHi; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        let f = 0;
        for (let c = 0; c < C; c++) if (mask & (1 << c)) f += F[c * rowLen + row + k];
        const e = y[t + k] - f / members;
        sum += squared ? e * e : Math.abs(e);
      }
      total += squared ? Math.sqrt(sum / steps) / scale : sum / steps / scale;
    }
    return total / (oHi - oLo + 1);
  }

  private combine(mask: number, rowLen: number, G: Float64Array): void {
    const F = this.forecasts;
    let members = 0;
    G.fill(0, 0, rowLen);
    for (let c = 0; c < C; c++) {
      if (!(mask & (1 << c))) continue;
      members++;
      const at = c * rowLen;
      for (let j = 0; j < rowLen; j++) G[j] += F[at + j];
    }
    if (members > 1) for (let j = 0; j < rowLen; j++) G[j] /= members;
  }

  /**
   * Error spread per step k of the chosen forecasts over all origins past the warm-up: root mean
   * square of the k-step errors (sigma) and of the errors of the sum of steps 1..k (cumSigma).
   */
  private measureSpread(G: Float64Array, n: number, y: Float64Array): void {
    const { h, sigma, cumSigma, tuning } = this;
    const warm = Math.max(1, Math.floor(n * tuning.warmup));
    for (let k = 0; k < h; k++) {
      let ss = 0;
      let cs = 0;
      let count = 0;
      for (let t = warm; t + k < n; t++) {
        const row = (t - 1) * h;
        const e = y[t + k] - G[row + k];
        ss += e * e;
        let cum = 0;
        for (let j = 0; j <= k; j++) cum += y[t + j] - G[row + j];
        cs += cum * cum;
        count++;
      }
      if (count > 0) {
        sigma[k] = Math.sqrt(ss / count);
        cumSigma[k] = Math.sqrt(cs / count);
      } else {
        // Too little history to measure step k: extrapolate as a random walk from the last step measured.
        sigma[k] = k > 0 ? sigma[k - 1] * Math.sqrt((k + 1) / k) : Math.abs(y[n - 1]) * 0.5;
        cumSigma[k] = k > 0 ? cumSigma[k - 1] + sigma[k] : sigma[k];
      }
      if (k > 0 && sigma[k] < sigma[k - 1]) sigma[k] = sigma[k - 1];
      if (k > 0 && cumSigma[k] < cumSigma[k - 1]) cumSigma[k] = cumSigma[k - 1];
    }
  }

  private writeNone(i: number, boardAt: number): number {
    const { h, out } = this;
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      out.point[at] = NaN;
      out.cumulativeSigma[at] = NaN;
      for (let j = 0; j < out.levels.length; j++) {
        out.lower[j][at] = NaN;
        out.upper[j][at] = NaN;
      }
    }
    out.model[i] = NONE;
    out.error[i] = NaN;
    out.errorKind[i] = ERROR_MASE;
    out.naiveError[i] = NaN;
    out.grade[i] = 3;
    out.seasonal[i] = 0;
    return boardAt;
  }
}

function sortBoard(model: Int32Array, error: Float64Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const mv = model[a];
    const ev = error[a];
    let b = a - 1;
    while (b >= from && error[b] > ev) {
      model[b + 1] = model[b];
      error[b + 1] = error[b];
      b--;
    }
    model[b + 1] = mv;
    error[b + 1] = ev;
  }
}

/**
 * Confidence grade, 0..3 = A..D.
 * - D: fewer than h + 3 observations (nothing worth a backtest), or the backtest error is no
 *   better than naive's.
 * - A: error at most 0.8 × naive's and, on the absolute scale, below 1 (MASE) / 0.8 (RMSSE).
 * - B: error at most 0.9 × naive's.
 * - C: otherwise.
 */
function grade(error: number, naiveError: number, n: number, h: number, _m: number, intermittent: boolean): number {
  if (n < h + 3 || !(error >= 0)) return 3;
  const ratio = naiveError > 0 ? error / naiveError : error > 0 ? Infinity : 0;
  if (ratio > 1) return 3;
  if (ratio <= 0.8 && error < (intermittent ? 0.8 : 1)) return 0;
  if (ratio <= 0.9) return 1;
  return 2;
}

/** Maximum leaderboard entries per series: every model plus the combinations tried. */
export const BOARD_SLOTS = C + MAX_COMBO;

export { MODEL_NAMES };
