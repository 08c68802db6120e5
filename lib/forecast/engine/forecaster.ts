import { maseScale, rmsseScale } from '../metrics';
import type { FittedMethod } from '../models/forecaster';
import { ERROR_MASE, ERROR_RMSSE, type BatchForecast, type ForecastSettings, type SharedSeasons } from '../types';
import { CANDIDATE_COUNT as C, CANDIDATES, COMBINATIONS, labelOf, memberMask, MODEL_NAMES, NAIVE, NONE, popCount, SEASONAL_NAIVE } from './candidates';
import { survival } from './fading';
import { grade, MIN_FIT } from './grade';
import { MAX_HISTORY, prepare } from './prepare';
import { MAX_METHOD_SEASON, Seasonality, SEASON_NONE } from './seasonality';
import { allPositive, logInto, multiplicativeErrors } from './errorScale';
import { proportionalSumSpread, Spread, WARMUP, ZeroBoundedBands } from './spread';
import { sortBoard } from './leaderboard';
import { PromotionCleaner } from './promotions';
import { combinedAt } from './combination';

/**
 * The tournament, per series (lib/forecast/README.md has the measurements behind each choice):
 *
 * 1. Prepare: gaps bridged, demand classed as regular or intermittent, the season decided
 *    (seasonality.ts: the methods' own, the series' own decomposition, or its group's profile).
 * 2. Backtest: every applicable method is fitted once on the history before the first of up to
 *    `origins` rolling origins whose whole horizon lies in the history, and run as a fixed filter
 *    through the rest, so every scored forecast is out of sample.
 * 3. Score: per method, and per combination of the automatic methods, the mean over
 *    origins of the scaled error (MASE; RMSSE for intermittent demand, where MAE rewards
 *    forecasting zero). These scores are the leaderboard.
 * 4. Choose. Regular demand: the combination of the automatic methods that could be fitted
 *    (their mean, trimmed of the highest and lowest from TRIM_FROM members on: combination.ts)
 *    is the forecast, of those the catalogue's pool kept where it names them (settings.members,
 *    pool.ts); the methods alone and the benchmarks are scored and listed beside it
 *    for reference, not picked from: on ten origins a per-series pick is mostly luck, and every
 *    pick we measured (the lowest error of all, of the combinations, of the methods, a pick only
 *    by a clear margin, error-weighted means) forecast worse than the combination on most shared
 *    sets (README). Intermittent demand: the family competes and the lowest score wins; naive
 *    never wins (it is zero most of the time) and a winner must have stocked at least
 *    MIN_STOCKED_SHARE of the backtest demand.
 *    A model the analyst pinned (`pinned`, a label) replaces the choice when all its methods
 *    could be fitted; it joins the leaderboard if the tournament did not score it.
 * 5. Forecast: the winner's members are refitted on the whole history.
 * 6. Intervals from the winner's measured errors (spread.ts); fading demand (fading.ts).
 */
export interface Tuning {
  /** Rolling origins scored per method. */
  origins: number;
}

export const DEFAULT_TUNING: Tuning = { origins: 10 };

/** Intermittent winners must stock at least this share of backtest demand (bias guard). */
export const MIN_STOCKED_SHARE = 0.5;
/** Maximum leaderboard entries per series: every method and the combination. */
export const BOARD_SLOTS = C + 1;

/** The engine's answer for `count` series, every array allocated (leaderboards at their most). */
export function allocateForecast(count: number, settings: ForecastSettings, valueCount: number): BatchForecast {
  const h = settings.horizon;
  const slots = count * BOARD_SLOTS;
  return {
    count,
    horizon: h,
    levels: [...settings.levels],
    point: new Float64Array(count * h),
    lower: settings.levels.map(() => new Float64Array(count * h)),
    upper: settings.levels.map(() => new Float64Array(count * h)),
    cumulativeSigma: new Float64Array(count * h),
    modelNames: MODEL_NAMES,
    model: new Int32Array(count),
    error: new Float64Array(count),
    errorKind: new Uint8Array(count),
    naiveError: new Float64Array(count),
    grade: new Uint8Array(count),
    seasonal: new Uint8Array(count),
    leaderboardOffsets: new Int32Array(count + 1),
    leaderboardModel: new Int32Array(slots),
    leaderboardError: new Float64Array(slots),
    fitted: new Float64Array(valueCount).fill(NaN),
  };
}

