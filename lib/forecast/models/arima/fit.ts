/**
 * Fitting one ARIMA order to a differenced series w, as R's `arima` (method "CSS-ML" or "CSS") does
 * inside forecast's `myarima`: CSS estimates first (BFGS on the conditional sum of squares), then,
 * for CSS-ML, exact maximum likelihood from there with the AR parts kept stationary by the
 * partial-autocorrelation transform; information criteria as myarima computes them, including its
 * rejection of roots within 1.01 of the unit circle. The check of the coefficient covariance
 * (R's checkarima, a numerical Hessian) is left to `covarianceOk`, which the search calls only for
 * fits that would become its best.
 */
import { armaCount, arLags, expand, fromStationary, invertMa, isStationary, maLags, rootsOutside, toStationary, type Order } from './arma';
import { Css } from './css';
import { ArmaKalman, exactLikelihood } from './likelihood';
import { Bfgs, Outcome, R_RELTOL, type Gradient, type Shortcuts } from './optimizer';

export interface ArimaFit {
  order: Order;
  /** Natural coefficients [ar p, ma q, sar P, sma Q, mean of w (if constant)]. */
  coef: Float64Array;
  /** Innovation variance, as myarima reports it (sum of squared residuals / (n − npar + 1)). */
  sigma2: number;
  aic: number;
  aicc: number;
  /** The criterion the search compares (Infinity: rejected). */
  ic: number;
  /** Fitted by CSS only (the search's approximation). */
  css: boolean;
  /** Optimizer coordinates of the optimum (transformed AR parts for ML), for the covariance check. */
  raw: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
/** Most coefficients one fit optimizes (AR, MA, seasonal AR and MA, and the constant). */
export const MAX_COEFFICIENTS = 12;

export class ArimaFitter {
  readonly kalman: ArmaKalman;
  private readonly bfgs: Bfgs;
  private readonly phi: Float64Array;
  private readonly theta: Float64Array;
  private readonly nat: Float64Array;
  private readonly start: Float64Array;
  private readonly parscale: Float64Array;
  private readonly work: Float64Array;
  private readonly work2: Float64Array;
  private readonly like = { ssq: 0, sumlog: 0 };
  // The problem being fitted (the objectives below read these).
  private w: Float64Array = new Float64Array(0);
  private nw = 0;
  private order!: Order;
  private k = 0;
  private readonly css: Css;
  private readonly cssObjective: (par: Float64Array) => number;
  private readonly cssGradient: Gradient;
  private readonly mlObjective: (par: Float64Array) => number;

  /**
   * `measureReltol`: the optimizer's relative convergence tolerance for the fits whose coefficients
   * never forecast: the search's CSS-only fits, which only rank the models (the chosen one is
   * refitted by CSS-ML), and the backtest's refits on a prefix, which only measure errors. Every
   * fit that forecasts uses R's √ε. Those fits at a looser tolerance than R's no longer follow
   * R's path, and restart the optimizer from a scaled identity (optimizer.ts).
   */
  constructor(
    maxN: number,
    maxLags: number,
    private readonly measureReltol = R_RELTOL,
  ) {
    this.kalman = new ArmaKalman(maxLags + 1);
    this.bfgs = new Bfgs(MAX_COEFFICIENTS);
    this.phi = new Float64Array(maxLags + 1);
    this.theta = new Float64Array(maxLags + 1);
    this.nat = new Float64Array(MAX_COEFFICIENTS);
    this.start = new Float64Array(MAX_COEFFICIENTS);
    this.parscale = new Float64Array(MAX_COEFFICIENTS);
    this.work = new Float64Array(maxLags + 2);
    this.work2 = new Float64Array(maxLags + 2);
    this.css = new Css(maxN, maxLags, MAX_COEFFICIENTS);
    this.cssObjective = (par) => 0.5 * Math.log(this.css.variance(this.w, this.nw, this.order, par));
    this.cssGradient = (par, grad) => {
      this.css.gradient(this.w, this.nw, this.order, par, this.k, grad);
    };
    this.mlObjective = (par) => {
      this.natural(par, this.nat);
      return this.mlValue(this.nat);
    };
  }

  /** Natural coefficients from optimizer coordinates (AR parts through the stationarity transform). */
  private natural(par: Float64Array, out: Float64Array): void {
    const o = this.order;
    for (let i = 0; i < this.k; i++) out[i] = par[i];
    if (o.p > 0) toStationary(par, out, 0, o.p, this.work);
    if (o.P > 0) toStationary(par, out, o.p + o.q, o.P, this.work);
  }

