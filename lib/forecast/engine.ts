import { coreLabel, MODEL_NAMES, NONE } from './labels';
import { maseScale, rmsseScale } from './metrics';
import { CANDIDATES, DAMPED, HW_ADD, HW_MUL, LOCAL_DRIFT, LOCAL_THETA, MOVING_AVERAGE, NAIVE, Role, SBA, SEASONAL_NAIVE, THETA, TSB, paramStride } from './models';
import { decompose, isSeasonal } from './season';
import { ERROR_MASE, ERROR_RMSSE, type BatchForecast, type ForecastSettings } from './types';
import { Workspace } from './workspace';

/**
 * The tournament, per series (figures measured on the shared M3 and carparts sets):
 *
 * 1. Backtest. Every applicable model is fitted once on the history before the first of up to
 *    `origins` (10) rolling origins whose whole horizon lies in the history, and run as a fixed
 *    filter through the rest, so every scored forecast is out of sample. Refitting at every
 *    origin cost ten fits instead of one and was no more accurate in our measurements.
 * 2. Score. Per model, the scaled error of each origin's forecast (MASE; RMSSE for intermittent
 *    demand, where MAE rewards forecasting zero), averaged over origins. All scores, with the core
 *    combination's, form the leaderboard.
 * 3. Choose. The lowest *handicapped* error wins. The core combination (mean of damped trend,
 *    local theta and local drift; intermittent: the moving average over one to two seasons)
 *    carries no handicap; the strong single methods (damped trend, theta, Holt-Winters;
 *    intermittent: SBA, TSB) count ×1.5; every other model ×4. With ten origins the plain lowest
 *    error is mostly luck: choosing by it scored M3 sMAPE 16.62 / 9.73 / 4.56 (yearly / quarterly
 *    / other), the core alone 16.32 / 9.17 / 4.30, the handicapped choice 16.49 / 9.13 / 4.24
 *    (measured before the local trends were made spike-robust; the handicapped choice now scores
 *    16.32 / 9.07 / 4.23).
 *    Intermittent winners must also have stocked at least half of the backtest demand, and a
 *    last-value forecast never wins there (it is zero most of the time).
 * 4. Forecast. The winner's members are refitted on the whole history.
 * 5. Intervals. The winner's k-step errors, in sample from every origin past a warm-up and out of
 *    sample from the backtest, give a root-mean-square spread per step k, widened for the risk
 *    that the history's trend breaks (TREND_RISK) and corrected for fitted parameters
 *    (FITTED_PARAMS); bounds are point ± Laplace quantile × spread. The same errors summed over
 *    steps 1..k give `cumulativeSigma` (see measureSpread). Measured coverage (80% / 95%), M3
 *    test tails: yearly 0.82 / 0.95, quarterly 0.81 / 0.96, other 0.89 / 0.98; with the last
 *    horizon of each training series held back instead: 0.80 / 0.93, 0.84 / 0.97, 0.88 / 0.98;
 *    demo weekly demand, 26 weeks held out: 0.82–0.87 / 0.94–0.98 at every step, and the
 *    lead-time bound Σ point + z·cumulativeSigma held 0.92–0.96 of the summed demand at z(0.95)
 *    for lead times of 1 to 26 weeks (test/accuracy/horizon-report.ts).
 * 6. Fading demand. Nonnegative demand that ends in a run of empty periods far longer than its
 *    usual gaps is weighted by the chance that the item still sells (survival()), so a product
 *    that stopped selling months ago forecasts next to nothing.
 */
export interface Tuning {
  /** Rolling origins scored per model. */
  origins: number;
  /** Handicap of the strong single methods: their error counts × (1 + margin). */
  margin: number;
  /** Handicap of every other single model. */
  wideMargin: number;
}

export const DEFAULT_TUNING: Tuning = { origins: 10, margin: 0.5, wideMargin: 3 };