/** Per-batch state: the methods' instances and scratch sized to the longest series, reused for every series. */
export class SeriesForecaster {
  /** Per candidate: its instance on the series as given (season m, or 1 above MAX_METHOD_SEASON). */
  private readonly direct: FittedMethod[];
  /** Per candidate: its instance without a season, for series the engine adjusts itself. */
  private readonly plain: FittedMethod[];
  private readonly season: Seasonality;
  private readonly spread: Spread;
  /** The spread of log errors, for strictly positive series whose errors grow with their level (errorScale.ts). */
  private readonly logSpread: Spread;
  private readonly zeroBounded = new ZeroBoundedBands();
  private readonly cleaner = new PromotionCleaner();
  /** The history the methods are fitted to: the raw one, or it with its promotions replaced. */
  private y = new Float64Array(0);
  /** The history as prepared (gaps bridged): what was sold, which every score and spread is measured on. */
  private raw = new Float64Array(0);
  /** What the promotions replaced in `y` added to demand (PromotionCleaner.lift); 1 when nothing was. */
  private lift = 1;
  private z = new Float64Array(0);
  private logY = new Float64Array(0);
  private logX = new Float64Array(0);
  /** Per candidate: forecasts from every origin of its fit on the whole history (origin-major, capacity × h). */
  private fcViews: Float64Array[] = [];
  /** Per candidate: the backtest's forecasts from its refit on the history before the first origin. */
  private btViews: Float64Array[] = [];
  private chosen = new Float64Array(0);
  private capacity = 0;
  private readonly valid = new Uint8Array(C);
  private readonly score = new Float64Array(C);
  private readonly memberList = new Int32Array(C);
  /** Per level: Laplace quantile in units of the error's standard deviation. */
  private readonly laplace: Float64Array;
  /** Per level: the error quantile of the current series' zero-bounded bands (NaN: not used). */
  private readonly levelQuantile: Float64Array;
  private readonly h: number;
  private readonly m: number;
  /** The members the combination takes where they could be fitted (settings.members). */
  private readonly pool: number;

  constructor(
    capacity: number,
    private readonly settings: ForecastSettings,
    private readonly out: BatchForecast,
    private readonly shared: SharedSeasons | undefined,
    private readonly tuning: Tuning = DEFAULT_TUNING,
  ) {
    this.h = settings.horizon;
    this.m = settings.season;
    this.pool = memberMask(settings.members);
    const methodSeason = this.m > MAX_METHOD_SEASON ? 1 : this.m;
    this.direct = CANDIDATES.map((c) => c.method.create(c.member ? methodSeason : this.m));
    this.plain = CANDIDATES.map((c) => c.method.create(1));
    this.season = new Seasonality(this.m);
    this.spread = new Spread(this.h);
    this.logSpread = new Spread(this.h, true);
    // Forecast errors are heavier-tailed than normal: on M3 the normal's 80% bands covered ~85%
    // while its 95% bands fell short; Laplace quantiles (same spread) fit both levels.
    this.laplace = Float64Array.from(settings.levels, (level) => Math.log(100 / (100 - level)) / Math.SQRT2);
    this.levelQuantile = new Float64Array(settings.levels.length);
    this.grow(capacity);
  }

  private grow(n: number): void {
    if (n <= this.capacity) return;
    this.capacity = n;
    this.y = new Float64Array(n);
    this.raw = new Float64Array(n);
    this.z = new Float64Array(n);
    this.logY = new Float64Array(n);
    this.logX = new Float64Array(n);
    const forecasts = new Float64Array(2 * C * n * this.h);
    this.fcViews = CANDIDATES.map((_, c) => forecasts.subarray(c * n * this.h, (c + 1) * n * this.h));
    this.btViews = CANDIDATES.map((_, c) => forecasts.subarray((C + c) * n * this.h, (C + c + 1) * n * this.h));
    this.chosen = new Float64Array(n * this.h);
  }

