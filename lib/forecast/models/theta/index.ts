/**
 * The optimised Theta family of Fiorucci, Pellegrini, Louzada, Petropoulos & Koehler (2016):
 * standard (STM, θ = 2: simple exponential smoothing with drift, R's thetaf), optimised (OTM, θ
 * fitted), dynamic standard (DSTM) and dynamic optimised (DOTM, the line updated every period),
 * on the seasonally adjusted series.
 *
 * The automatic method is DOTM alone: choosing among the four per series by in-sample fit (MSE, as
 * statsforecast's AutoTheta, or AIC) forecast worse than DOTM on most shared sets, on the official
 * and on held-back tails (README.md here has the figures); the choices stay available for
 * that comparison.
 */
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { gridGolden } from '../../optimize';
import { dynamicLines, staticLine } from './lines';
import { ALPHA, FIT_SIZE, INTERCEPT, LEVEL, MSE, SLOPE, WEIGHT, profile, runForecasts } from './recursion';
import { SeasonalAdjustment } from './seasonal';

export const THETA_MODELS = ['STM', 'OTM', 'DSTM', 'DOTM'] as const;
export type ThetaModel = (typeof THETA_MODELS)[number];
/** How a method with several models chooses: least in-sample MSE, or least AIC on a common window. */
export type ThetaChoice = 'mse' | 'aic';

/** α range of the paper (and statsforecast) for the fitted models. */
const ALPHA_LO = 0.1;
const ALPHA_HI = 0.99;
/** STM is thetaf: R's simple smoothing range. */
const STM_ALPHA_LO = 1e-4;
const STM_ALPHA_HI = 0.9999;
/** The α search: a grid finds the basin, golden section refines it. */
const GRID = 12;
const ITERATIONS = 20;
/** The dynamic models score errors from the third observation on; AIC compares every model there. */
const COMMON_START = 2;

class ThetaInstance implements FittedMethod {
  private readonly season: SeasonalAdjustment;
  private readonly fits: Float64Array[];
  private readonly dynamic: boolean[];
  private adjusted = new Float64Array(0);
  private a = new Float64Array(0);
  private b = new Float64Array(0);
  private readonly line = new Float64Array(2);
  private readonly state = new Float64Array(6);
  private chosen = -1;
  private fittedN = 0;
  /** STM's simple smoothing, alone: its in-sample MSE, the σ² of thetaf's bands (R takes it from `ses`). */
  private smoothingMse = NaN;
  // The model under search, read by the objective (one closure per instance, none per fit).
  private series: Float64Array = new Float64Array(0);
  private slot = 0;
  private readonly objective = (alpha: number) => this.evaluate(alpha);

  constructor(
    m: number,
    private readonly models: readonly ThetaModel[],
    private readonly choice: ThetaChoice,
    seasonCycles: number,
  ) {
    this.season = new SeasonalAdjustment(m, seasonCycles);
    this.fits = models.map(() => new Float64Array(FIT_SIZE));
    this.dynamic = models.map((model) => model === 'DSTM' || model === 'DOTM');
  }

  private evaluate(alpha: number): number {
    const model = this.models[this.slot];
    const standard = model === 'STM' || model === 'DSTM';
    // STM fits plain smoothing as thetaf does (its drift is added after).
    const drift = model !== 'STM';
    return profile(this.series, this.fittedN, alpha, standard ? 0.5 : NaN, this.dynamic[this.slot], drift, this.a, this.b, this.fits[this.slot]);
  }

  private grow(n: number): void {
    if (this.adjusted.length > n) return;
    const size = Math.max(n + 1, 2 * this.adjusted.length);
    this.adjusted = new Float64Array(size);
    this.a = new Float64Array(size);
    this.b = new Float64Array(size);
  }

  private adjust(y: Float64Array, n: number): Float64Array {
    if (!this.season.active || !this.season.adjustsInput) return y;
    this.season.adjust(y, n, this.adjusted);
    return this.adjusted;
  }

  fit(y: Float64Array, n: number): boolean {
    return this.fitModels(y, n, -1);
  }

  /** Re-estimates the chosen model alone (its α, level and line; the seasonal indices too). */
  refit(y: Float64Array, n: number): boolean {
    return this.chosen >= 0 && this.fitModels(y, n, this.chosen);
  }