/** Share of the history skipped before in-sample errors count toward intervals (filters settle). */
const WARMUP = 0.25;
/** Fewest errors at a step for its spread to be measured; sparser steps carry the last one forward. */
const MIN_ERRORS = 3;
/**
 * Trend risk: the k-step spread also allows for the history's least-squares slope b being wrong
 * by TREND_RISK × |b| per step, fully correlated across steps (error (k − 1)·TREND_RISK·|b| at
 * step k). In-sample and backtest errors cannot show a trend that breaks after the history ends;
 * M3's yearly series do that, and their 95% bands covered 0.88 without this allowance, 0.94 with
 * 1 and 0.95 with 1.5. Demand that is mostly noise around a level has |b| far below its one-step
 * error, so the allowance barely touches it.
 */
const TREND_RISK = 1.5;
/**
 * Parameters a model fits (damped trend: α, β, φ and two starts): errors measured on the data the
 * parameters were fitted to understate the spread by √(n / (n − p)). Without this correction the
 * 95% bands of short series (M3 yearly with the last six years held back: 8–35 points) covered
 * 0.90; with it 0.94.
 */
const FITTED_PARAMS = 5;

/**
 * Most recent periods used: bounds memory (forecast matrices are periods × horizon per model) and
 * time on very long histories, whose early part no longer speaks for the future anyway.
 */
const MAX_HISTORY = 2000;
/** Fewest observations a model is fitted on in the backtest. */
const MIN_FIT = 5;
/** Sales at the usual pace a run of empty periods may miss before the forecast fades (see survival). */
const FADE_EVENTS = 6;
/** Share of zero periods from which nonnegative demand counts as intermittent (ADI ≥ 1.43). */
const INTERMITTENT_SHARE = 0.3;
/** Intermittent challengers must stock at least this share of backtest demand (bias guard). */
export const MIN_STOCKED_SHARE = 0.5;

const C = CANDIDATES.length;
const FIT_KEYS = [...new Set(CANDIDATES.map((c) => c.model.fitKey).filter((k) => k !== undefined))];
const FIT_KEY_OF = Int32Array.from(CANDIDATES, (c) => (c.model.fitKey === undefined ? -1 : FIT_KEYS.indexOf(c.model.fitKey)));
// The choice's model sets (candidate indices; see step 3 above), exported so that the dashboard
// can explain a stored choice with the engine's own rule.
export const REGULAR_CORE: readonly number[] = [DAMPED, LOCAL_THETA, LOCAL_DRIFT];
export const INTERMITTENT_CORE: readonly number[] = [MOVING_AVERAGE];
export const REGULAR_STRONG: readonly number[] = [DAMPED, THETA, HW_ADD, HW_MUL];
export const INTERMITTENT_STRONG: readonly number[] = [SBA, TSB];

/** Per-batch state: scratch buffers sized to the longest series, reused for every series. */
export class SeriesForecaster {
  private readonly ws: Workspace;
  private y = new Float64Array(0);
  private z = new Float64Array(0);
  private forecasts = new Float64Array(0);
  private chosen = new Float64Array(0);
  /** Per candidate: its parameter slots and its forecast matrix (origin-major, `capacity × h`). */
  private readonly paramViews: Float64Array[];
  private fcViews: Float64Array[] = [];
  /** Fit sharing per fit key: the candidate that fitted it last, on how many points, of which input. */
  private readonly sharedBy = new Int32Array(FIT_KEYS.length);
  private readonly sharedLen = new Int32Array(FIT_KEYS.length);
  private readonly sharedAdjusted = new Uint8Array(FIT_KEYS.length);
  private readonly valid = new Uint8Array(C);
  private readonly score = new Float64Array(C);
  private readonly order = new Int32Array(C);
  private readonly memberList = new Int32Array(C);
  private readonly sigma: Float64Array;
  private readonly cumSigma: Float64Array;
  /** Per level: Laplace quantile in units of the error's standard deviation. */
  private readonly laplace: Float64Array;
  private readonly inSs: Float64Array;
  private readonly inCs: Float64Array;
  private readonly inCount: Int32Array;
  private readonly outSs: Float64Array;
  private readonly outCs: Float64Array;
  private readonly outCount: Int32Array;
  private capacity = 0;
  private readonly h: number;
  private readonly m: number;
  private seasonal = false;
  private multiplicative = false;

