/**
 * AutoETS: the ETS state-space family fitted by maximum likelihood and chosen by AICc, with the
 * behaviour of R's `forecast::ets(y)` defaults (Hyndman et al. 2008), then run as a filter.
 */
import type { FittedMethod, ForecastMethod } from '../forecaster';
import { ADDITIVE, NONE, candidateForms, formName, type EtsForm } from './form';
import { FormFitter, R_RELTOL } from './fitForm';
import { copyModel, newModel, pointForecasts, startState, step, type EtsModel, type EtsState } from './recursions';
import { fitShortSeries } from './shortSeries';
import { forecastVariance, VarianceScratch } from './variance';

/** Seasons up to this length live in the state; longer ones are left to a decomposition (R: 24). */
export const MAX_SEASON = 24;

const LEVEL_ONLY: EtsForm = { error: ADDITIVE, trend: NONE, damped: false, season: NONE };

/** One AutoETS instance; `model()` exposes the fitted form, parameters and initial states. */
export class AutoEts implements FittedMethod {
  private readonly m: number;
  private readonly fitter: FormFitter;
  private readonly trial: EtsModel;
  private readonly best: EtsModel;
  private readonly state: EtsState;
  private readonly varianceScratch = new VarianceScratch();
  private sigma2 = NaN;
  private fitted = false;

  constructor(season: number, reltol?: number) {
    this.fitter = new FormFitter(reltol);
    this.m = season > 1 && season <= MAX_SEASON ? Math.round(season) : 1;
    this.trial = newModel(LEVEL_ONLY, 1, this.m);
    this.best = newModel(LEVEL_ONLY, 1, this.m);
    this.state = { level: 0, slope: 0, season: new Float64Array(this.m), t: 0 };
  }

  fit(y: Float64Array, n: number): boolean {
    this.fitted = false;
    if (n < 1) return false;
    for (let t = 0; t < n; t++) if (!Number.isFinite(y[t])) return false;
    if (isConstant(y, n)) {
      // R: simple exponential smoothing with α = 0.99999 from the first value.
      Object.assign(this.best, { form: LEVEL_ONLY, m: 1, alpha: 0.99999, beta: 0, gamma: 0, phi: 1, level: y[0], slope: 0 });
      this.sigma2 = 0;
      return (this.fitted = true);
    }
    // R's rule for very short series (at most 4 more observations than a level model's 2 parameters).
    if (n <= 6) {
      const sigma2 = fitShortSeries(y, n, this.best);
      if (!Number.isFinite(sigma2)) return false;
      this.sigma2 = sigma2;
      return (this.fitted = true);
    }
    let positive = true;
    for (let t = 0; t < n; t++) if (y[t] <= 0) positive = false;
    const seasonal = this.m > 1 && n > this.m;
    let bestAicc = Infinity;
    let bestSse = NaN;
    let bestCount = 0;
    for (const form of candidateForms(seasonal, positive)) {
      const fit = this.fitter.fit(y, n, form, this.m, this.trial);
      if (fit.aicc < bestAicc) {
        bestAicc = fit.aicc;
        bestSse = fit.sse;
        bestCount = fit.freeCount;
        copyModel(this.trial, this.best);
      }
    }
    if (bestAicc === Infinity) return false;
    this.sigma2 = bestSse / (n - bestCount);
    return (this.fitted = true);
  }

  /** Re-estimates the selected form on y[0..n); a form that cannot be fitted there (too few points) is selected anew. */
  refit(y: Float64Array, n: number): boolean {
    if (!this.fitted) return false;
    const form = this.best.form;
    if (n <= 6 || isConstant(y, n)) return this.fit(y, n);
    const fit = this.fitter.fit(y, n, form, this.m, this.trial);
    if (!(fit.aicc < Infinity)) return this.fit(y, n);
    copyModel(this.trial, this.best);
    this.sigma2 = fit.sse / (n - fit.freeCount);
    return true;
  }

  forecast(y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    if (!this.fitted) throw new Error('auto_ets: forecast before a successful fit');
    const { best, state } = this;
    startState(best, state);
    const start = Math.max(from, 1);
    for (let t = 0; t < n; t++) {
      step(best, state, y[t]);
      if (t + 1 >= start) pointForecasts(best, state, h, out, t * h);
    }
  }

  variance(y: Float64Array, n: number, h: number, out: Float64Array): boolean {
    if (!this.fitted) return false;
    const { best, state } = this;
    startState(best, state);
    for (let t = 0; t < n; t++) step(best, state, y[t]);
    return forecastVariance(best, state, this.sigma2, h, out, this.varianceScratch);
  }

  /** The fitted model (form, smoothing parameters, initial states); valid after a successful fit. */
  model(): Readonly<EtsModel> {
    return this.best;
  }

  describe(): string {
    return formName(this.best.form);
  }
}

/** R's is.constant: mean |y − y0| within all.equal's tolerance of mean |y|. */
function isConstant(y: Float64Array, n: number): boolean {
  let diff = 0;
  let scale = 0;
  for (let t = 0; t < n; t++) {
    diff += Math.abs(y[t] - y[0]);
    scale += Math.abs(y[t]);
  }
  return diff === 0 || (scale > 0 && diff / scale < 1.5e-8);
}

/**
 * AutoETS with the optimizer's relative tolerance `reltol`: R's √ε (the default) reproduces R's fits;
 * a looser one stops each search earlier (fewer filter passes) at the price of small differences
 * in the chosen forms (see README.md).
 */
export function autoEtsWith(reltol = R_RELTOL): ForecastMethod {
  return { name: 'auto_ets', minLength: () => 3, create: (season) => new AutoEts(season, reltol) };
}

export const autoEts: ForecastMethod = autoEtsWith();