  /** Fits every model, or only model `only` (≥ 0), and keeps the best by the method's choice. */
  private fitModels(y: Float64Array, n: number, only: number): boolean {
    this.chosen = -1;
    if (n < 4) return false;
    for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
    this.grow(n);
    this.season.fit(y, n);
    const series = this.adjust(y, n);
    this.series = series;
    this.fittedN = n;
    staticLine(series, n, this.line);
    dynamicLines(series, n, this.a, this.b, this.state);
    let best = Infinity;
    for (let s = 0; s < this.models.length; s++) {
      if (only >= 0 && s !== only) continue;
      const fit = this.fits[s];
      fit[INTERCEPT] = this.line[0];
      fit[SLOPE] = this.line[1];
      this.slot = s;
      const stm = this.models[s] === 'STM';
      this.evaluate(gridGolden(this.objective, stm ? STM_ALPHA_LO : ALPHA_LO, stm ? STM_ALPHA_HI : ALPHA_HI, GRID, ITERATIONS));
      if (stm) {
        this.smoothingMse = fit[MSE];
        // thetaf's level starts at the smoothing's; in the model's terms it is w·(A + B) lower.
        fit[WEIGHT] = 0.5;
        fit[LEVEL] -= 0.5 * (fit[INTERCEPT] + fit[SLOPE]);
        fit[MSE] = windowMse(series, n, fit, false, this.a, this.b, 0);
      }
      const score = this.models.length === 1 || only >= 0 ? 0 : this.choice === 'mse' ? fit[MSE] : this.aic(s, n);
      if (score < best) {
        best = score;
        this.chosen = s;
      }
    }
    return this.chosen >= 0 && Number.isFinite(this.fits[this.chosen][MSE]);
  }

  private aic(s: number, n: number): number {
    const params = this.models[s] === 'OTM' || this.models[s] === 'DOTM' ? 3 : 2;
    const mse = windowMse(this.series, n, this.fits[s], this.dynamic[s], this.a, this.b, COMMON_START);
    return (n - COMMON_START) * Math.log(mse) + 2 * params;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    this.grow(n);
    const series = this.adjust(y, n);
    runForecasts(series, n, h, from, out, this.fits[this.chosen], this.dynamic[this.chosen], this.state);
    if (this.season.active) this.season.restore(n, h, from, out);
  }

  variance(_y: Float64Array, n: number, h: number, out: Float64Array): boolean {
    // With a static line only the level carries errors forward, as in simple smoothing
    // (thetaf's variance); the dynamic line moves with them too, and has no closed form here.
    // thetaf measures σ² on the simple smoothing's own errors, before the drift is added.
    if (this.dynamic[this.chosen]) return false;
    const fit = this.fits[this.chosen];
    const stm = this.models[this.chosen] === 'STM';
    const params = stm ? 2 : 3;
    const sigma2 = ((stm ? this.smoothingMse : fit[MSE]) * this.fittedN) / Math.max(this.fittedN - params, 1);
    const alpha = fit[ALPHA];
    const { season } = this;
    for (let k = 0; k < h; k++) {
      const s = season.active && season.multiplicative ? season.index[(n + k) % season.m] : 1;
      out[k] = sigma2 * (1 + k * alpha * alpha) * s * s;
    }
    return true;
  }

  describe(): string {
    return this.chosen >= 0 ? this.models[this.chosen] : 'unfitted';
  }
}

/** In-sample one-step MSE of a fitted model over observations from..n (0-based). */
function windowMse(y: Float64Array, n: number, fit: Float64Array, dynamic: boolean, a: Float64Array, b: Float64Array, from: number): number {
  const alpha = fit[ALPHA];
  const q = 1 - alpha;
  let level = fit[LEVEL];
  let qt = 1;
  let sse = 0;
  for (let t = 0; t < n; t++) {
    const A = dynamic ? a[t] : fit[INTERCEPT];
    const B = dynamic ? b[t] : fit[SLOPE];
    const mu = level + fit[WEIGHT] * (A * qt + (B * (1 - qt * q)) / alpha);
    if (t >= from) sse += (y[t] - mu) * (y[t] - mu);
    level = alpha * y[t] + q * level;
    qt *= q;
  }
  return sse / (n - from);
}

/**
 * A theta method: `models` alone (one) or chosen per series by `choice`; seasonal indices from the
 * last `seasonCycles` cycles of the history (0: all of it, as thetaf).
 */
export function thetaMethod(name: string, models: readonly ThetaModel[], choice: ThetaChoice = 'mse', seasonCycles = 0): ForecastMethod {
  return {
    name,
    minLength: () => 4,
    create: (season) => new ThetaInstance(season, models, choice, seasonCycles),
  };
}

/**
 * Seasons drift: the optimised Theta's indices come from the last ten cycles (a decade of months
 * or quarters), not from an average over every year of a long history (README, "Season").
 */
const SEASON_CYCLES = 10;

/** The optimised Theta family's member of the engine: DOTM alone (README, "Choice"). */
export const autoTheta: ForecastMethod = thetaMethod('auto_theta', ['DOTM'], 'mse', SEASON_CYCLES);
/** The standard Theta method (Assimakopoulos & Nikolopoulos 2000), as R's `thetaf`: STM. */
export const standardTheta: ForecastMethod = thetaMethod('theta', ['STM']);