  constructor(
    capacity: number,
    private readonly settings: ForecastSettings,
    private readonly out: BatchForecast,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {
    this.h = settings.horizon;
    this.m = settings.season;
    this.ws = new Workspace(capacity, this.m);
    const stride = paramStride(this.m);
    const params = new Float64Array(C * stride);
    this.paramViews = CANDIDATES.map((_, c) => params.subarray(c * stride, (c + 1) * stride));
    this.sigma = new Float64Array(this.h);
    this.cumSigma = new Float64Array(this.h);
    // Forecast errors are heavier-tailed than normal: on M3 the normal's 80% bands covered ~85%
    // while its 95% bands fell short; Laplace quantiles (same spread) fit both levels.
    this.laplace = Float64Array.from(settings.levels, (level) => Math.log(100 / (100 - level)) / Math.SQRT2);
    this.inSs = new Float64Array(this.h);
    this.inCs = new Float64Array(this.h);
    this.inCount = new Int32Array(this.h);
    this.outSs = new Float64Array(this.h);
    this.outCs = new Float64Array(this.h);
    this.outCount = new Int32Array(this.h);
    this.grow(Math.min(capacity, MAX_HISTORY));
  }

  private grow(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.y = new Float64Array(n);
    this.z = new Float64Array(n);
    this.forecasts = new Float64Array(C * n * this.h);
    this.fcViews = CANDIDATES.map((_, c) => this.forecasts.subarray(c * n * this.h, (c + 1) * n * this.h));
    this.chosen = new Float64Array(n * this.h);
    this.ws.ensure(Math.max(n, 3 * this.m));
  }

  /** Forecasts series `i` whose raw values are `values[start .. start + len)`; returns the next leaderboard slot. */
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
    if (first < 0) return this.writeNone(i, boardAt);
    // Older history than MAX_HISTORY periods is ignored (its fitted values stay NaN).
    if (last - first + 1 > MAX_HISTORY) {
      first = last - MAX_HISTORY + 1;
      while (!Number.isFinite(values[start + first])) first++;
    }
    const n = last - first + 1;
    this.grow(n);
    const y = this.y;
    // Interior gaps: linear interpolation between the observed neighbours.
    let prev = 0;
    for (let t = 0; t < n; t++) {
      const v = values[start + first + t];
      if (!Number.isFinite(v)) continue;
      for (let g = prev + 1; g < t; g++) y[g] = y[prev] + ((v - y[prev]) * (g - prev)) / (t - prev);
      y[t] = v;
      prev = t;
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
    const flat = max === min;
    const intermittent = n >= 3 && min >= 0 && max > 0 && zeros >= INTERMITTENT_SHARE * n;
    this.ws.intermittent = intermittent;
    this.sharedLen.fill(-1);
    this.seasonal = !intermittent && !flat && isSeasonal(y, n, m, this.ws.scratch);
    this.multiplicative = min > 0;
    if (this.seasonal) {
      const index = this.ws.seasonIndex;
      decompose(y, n, m, this.multiplicative, index, this.ws.scratch);
      for (let t = 0; t < n; t++) this.z[t] = this.multiplicative ? y[t] / index[t % m] : y[t] - index[t % m];
    }

    // Rolling origins: the last `origins` whose whole horizon lies inside the history, fitted on
    // at least MIN_FIT points; short histories fall back to origins with partial horizons.
    let oHi = n - h;
    let oLo = Math.max(oHi - tuning.origins + 1, MIN_FIT);
    if (oHi < oLo) {
      oLo = Math.max(2, Math.min(MIN_FIT, Math.ceil(n / 2)));
      oHi = n - 1;
    }
    const backtest = oLo <= oHi && !flat;

    for (let c = 0; c < C; c++) {
      this.valid[c] = 0;
      if (c !== NAIVE) {
        const cand = CANDIDATES[c];
        if (!backtest || (intermittent ? !cand.intermittent : cand.role === Role.Intermittent)) continue;
        if (cand.role === Role.Seasonal && !this.seasonal) continue;
        if (oLo < cand.model.minLength(m)) continue;
      }
      if (backtest ? this.runModel(c, oLo, n, oLo) : this.runModel(c, n, n, 1)) this.valid[c] = 1;
    }

    let scale = intermittent ? rmsseScale(y, n) : maseScale(y, n, m);
    if (!(scale > 0)) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += Math.abs(y[t]);
      scale = sum > 0 ? sum / n : 1;
    }
    let count = 0;
    for (let c = 0; c < C; c++) {
      if (!this.valid[c]) continue;
      this.score[c] = backtest ? this.backtestError(1 << c, n, oLo, oHi, intermittent, scale) : NaN;
      this.order[count++] = c;
    }

    // The core combination, then challengers that beat it by the margin.
    let coreMask = 0;
    for (const c of intermittent ? INTERMITTENT_CORE : REGULAR_CORE) if (this.valid[c]) coreMask |= 1 << c;
    if (coreMask === 0) coreMask = 1 << bestOf(this.order, count, this.score);
    const coreScore = backtest ? this.backtestError(coreMask, n, oLo, oHi, intermittent, scale) : NaN;
    let winnerMask = coreMask;
    let winnerScore = coreScore;
    let winnerHandicapped = coreScore;
    const strong = intermittent ? INTERMITTENT_STRONG : REGULAR_STRONG;
    for (let r = 0; r < count; r++) {
      const c = this.order[r];
      if (coreMask === 1 << c || (intermittent && c === NAIVE)) continue;
      const handicapped = this.score[c] * (1 + (strong.includes(c) ? tuning.margin : tuning.wideMargin));
      if (!(handicapped < winnerHandicapped)) continue;
      if (intermittent && this.stockedShare(c, n, oLo, oHi) < MIN_STOCKED_SHARE) continue;
      winnerMask = 1 << c;
      winnerScore = this.score[c];
      winnerHandicapped = handicapped;
    }

    // Leaderboard: every scored model plus the core combination, best first.
    let board = boardAt;
    for (let r = 0; r < count; r++) {
      out.leaderboardModel[board] = this.order[r];
      out.leaderboardError[board] = this.score[this.order[r]];
      board++;
    }
    if (popCount(coreMask) > 1) {
      out.leaderboardModel[board] = coreLabel(coreMask);
      out.leaderboardError[board] = coreScore;
      board++;
    }
    sortBoard(out.leaderboardModel, out.leaderboardError, boardAt, board);

    // The winner's out-of-sample backtest errors, then its refit on the whole history.
    const G = this.chosen;
    this.combine(winnerMask, backtest ? oLo : 1, n, G);
    this.outSs.fill(0);
    this.outCs.fill(0);
    this.outCount.fill(0);
    if (backtest) this.accumulate(G, n, y, oLo, this.outSs, this.outCs, this.outCount);
    if (backtest) {
      for (let c = 0; c < C; c++) {
        if (winnerMask & (1 << c) && !this.runModel(c, n, n, 1)) this.runModel(c, oLo, n, 1);
      }
    }
    const members = this.combine(winnerMask, 1, n, G);

    const naiveRef = this.seasonal && this.valid[SEASONAL_NAIVE] ? SEASONAL_NAIVE : NAIVE;
    out.model[i] = members > 1 ? coreLabel(winnerMask) : 31 - Math.clz32(winnerMask);
    out.error[i] = flat ? 0 : winnerScore;
    out.errorKind[i] = intermittent ? ERROR_RMSSE : ERROR_MASE;
    out.naiveError[i] = flat ? 0 : this.valid[naiveRef] ? this.score[naiveRef] : NaN;
    out.seasonal[i] = this.seasonal ? 1 : 0;
    for (let t = 1; t < n; t++) out.fitted[start + first + t] = G[(t - 1) * h];

    this.measureSpread(G, n, y, this.seasonal ? this.z : y);
    const alive = min >= 0 && max > 0 ? survival(y, n) : 1;
    const lastRow = (n - 1) * h;
    const nonNegative = this.settings.nonNegative === true;
    const levels = this.settings.levels;
    let cumMean = 0;
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      let p = G[lastRow + k];
      if (nonNegative && p < 0) p = 0;
      let spread = this.sigma[k];
      let cumSpread = this.cumSigma[k];
      if (alive < 1) {
        // Demand is B·D with B ~ Bernoulli(alive) (still selling or not) independent of D:
        // mean alive·E[D], variance alive·σ² + alive·(1 − alive)·E[D]².
        const mean = Math.max(p, 0);
        cumMean += mean;
        spread = Math.sqrt(alive * spread * spread + alive * (1 - alive) * mean * mean);
        cumSpread = Math.sqrt(alive * cumSpread * cumSpread + alive * (1 - alive) * cumMean * cumMean);
        p *= alive;
      }
      out.point[at] = p;
      out.cumulativeSigma[at] = cumSpread;
      for (let j = 0; j < levels.length; j++) {
        const half = this.laplace[j] * spread;
        out.lower[j][at] = nonNegative ? Math.max(0, p - half) : p - half;
        out.upper[j][at] = p + half;
      }
    }
    out.grade[i] = grade(out.error[i], out.naiveError[i], n, h, backtest || flat);
    return board;
  }

  /**
   * Fits candidate c on the first `fitLen` points of its input and runs it from every origin of
   * the `n`-point history into its forecast matrix (seasonality restored). False when it does not
   * apply or produces non-finite forecasts.
   */
  private runModel(c: number, fitLen: number, n: number, from: number): boolean {
    const { h, m, ws } = this;
    const { model, role } = CANDIDATES[c];
    const adjusted = this.seasonal && role === Role.Adjusted;
    const src = adjusted ? this.z : this.y;
    const params = this.paramViews[c];
    const key = FIT_KEY_OF[c];
    if (key >= 0 && this.sharedLen[key] === fitLen && this.sharedAdjusted[key] === (adjusted ? 1 : 0)) {
      params.set(this.paramViews[this.sharedBy[key]]);
    } else {
      if (!model.fit(src, fitLen, m, params, ws)) return false;
      if (key >= 0) {
        this.sharedBy[key] = c;
        this.sharedLen[key] = fitLen;
        this.sharedAdjusted[key] = adjusted ? 1 : 0;
      }
    }
    const fc = this.fcViews[c];
    const rowLen = n * h;
    model.forecast(src, n, m, params, h, from, fc, ws);
    if (adjusted) {
      const index = ws.seasonIndex;
      const mult = this.multiplicative;
      for (let t = from; t <= n; t++) {
        const row = (t - 1) * h;
        // Origin t forecasts y[t + k] at step k + 1.
        for (let k = 0, p = t % m; k < h; k++, p = p + 1 === m ? 0 : p + 1) {
          fc[row + k] = mult ? fc[row + k] * index[p] : fc[row + k] + index[p];
        }
      }
    }
    for (let j = (from - 1) * h; j < rowLen; j++) if (!Number.isFinite(fc[j])) return false;
    return true;
  }

  /** Mean over origins oLo..oHi of the scaled error of the mean forecast of the models in `mask`. */
  private backtestError(mask: number, n: number, oLo: number, oHi: number, squared: boolean, scale: number): number {
    const { h, y, fcViews, memberList } = this;
    let members = 0;
    for (let c = 0; c < C; c++) if (mask & (1 << c)) memberList[members++] = c;
    let total = 0;
    for (let t = oLo; t <= oHi; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        let f = 0;
        for (let j = 0; j < members; j++) f += fcViews[memberList[j]][row + k];
        const e = y[t + k] - f / members;
        sum += squared ? e * e : Math.abs(e);
      }
      total += squared ? Math.sqrt(sum / steps) : sum / steps;
    }
    return total / (oHi - oLo + 1) / scale;
  }

  /** Share of backtest demand that candidate c's forecasts would have stocked (Σ forecast / Σ actual). */
  private stockedShare(c: number, n: number, oLo: number, oHi: number): number {
    const { h, y } = this;
    const F = this.fcViews[c];
    let f = 0;
    let a = 0;
    for (let t = oLo; t <= oHi; t++) {
      const steps = Math.min(h, n - t);
      for (let k = 0; k < steps; k++) {
        f += F[(t - 1) * h + k];
        a += y[t + k];
      }
    }
    return a > 0 ? f / a : 1;
  }

  /** Mean of the members' forecasts from origins from..n into G; returns the member count. */
  private combine(mask: number, from: number, n: number, G: Float64Array): number {
    const start = (from - 1) * this.h;
    const rowLen = n * this.h;
    G.fill(0, start, rowLen);
    let members = 0;
    for (let c = 0; c < C; c++) {
      if (!(mask & (1 << c))) continue;
      members++;
      const F = this.fcViews[c];
      for (let j = start; j < rowLen; j++) G[j] += F[j];
    }
    if (members > 1) for (let j = start; j < rowLen; j++) G[j] /= members;
    return members;
  }

  /** Adds, per step k, the squared k-step errors and squared errors of sums 1..k from origins ≥ tFrom. */
  private accumulate(G: Float64Array, n: number, y: Float64Array, tFrom: number, ss: Float64Array, cs: Float64Array, cnt: Int32Array): void {
    const h = this.h;
    for (let t = tFrom; t < n; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      let cum = 0;
      for (let k = 0; k < steps; k++) {
        const e = y[t + k] - G[row + k];
        cum += e;
        ss[k] += e * e;
        cs[k] += cum * cum;
        cnt[k]++;
      }
    }
  }

  /**
   * Spread per step k of the chosen forecasts' errors (sigma) and of the errors of the sum of
   * steps 1..k (cumSigma):
   * 1. measured: root mean square of the k-step errors and of the summed errors, from in-sample
   *    origins past the warm-up and the out-of-sample backtest origins; a step with fewer than
   *    MIN_ERRORS errors (short histories) adds the one-step variance to the step before (a random
   *    walk's growth), and its sum takes it fully correlated with the steps before;
   * 2. plus the trend risk (TREND_RISK) of the adjusted history `x`;
   * 3. kept consistent: sigma never falls with k, and cumSigma(k) lies between cumSigma(k − 1) and
   *    cumSigma(k − 1) + sigma(k) (the spread of a sum is at most the sum of the spreads);
   * 4. scaled by √(n / (n − FITTED_PARAMS)) for the parameters fitted on the same data.
   * An earlier version shrank both toward spreads growing like k and like k(k + 1)/2 (weight 20
   * errors): at the steps of weekly demand (26) that prior swamped hundreds of measured errors
   * and made cumSigma(6) ≈ 8 × cumSigma(1) (measured on the demo data: bands that held 100% of the
   * held-out weeks past step 8, safety stock ~3× too high).
   */
  private measureSpread(G: Float64Array, n: number, y: Float64Array, x: Float64Array): void {
    const { h, sigma, cumSigma, inSs, inCs, inCount, outSs, outCs, outCount } = this;
    inSs.fill(0);
    inCs.fill(0);
    inCount.fill(0);
    this.accumulate(G, n, y, Math.max(1, Math.floor(n * WARMUP)), inSs, inCs, inCount);
    const drift = TREND_RISK * Math.abs(leastSquaresSlope(x, n));
    for (let k = 0; k < h; k++) {
      const count = inCount[k] + outCount[k];
      if (count >= MIN_ERRORS || (k === 0 && count > 0)) {
        sigma[k] = Math.sqrt((inSs[k] + outSs[k]) / count);
        cumSigma[k] = Math.sqrt((inCs[k] + outCs[k]) / count);
      } else if (k > 0) {
        sigma[k] = Math.sqrt(sigma[k - 1] * sigma[k - 1] + sigma[0] * sigma[0]);
        cumSigma[k] = cumSigma[k - 1] + sigma[k];
      } else {
        // Nothing to measure at all (one observation): assume a 50% coefficient of variation.
        sigma[0] = Math.abs(y[n - 1]) * 0.5;
        cumSigma[0] = sigma[0];
      }
      if (k > 0) {
        const trend = drift * k;
        const cumTrend = (drift * k * (k + 1)) / 2;
        sigma[k] = Math.max(Math.sqrt(sigma[k] * sigma[k] + trend * trend), sigma[k - 1]);
        const cum = Math.sqrt(cumSigma[k] * cumSigma[k] + cumTrend * cumTrend);
        cumSigma[k] = Math.min(Math.max(cum, cumSigma[k - 1]), cumSigma[k - 1] + sigma[k]);
      }
    }
    const small = Math.sqrt(n / Math.max(1, n - FITTED_PARAMS));
    for (let k = 0; k < h; k++) {
      sigma[k] *= small;
      cumSigma[k] *= small;
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

/** Least-squares slope of x[0..n) against t (0 for fewer than two points). */
function leastSquaresSlope(x: Float64Array, n: number): number {
  if (n < 2) return 0;
  const tMean = (n - 1) / 2;
  let xMean = 0;
  for (let t = 0; t < n; t++) xMean += x[t];
  xMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tMean) * (x[t] - xMean);
    sxx += (t - tMean) * (t - tMean);
  }
  return sxy / sxx;
}

