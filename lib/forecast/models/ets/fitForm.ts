/**
 * Fits one ETS form by maximum likelihood as R's `etsmodel` does: smoothing parameters and initial
 * states together, from `initparam`/`initstate`'s starting values, by Nelder–Mead (reltol
 * √ε, 2,000 evaluations) inside the usual bounds and the admissible region.
 */
import { admissible, LOWER, UPPER, withinBounds } from './admissible';
import { MULTIPLICATIVE, NONE, initialStateCount, parameterCount, type EtsForm } from './form';
import { InitialScratch, initialStates } from './initial';
import { NelderMead } from './nelderMead';
import { criterion, lastFit, type EtsModel } from './recursions';

/** R's reltol for ets: √ε. */
export const R_RELTOL = Math.sqrt(2.220446049250313e-16);
const MAX_EVALUATIONS = 2000;

export interface FormFit {
  /** R's likelihood criterion (n·log SSE + …), Infinity when the form could not be fitted. */
  lik: number;
  aicc: number;
  /** Σe² of the fit, for σ². */
  sse: number;
  /** Estimated parameters and initial states (free ones). */
  freeCount: number;
}

/** Fits forms one after another, reusing its buffers. */
export class FormFitter {
  private readonly optimizer = new NelderMead();
  private readonly scratch = new InitialScratch();
  private par = new Float64Array(0);
  private ring = new Float64Array(0);
  private poly = new Float64Array(0);

  /** `reltol`: the optimizer's relative convergence tolerance on the criterion (R: √ε). */
  constructor(private readonly reltol = R_RELTOL) {}

  /**
   * Fits `form` (season length `m`, 1 when the form has none) to y[0..n), writing the estimate into
   * `model`. A form whose parameters outnumber the data, or that cannot be evaluated at its start,
   * gets lik = aicc = Infinity.
   */
  fit(y: Float64Array, n: number, form: EtsForm, m: number, model: EtsModel): FormFit {
    const period = form.season === NONE ? 1 : m;
    const params = parameterCount(form);
    const states = initialStateCount(form, period);
    const dim = params + states;
    if (this.par.length < dim) this.par = new Float64Array(dim + 8);
    if (this.ring.length < period) this.ring = new Float64Array(period);
    if (this.poly.length < 2 * period + 4) this.poly = new Float64Array(2 * period + 4);
    const failed = { lik: Infinity, aicc: Infinity, sse: NaN, freeCount: dim };
    model.form = form;
    model.m = period;
    const par = this.par;
    // R's initparam: α a fifth of the way up (divided by m), β a tenth of the way to α, γ 5% of the
    // way to 1 − α, φ 99% of the way up.
    const alpha = LOWER.alpha + (0.2 * (UPPER.alpha - LOWER.alpha)) / period;
    let k = 0;
    par[k++] = alpha;
    if (form.trend !== NONE) {
      let beta = LOWER.beta + 0.1 * (Math.min(UPPER.beta, alpha) - LOWER.beta);
      if (beta < 0 || beta > alpha) beta = alpha - 0.001;
      par[k++] = beta;
    }
    if (form.season !== NONE) {
      let gamma = LOWER.gamma + 0.05 * (Math.min(UPPER.gamma, 1 - alpha) - LOWER.gamma);
      if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 0.001;
      par[k++] = gamma;
    }
    if (form.damped) par[k++] = LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi);
    if (!this.parametersAllowed(par, form, period)) return failed;
    if (dim >= n - 1) return failed;
    initialStates(y, n, period, form.trend, form.season, par, params, this.scratch);
    const objective = (x: Float64Array): number => (this.unpack(x, form, period, model) ? criterion(model, y, n, this.ring) : Infinity);
    const best = this.optimizer.minimize(objective, par, dim, this.reltol, MAX_EVALUATIONS);
    if (Number.isNaN(best)) return failed;
    this.unpack(par, form, period, model);
    const lik = criterion(model, y, n, this.ring);
    if (!Number.isFinite(lik)) return failed;
    const np = dim + 1;
    const aicc = lik + 2 * np + (2 * np * (np + 1)) / (n - np - 1);
    return { lik, aicc, sse: lastFit.sse, freeCount: dim };
  }

  /** Smoothing parameters inside the usual bounds and the admissible region. */
  private parametersAllowed(x: Float64Array, form: EtsForm, m: number): boolean {
    let k = 0;
    const alpha = x[k++];
    const beta = form.trend !== NONE ? x[k++] : 0;
    const gamma = form.season !== NONE ? x[k++] : 0;
    const phi = form.damped ? x[k++] : 1;
    return withinBounds(form, alpha, beta, gamma, phi) && admissible(form, m, alpha, beta, gamma, phi, this.poly);
  }

  /** Parameter vector → model; false outside the search region (also: a negative multiplicative seasonal index). */
  private unpack(x: Float64Array, form: EtsForm, m: number, model: EtsModel): boolean {
    if (!this.parametersAllowed(x, form, m)) return false;
    let k = 0;
    const alpha = x[k++];
    const beta = form.trend !== NONE ? x[k++] : 0;
    const gamma = form.season !== NONE ? x[k++] : 0;
    const phi = form.damped ? x[k++] : 1;
    model.alpha = alpha;
    model.beta = beta;
    model.gamma = gamma;
    model.phi = phi;
    model.level = x[k++];
    model.slope = form.trend !== NONE ? x[k++] : 0;
    if (form.season !== NONE) {
      // Free states s0..s(m-2), most recent first; the oldest closes the sum (0, or m when multiplicative).
      let sum = 0;
      for (let j = 0; j < m - 1; j++) {
        const s = x[k + j];
        model.season[m - 1 - j] = s;
        sum += s;
      }
      const closing = (form.season === MULTIPLICATIVE ? m : 0) - sum;
      model.season[0] = closing;
      if (form.season === MULTIPLICATIVE) {
        if (closing < 0) return false;
        for (let j = 1; j < m; j++) if (model.season[j] < 0) return false;
      }
    } else {
      model.season[0] = 0;
    }
    return true;
  }
}