  /** R's armafn: ½ (log(S/n) + Σ log F / n); the largest double when the model has no stationary start. */
  private mlValue(coef: Float64Array): number {
    const o = this.order;
    expand(o, coef, this.phi, this.theta);
    const mean = o.constant ? coef[this.k - 1] : 0;
    if (!exactLikelihood(this.kalman, this.w, this.nw, mean, this.phi, arLags(o), this.theta, maLags(o), this.like)) return Number.MAX_VALUE;
    return 0.5 * (Math.log(this.like.ssq / this.nw) + this.like.sumlog / this.nw);
  }

  private setProblem(w: Float64Array, nw: number, order: Order): void {
    this.w = w;
    this.nw = nw;
    this.order = order;
    this.k = armaCount(order) + (order.constant ? 1 : 0);
    this.css.reset();
  }

  /**
   * Fits `order` to w[0..nw) (already differenced d and D times). `css`: the search's
   * approximation (CSS only, criterion = offset + n log σ² + 2 npar). `backtest`: a refit whose
   * forecasts are only scored. `ranked`: the CSS estimate of this order from the approximation's
   * ranking, where the fitter measures at a looser tolerance than R's: ML then starts there instead
   * of from a CSS fit of its own, and stops at that tolerance (the search's README has why). Null
   * where R's arima fails.
   */
  fit(w: Float64Array, nw: number, order: Order, css: boolean, offset: number, criterion: 'aicc' | 'aic', backtest = false, ranked: Float64Array | null = null): ArimaFit | null {
    this.setProblem(w, nw, order);
    const { k, start, parscale, bfgs } = this;
    const narma = armaCount(order);
    start.fill(0, 0, k);
    parscale.fill(1, 0, k);
    if (order.constant) {
      let mean = 0;
      for (let t = 0; t < nw; t++) mean += w[t];
      mean /= nw;
      let ss = 0;
      for (let t = 0; t < nw; t++) ss += (w[t] - mean) ** 2;
      start[narma] = mean;
      const se = Math.sqrt(ss / (nw - 1) / nw);
      parscale[narma] = se > 0 && Number.isFinite(se) ? 10 * se : 1;
    }
    const measuring = css || backtest;
    const fromRanking = ranked !== null && !css && this.measureReltol !== R_RELTOL;
    const reltol = measuring || fromRanking ? this.measureReltol : R_RELTOL;
    // Off R's path (optimizer.ts): scaled restarts in the fits that only rank or measure, forward
    // differences in every fit at the looser tolerance (the CSS fits' gradient is analytic).
    const shortcuts: Shortcuts = { scaledRestarts: measuring && this.measureReltol !== R_RELTOL, forwardDifferences: reltol !== R_RELTOL };
    const coef = new Float64Array(k);
    let value: number;
    let cssCode = Outcome.Converged;
    if (fromRanking) {
      coef.set(ranked.subarray(0, k));
    } else if (k > 0) {
      cssCode = bfgs.minimize(this.cssObjective, this.cssGradient, start, parscale, k, 100, reltol, shortcuts);
      if (cssCode === Outcome.Failed) return null;
      coef.set(bfgs.par.subarray(0, k));
    }
    if (css) {
      value = this.cssObjective(coef);
      const sigma2 = Math.exp(2 * value);
      const npar = k + 1;
      const aic = offset + nw * Math.log(sigma2) + 2 * npar;
      return this.finish(order, coef, coef.slice(), aic, sigma2 * this.residualCount(order), npar, true, criterion);
    }
    // CSS-ML: start ML from the CSS estimates when CSS converged, refusing a non-stationary start.
    if (k > 0 && cssCode === Outcome.Converged) start.set(coef);
    const { work, work2 } = this;
    if (order.p > 0 && !isStationary(start, order.p, work, work2)) return null;
    if (order.P > 0 && !isStationary(start.subarray(order.p + order.q), order.P, work, work2)) return null;
    if (order.p > 0) fromStationary(start, start, 0, order.p, work);
    if (order.P > 0) fromStationary(start, start, order.p + order.q, order.P, work);
    if (order.q > 0) invertMa(start, order.p, order.q, work, work2);
    if (order.Q > 0) invertMa(start, order.p + order.q + order.P, order.Q, work, work2);
    const raw = new Float64Array(k);
    if (k > 0) {
      if (bfgs.minimize(this.mlObjective, null, start, parscale, k, 100, reltol, shortcuts) === Outcome.Failed) return null;
      raw.set(bfgs.par.subarray(0, k));
    }
    if (order.q > 0) invertMa(raw, order.p, order.q, work, work2);
    if (order.Q > 0) invertMa(raw, order.p + order.q + order.P, order.Q, work, work2);
    this.natural(raw, coef);
    value = this.mlValue(coef);
    if (value === Number.MAX_VALUE) return null;
    const npar = k + 1;
    const minus2LogLik = 2 * nw * value + nw + nw * LOG_2PI;
    return this.finish(order, coef, raw, minus2LogLik + 2 * npar, this.like.ssq, npar, false, criterion);
  }