/**
 * Probability that demand ending in a run of empty periods is still alive (the forecast's weight;
 * 1 while the run is ordinary). Before the run, the item sold in a share p of its periods and its
 * longest gap was G. A run up to max(2G, FADE_EVENTS / p) periods — twice the longest earlier
 * gap, and the time of FADE_EVENTS sales at the usual pace — counts as ordinary (a stockout, a
 * slow spell); past it, the weight halves for every sale the item would have made at the usual
 * pace: 2^(−p·excess). This is TSB's demand-probability decay with its rate tied to the item's own
 * pace, so that an item that stopped selling months ago fades to zero (measured on the demo data:
 * dead items' forecasts over the next 13 weeks fall below one unit) while intermittent sellers
 * within their usual gaps keep their forecast.
 */
function survival(y: Float64Array, n: number): number {
  let end = n;
  while (end > 0 && y[end - 1] === 0) end--;
  const run = n - end;
  if (run === 0 || end === 0) return 1;
  let first = 0;
  while (y[first] === 0) first++;
  let sales = 0;
  let gap = 0;
  let longest = 0;
  for (let t = first; t < end; t++) {
    if (y[t] > 0) {
      sales++;
      gap = 0;
    } else if (++gap > longest) {
      longest = gap;
    }
  }
  const pace = sales / (end - first);
  const excess = run - Math.max(2 * longest, FADE_EVENTS / pace);
  return excess > 0 ? 2 ** (-pace * excess) : 1;
}