  /** Forecasts series `i` whose raw values are `values[start .. start + len)`; returns the next leaderboard slot. */
  run(i: number, values: Float64Array, start: number, len: number, boardAt: number, pinned = -1): number {
    const { h, out, tuning } = this;
    this.grow(Math.min(len, MAX_HISTORY));
    const s = prepare(values, start, len, this.raw);
    if (s.first < 0) return this.writeNone(i, boardAt);
    const { n, flat, intermittent } = s;
    // The methods see the cleaned history; every score and spread is measured on the raw one.
    const raw = this.raw;
    const y = this.y;
    this.lift = 1;
    if (!intermittent && !flat && this.settings.cleanPromotions && this.cleaner.clean(raw, n, this.m, y) > 0) this.lift = this.cleaner.lift;
    else y.set(raw.subarray(0, n));
    if (!intermittent && !flat) this.season.decide(y, n, this.z, s.min > 0, this.shared, i, s.first);
    else this.season.clear();
    // The methods see z where the engine took out the year or the season, without their own season in the latter case.
    const { adjusted } = this.season;
    const onZ = adjusted || this.season.yearly;

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
        if (!backtest || !(intermittent ? cand.intermittent : cand.regular)) continue;
        if ((backtest ? oLo : n) < cand.method.minLength(cand.member ? (adjusted ? 1 : this.methodSeason()) : this.m)) continue;
      }
      if (this.runMethod(c, n, adjusted, onZ, backtest ? oLo : 0)) this.valid[c] = 1;
    }

    let scale = intermittent ? rmsseScale(raw, n) : maseScale(raw, n, this.m);
    if (!(scale > 0)) {
      let sum = 0;
      for (let t = 0; t < n; t++) sum += Math.abs(raw[t]);
      scale = sum > 0 ? sum / n : 1;
    }

    // Leaderboard: every scored method and combination; the lowest eligible score wins.
    let board = boardAt;
    let winnerMask = 0;
    let winnerScore = Infinity;
    const consider = (mask: number, score: number, eligible: boolean) => {
      out.leaderboardModel[board] = labelOf(mask);
      out.leaderboardError[board] = score;
      board++;
      if (eligible && score < winnerScore) {
        winnerMask = mask;
        winnerScore = score;
      }
    };
    // Regular demand: the combination of the pool's methods that could be fitted is the only
    // candidate; the methods alone and the benchmarks are listed beside it for reference.
    const members = this.pooledMembers();
    if (!intermittent && popCount(members) > 1) consider(members, backtest ? this.backtestError(members, n, oLo, oHi, false, scale) : NaN, true);
    for (let c = 0; c < C; c++) {
      if (!this.valid[c]) continue;
      this.score[c] = backtest ? this.backtestError(1 << c, n, oLo, oHi, intermittent, scale) : NaN;
      const eligible = intermittent
        ? c !== NAIVE && this.stockedShare(c, n, oLo, oHi) >= MIN_STOCKED_SHARE
        : members === 1 << c;
      consider(1 << c, this.score[c], eligible);
    }
    // Nothing eligible was scored (no backtest, or every intermittent method failed its guard).
    if (winnerMask === 0) {
      winnerMask = this.fallback(intermittent);
      winnerScore = popCount(winnerMask) === 1 && backtest ? this.score[31 - Math.clz32(winnerMask)] : NaN;
    }
    const pin = pinned < 0 ? 0 : pinned < NONE ? 1 << pinned : COMBINATIONS[pinned - NONE - 1];
    let pinFitted = pin !== 0;
    for (let c = 0; c < C; c++) if (pin & (1 << c) && !this.valid[c]) pinFitted = false;
    if (pinFitted) {
      winnerMask = pin;
      winnerScore = backtest ? this.backtestError(pin, n, oLo, oHi, intermittent, scale) : NaN;
      if (!out.leaderboardModel.subarray(boardAt, board).includes(pinned)) consider(pin, winnerScore, false);
    }
    sortBoard(out.leaderboardModel, out.leaderboardError, boardAt, board);

    // The winner's out-of-sample backtest errors, then its forecasts from the whole history.
    const G = this.chosen;
    const { logY } = this;
    // Strictly positive regular demand may carry errors that grow with its level (errorScale.ts).
    let logScale = !intermittent && !flat && s.min > 0 && logInto(raw, 0, n, logY);
    if (intermittent) this.zeroBounded.reset(2 * n * h);
    if (backtest) {
      this.combine(winnerMask, oLo, n, G, this.btViews);
      this.spread.backtest(G, n, raw, oLo);
      if (intermittent) this.zeroBounded.add(G, h, n, raw, oLo);
      logScale &&= allPositive(G, (oLo - 1) * h, n * h);
      if (logScale) this.logSpread.backtest(G, n, raw, oLo);
    } else {
      this.spread.backtest(G, n, raw, 0);
      this.logSpread.backtest(G, n, raw, 0);
    }
    const combined = this.combine(winnerMask, 1, n, G, this.fcViews);

    const naiveRef = this.season.source !== SEASON_NONE && this.valid[SEASONAL_NAIVE] ? SEASONAL_NAIVE : NAIVE;
    out.model[i] = combined > 1 ? labelOf(winnerMask) : 31 - Math.clz32(winnerMask);
    out.error[i] = flat ? 0 : winnerScore;
    out.errorKind[i] = intermittent ? ERROR_RMSSE : ERROR_MASE;
    out.naiveError[i] = flat ? 0 : this.valid[naiveRef] ? this.score[naiveRef] : NaN;
    out.seasonal[i] = this.season.source === SEASON_NONE && !this.season.yearly ? 0 : 1;
    const fittedAt = start + s.first;
    for (let t = 1; t < n; t++) out.fitted[fittedAt + t] = G[(t - 1) * h];

    this.spread.measure(G, n, raw, onZ ? this.z : y);
    if (intermittent) this.zeroBounded.addInSample(G, h, n, raw);
    const warm = Math.max(1, Math.floor(n * WARMUP));
    logScale &&= multiplicativeErrors(G, h, n, raw, warm) && allPositive(G, (warm - 1) * h, n * h) && (!onZ || logInto(this.z, 0, n, this.logX));
    if (logScale) this.logSpread.measure(G, n, raw, onZ ? this.logX : logY);
    const alive = s.min >= 0 && s.max > 0 ? survival(raw, n) : 1;
    // Log errors too large for a long horizon overflow the log scale's bounds: the spread in units then.
    if (!this.writeForecast(i, G, n, alive, intermittent, logScale) && logScale) this.writeForecast(i, G, n, alive, intermittent, false);
    out.grade[i] = grade(out.error[i], out.naiveError[i], n, h, backtest || flat);
    return board;
  }

  /**
   * The pool's held-back test of series i (pool.ts): every member fitted, form chosen, on the
   * history less its last h periods, as the tournament fits it on the whole history (selecting as
   * for the whole length: FittedMethod.fit's `selectAs`), and its h forecasts from there written
   * into `forecasts` (member-major, MEMBER_NAMES order; NaN where it could not be fitted), the
   * periods held back into `actual`. False for demand the combination does not
   * forecast (intermittent, flat) and for a history under h + MIN_FIT periods.
   */
  holdOut(i: number, values: Float64Array, start: number, len: number, forecasts: Float64Array, actual: Float64Array, clean = false): boolean {
    const { h } = this;
    this.grow(Math.min(len, MAX_HISTORY));
    const s = prepare(values, start, len, this.raw);
    const n = s.n - h;
    if (s.first < 0 || s.flat || s.intermittent || n < MIN_FIT) return false;
    const y = this.y;
    actual.set(this.raw.subarray(n, n + h));
    this.lift = 1;
    if (clean) {
      if (this.cleaner.clean(this.raw, n, this.m, y) === 0) return false;
      this.lift = this.cleaner.lift;
    } else y.set(this.raw.subarray(0, n));
    let min = Infinity;
    let max = -Infinity;
    for (let t = 0; t < n; t++) {
      min = Math.min(min, y[t]);
      max = Math.max(max, y[t]);
    }
    if (min === max) return false;
    this.season.decide(y, n, this.z, min > 0, this.shared, i, s.first);
    const { adjusted } = this.season;
    const onZ = adjusted || this.season.yearly;
    let k = 0;
    for (let c = 0; c < C; c++) {
      if (!CANDIDATES[c].member) continue;
      const at = k++ * h;
      const fits = n >= CANDIDATES[c].method.minLength(adjusted ? 1 : this.methodSeason()) && this.runMethod(c, n, adjusted, onZ, 0, s.n);
      if (fits) forecasts.set(this.fcViews[c].subarray((n - 1) * h, n * h), at);
      else forecasts.fill(NaN, at, at + h);
    }
    return true;
  }

  private methodSeason(): number {
    return this.m > MAX_METHOD_SEASON ? 1 : this.m;
  }

  /**
   * Points, bounds and cumulative spreads of series i from the last row of G, weighted by the
   * chance the item still sells. With `logScale` the bands are point × exp(± quantile × the spread
   * of log errors), and the cumulative spread (safety stock) is the σ in units that gives the sum's
   * upper bound of that shape at the default service level (proportionalSumSpread). False when a
   * bound or cumulative spread is not finite.
   */
  private writeForecast(i: number, G: Float64Array, n: number, alive: number, zeroBounded: boolean, logScale: boolean): boolean {
    const { h, out } = this;
    const { sigma, cumSigma } = this.spread;
    const lastRow = (n - 1) * h;
    const nonNegative = this.settings.nonNegative === true;
    const levels = this.settings.levels;
    const q = this.levelQuantile;
    for (let j = 0; j < levels.length; j++) q[j] = zeroBounded ? this.zeroBounded.quantile(levels[j] / 100) : NaN;
    let cumMean = 0;
    let pointSum = 0;
    let lastCumSpread = 0;
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      let p = G[lastRow + k];
      if (nonNegative && p < 0) p = 0;
      let spread = sigma[k];
      pointSum += Math.max(p, 0);
      // The log scale's spread of a sum, read back in units, can shrink with k where the points
      // fall or the log errors are large; a longer lead time never needs less safety stock.
      let cumSpread = logScale ? Math.max(proportionalSumSpread(pointSum, this.logSpread.cumSigma[k], k + 1), lastCumSpread) : cumSigma[k];
      lastCumSpread = cumSpread;
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
        if (Number.isFinite(q[j])) {
          // [0, q(level)]: see ZeroBoundedBands; the chance that the item still sells scales it.
          out.lower[j][at] = 0;
          out.upper[j][at] = Math.max(p, alive * (G[lastRow + k] + q[j]));
          continue;
        }
        if (logScale && alive === 1) {
          const width = this.laplace[j] * this.logSpread.sigma[k];
          out.lower[j][at] = p * Math.exp(-width);
          out.upper[j][at] = p * Math.exp(width);
          continue;
        }
        const half = this.laplace[j] * spread;
        out.lower[j][at] = nonNegative ? Math.max(0, p - half) : p - half;
        out.upper[j][at] = p + half;
      }
    }
    for (let at = i * h; at < (i + 1) * h; at++) {
      if (!Number.isFinite(out.cumulativeSigma[at])) return false;
      for (let j = 0; j < levels.length; j++) if (!Number.isFinite(out.lower[j][at]) || !Number.isFinite(out.upper[j][at])) return false;
    }
    return true;
  }

  /**
   * The forecast when no eligible entry was scored: regular demand too short to backtest takes
   * the combination of the automatic methods that could be fitted; intermittent demand whose
   * methods all failed the bias guard the first of its family that fitted; else naive.
   */
  private fallback(intermittent: boolean): number {
    if (!intermittent) return this.pooledMembers() || 1 << NAIVE;
    for (let c = 0; c < C; c++) if (this.valid[c] && c !== NAIVE && CANDIDATES[c].intermittent) return 1 << c;
    return 1 << NAIVE;
  }

  /** The members that could be fitted and that the pool keeps; every fitted member when none of the pool's could be. */
  private pooledMembers(): number {
    let fitted = 0;
    for (let c = 0; c < C; c++) if (this.valid[c] && CANDIDATES[c].member) fitted |= 1 << c;
    return fitted & this.pool || fitted;
  }

  /**
   * Fits candidate c on the whole history (selecting its form) and runs it from every origin into
   * its forecast matrix; with a backtest (`oLo` > 0), re-estimates that form on the history before
   * `oLo` and runs it from origins oLo..n into its backtest matrix. Where the engine took out the
   * year or the season (`onZ`; the season: `adjusted`, the methods then without their own), it
   * runs on that history and the indices are restored on its forecasts. False when the method does
   * not apply or produces non-finite forecasts. `selectAs`: FittedMethod.fit's.
   */
  private runMethod(c: number, n: number, adjusted: boolean, onZ: boolean, oLo: number, selectAs = n): boolean {
    // A method that fails on a series (a numerical corner its authors did not foresee) drops out
    // of that series' tournament instead of failing the whole batch.
    try {
      return this.fitAndForecast(c, n, adjusted, onZ, oLo, selectAs);
    } catch {
      return false;
    }
  }

  private fitAndForecast(c: number, n: number, adjusted: boolean, onZ: boolean, oLo: number, selectAs: number): boolean {
    const cand = CANDIDATES[c];
    const onAdjusted = onZ && cand.adjusted;
    const fitted = adjusted && cand.adjusted ? this.plain[c] : this.direct[c];
    const src = onAdjusted ? this.z : this.y;
    if (!fitted.fit(src, n, selectAs)) return false;
    fitted.forecast(src, n, this.h, 1, this.fcViews[c]);
    if (!this.finish(this.fcViews[c], n, 1, onAdjusted)) return false;
    if (oLo === 0) return true;
    if (!fitted.refit(src, oLo)) return false;
    fitted.forecast(src, n, this.h, oLo, this.btViews[c]);
    return this.finish(this.btViews[c], n, oLo, onAdjusted);
  }

  /**
   * Restores the seasonal indices on forecasts from origins from..n, and the promotions' lift
   * where the history was cleaned; false when any is not finite.
   */
  private finish(fc: Float64Array, n: number, from: number, onAdjusted: boolean): boolean {
    const { h, lift } = this;
    if (onAdjusted) this.season.reseason(fc, from, n, h);
    if (lift !== 1) for (let j = (from - 1) * h; j < n * h; j++) fc[j] *= lift;
    for (let j = (from - 1) * h; j < n * h; j++) if (!Number.isFinite(fc[j])) return false;
    return true;
  }

  /** Mean over origins oLo..oHi of the scaled error of the mean forecast of the methods in `mask`. */
  private backtestError(mask: number, n: number, oLo: number, oHi: number, squared: boolean, scale: number): number {
    const { h, raw, btViews, memberList } = this;
    let members = 0;
    for (let c = 0; c < C; c++) if (mask & (1 << c)) memberList[members++] = c;
    let total = 0;
    for (let t = oLo; t <= oHi; t++) {
      const row = (t - 1) * h;
      const steps = Math.min(h, n - t);
      let sum = 0;
      for (let k = 0; k < steps; k++) {
        const e = raw[t + k] - combinedAt(btViews, memberList, members, row + k);
        sum += squared ? e * e : Math.abs(e);
      }
      total += squared ? Math.sqrt(sum / steps) : sum / steps;
    }
    return total / (oHi - oLo + 1) / scale;
  }

  /** Share of backtest demand that candidate c's forecasts would have stocked (Σ forecast / Σ actual). */
  private stockedShare(c: number, n: number, oLo: number, oHi: number): number {
    const { h, raw } = this;
    const F = this.btViews[c];
    let f = 0;
    let a = 0;
    for (let t = oLo; t <= oHi; t++) {
      const steps = Math.min(h, n - t);
      for (let k = 0; k < steps; k++) {
        f += F[(t - 1) * h + k];
        a += raw[t + k];
      }
    }
    return a > 0 ? f / a : 1;
  }

  /** The combined forecast of the members in `mask` (from `views`, origins from..n) into G; returns the member count. */
  private combine(mask: number, from: number, n: number, G: Float64Array, views: Float64Array[]): number {
    const { memberList } = this;
    let members = 0;
    for (let c = 0; c < C; c++) if (mask & (1 << c)) memberList[members++] = c;
    for (let j = (from - 1) * this.h; j < n * this.h; j++) G[j] = combinedAt(views, memberList, members, j);
    return members;
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