  /** Residual count of CSS (observations after the AR start-up), to turn its variance back into a sum. */
  private residualCount(order: Order): number {
    return Math.max(0, this.nw - arLags(order));
  }

  private finish(order: Order, coef: Float64Array, raw: Float64Array, aic: number, ssq: number, npar: number, css: boolean, criterion: 'aicc' | 'aic'): ArimaFit {
    const n = this.nw;
    const aicc = aic + (2 * npar * (npar + 1)) / (n - npar - 1);
    let ic = Number.isNaN(aic) ? Infinity : criterion === 'aicc' ? aicc : aic;
    const sigma2 = ssq / (n - npar + 1);
    // myarima: reject roots of the expanded AR or MA polynomials within 1.01 of the unit circle.
    expand(order, coef, this.phi, this.theta);
    const { work, work2 } = this;
    if (arLags(order) > 0 && !rootsOutside(this.phi, arLags(order), 1.01, 1, work, work2)) ic = Infinity;
    if (maLags(order) > 0 && !rootsOutside(this.theta, maLags(order), 1.01, -1, work, work2)) ic = Infinity;
    return { order, coef, sigma2, aic, aicc, ic, css, raw };
  }

  /**
   * R's checkarima: the coefficient covariance (inverse Hessian of the objective at the optimum,
   * through the transform's Jacobian for ML) has no negative variances, and exists.
   */
  covarianceOk(w: Float64Array, nw: number, fit: ArimaFit): boolean {
    this.setProblem(w, nw, fit.order);
    const { k, parscale, bfgs, order } = this;
    if (k === 0) return true;
    const narma = armaCount(order);
    parscale.fill(1, 0, k);
    if (order.constant) {
      let mean = 0;
      for (let t = 0; t < nw; t++) mean += w[t];
      mean /= nw;
      let ss = 0;
      for (let t = 0; t < nw; t++) ss += (w[t] - mean) ** 2;
      const se = Math.sqrt(ss / (nw - 1) / nw);
      parscale[narma] = se > 0 && Number.isFinite(se) ? 10 * se : 1;
    }
    if (!bfgs.hessianAt(fit.css ? this.cssObjective : this.mlObjective, fit.css ? this.cssGradient : null, fit.raw, parscale, k)) return false;
    const h = bfgs.hessian;
    // Jacobian of the transform (forward differences of 1e-3, as R's ARIMA_Gradtrans), identity for CSS.
    const jac = new Float64Array(k * k);
    for (let i = 0; i < k; i++) jac[i * k + i] = 1;
    if (!fit.css) {
      const base = new Float64Array(k);
      const moved = new Float64Array(k);
      const shifted = new Float64Array(k);
      this.natural(fit.raw, base);
      const groups: [number, number][] = [
        [0, order.p],
        [order.p + order.q, order.P],
      ];
      for (const [at, len] of groups) {
        for (let i = 0; i < len; i++) {
          shifted.set(fit.raw);
          shifted[at + i] += 1e-3;
          this.natural(shifted, moved);
          for (let j = 0; j < len; j++) jac[(at + i) * k + at + j] = (moved[at + j] - base[at + j]) / 1e-3;
        }
      }
    }
    // var = Aᵀ (H n)⁻¹ A: solve H X = A by Gaussian elimination, then the diagonal of Aᵀ X.
    const a = new Float64Array(k * k);
    for (let i = 0; i < k * k; i++) a[i] = h[i] * nw;
    const x = jac.slice();
    for (let col = 0; col < k; col++) {
      let pivot = col;
      for (let row = col + 1; row < k; row++) if (Math.abs(a[row * k + col]) > Math.abs(a[pivot * k + col])) pivot = row;
      const p = a[pivot * k + col];
      if (!(Math.abs(p) > 0) || !Number.isFinite(p)) return false;
      if (pivot !== col) {
        for (let j = 0; j < k; j++) {
          [a[col * k + j], a[pivot * k + j]] = [a[pivot * k + j], a[col * k + j]];
          [x[col * k + j], x[pivot * k + j]] = [x[pivot * k + j], x[col * k + j]];
        }
      }
      for (let row = 0; row < k; row++) {
        if (row === col) continue;
        const f = a[row * k + col] / p;
        if (f === 0) continue;
        for (let j = 0; j < k; j++) {
          a[row * k + j] -= f * a[col * k + j];
          x[row * k + j] -= f * x[col * k + j];
        }
      }
    }
    for (let row = 0; row < k; row++) {
      const p = a[row * k + row];
      for (let j = 0; j < k; j++) x[row * k + j] /= p;
    }
    // R's solve() refuses a numerically singular matrix (reciprocal condition below machine epsilon).
    for (let j = 0; j < k; j++) {
      let v = 0;
      for (let i = 0; i < k; i++) v += jac[i * k + j] * x[i * k + j];
      if (!(v >= 0)) return false;
    }
    return true;
  }
}