function popCount(mask: number): number {
  let count = 0;
  for (let v = mask; v; v &= v - 1) count++;
  return count;
}

function bestOf(order: Int32Array, count: number, score: Float64Array): number {
  let best = order[0];
  for (let r = 1; r < count; r++) if (score[order[r]] < score[best]) best = order[r];
  return best;
}

/** Stable insertion sort of a leaderboard slice by error (NaN last). */
function sortBoard(model: Int32Array, error: Float64Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    const mv = model[a];
    const ev = error[a];
    let b = a - 1;
    while (b >= from && (error[b] > ev || (Number.isNaN(error[b]) && !Number.isNaN(ev)))) {
      model[b + 1] = model[b];
      error[b + 1] = error[b];
      b--;
    }
    model[b + 1] = mv;
    error[b + 1] = ev;
  }
}

/**
 * Confidence grade, 0..3 = A..D, from the backtest error relative to naive's and the history:
 * - D: no backtest was possible (fewer than h + 5 observations gives only partial horizons), or
 *      the winner's backtest error is above naive's;
 * - A: error at most 0.8 × naive's and below 1 (on average within one naive step);
 * - B: error at most 0.9 × naive's;
 * - C: otherwise (about as good as naive).
 * A flat history (error 0) grades A when long enough, since there is nothing to get wrong yet.
 */
function grade(error: number, naiveError: number, n: number, h: number, measured: boolean): number {
  if (!measured || n < h + MIN_FIT || !(error >= 0)) return 3;
  if (error === 0) return 0;
  const ratio = naiveError > 0 ? error / naiveError : Infinity;
  if (ratio > 1) return 3;
  if (ratio <= 0.8 && error < 1) return 0;
  if (ratio <= 0.9) return 1;
  return 2;
}

/** Maximum leaderboard entries per series: every model plus the core combination. */
export const BOARD_SLOTS = C + 1;

export { MODEL_NAMES };
