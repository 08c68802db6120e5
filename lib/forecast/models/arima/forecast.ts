/**
 * A fitted ARIMA run as a filter: the Kalman filter of the ARMA part goes once through the
 * differenced history, and at every origin its state's predictions of the differenced series are
 * integrated back (y_t = w_t + Σ δ_j y_{t−j}, δ from (1 − B)^d (1 − B^m)^D). Forecast error variances
 * from the ψ-weights of the whole ARIMA polynomial: σ² Σ_{j<k} ψ_j².
 */
import { arLags, expand, maLags, type Order } from './arma';
import type { ArimaFit } from './fit';
import { ArmaKalman } from './likelihood';

export class ArimaFilter {
  private readonly kalman: ArmaKalman;
  private readonly phi: Float64Array;
  private readonly theta: Float64Array;
  private readonly delta: Float64Array;
  private readonly stateWork: Float64Array;
  private wPred = new Float64Array(0);
  private path = new Float64Array(0);
  private psi = new Float64Array(0);

  constructor(maxLags: number) {
    this.kalman = new ArmaKalman(maxLags + 1);
    this.phi = new Float64Array(maxLags + 1);
    this.theta = new Float64Array(maxLags + 1);
    this.delta = new Float64Array(maxLags + 1);
    this.stateWork = new Float64Array(maxLags + 2);
  }

  /** δ_1..δ_s of y_t = w_t + Σ δ_j y_{t−j}; returns s = d + mD. */
  private differencing(o: Order): number {
    const s = o.d + o.m * o.D;
    // Coefficients of (1 − B)^d (1 − B^m)^D, c[0] = 1.
    const c = this.delta;
    c.fill(0, 0, s + 1);
    c[0] = 1;
    let deg = 0;
    const multiply = (lag: number) => {
      for (let j = deg + lag; j >= lag; j--) c[j] -= c[j - lag];
      deg += lag;
    };
    for (let i = 0; i < o.d; i++) multiply(1);
    for (let i = 0; i < o.D; i++) multiply(o.m);
    for (let j = 1; j <= s; j++) c[j] = -c[j];
    return s;
  }

  private grow(h: number, s: number): void {
    if (this.wPred.length < h) this.wPred = new Float64Array(h);
    if (this.path.length < h + s) this.path = new Float64Array(h + s);
  }

  /** See FittedMethod.forecast; origins with fewer than d + mD + 1 values repeat the last value. */
  forecast(fit: ArimaFit, y: Float64Array, n: number, h: number, from: number, out: Float64Array): void {
    const o = fit.order;
    const np = arLags(o);
    const nq = maLags(o);
    expand(o, fit.coef, this.phi, this.theta);
    const mean = o.constant ? fit.coef[fit.coef.length - 1] : 0;
    const s = this.differencing(o);
    this.grow(h, s);
    const { kalman, delta, wPred, path } = this;
    if (!kalman.start(this.phi, np, this.theta, nq)) throw new Error('ARIMA filter: the fitted AR part is not stationary');
    const first = Math.max(from, 1);
    for (let t = 1; t <= n; t++) {
      if (t > s) {
        // Observe w at y index t − 1 (its prediction was made at origin t − 1).
        let wv = y[t - 1];
        for (let j = 1; j <= s; j++) wv -= delta[j] * y[t - 1 - j];
        kalman.observe(wv - mean);
      }
      if (t < first) continue;
      const row = (t - 1) * h;
      if (t <= s) {
        for (let k = 0; k < h; k++) out[row + k] = y[t - 1];
        continue;
      }
      kalman.predict(h, wPred, 0, this.stateWork);
      for (let j = 0; j < s; j++) path[j] = y[t - s + j];
      for (let k = 0; k < h; k++) {
        let v = wPred[k] + mean;
        for (let j = 1; j <= s; j++) v += delta[j] * path[s + k - j];
        path[s + k] = v;
        out[row + k] = v;
      }
    }
  }

  /** σ² Σ_{j<k} ψ_j² for k = 1..h into out. */
  variance(fit: ArimaFit, h: number, out: Float64Array): void {
    const o = fit.order;
    const np = arLags(o);
    const nq = maLags(o);
    expand(o, fit.coef, this.phi, this.theta);
    const s = this.differencing(o);
    if (this.psi.length < h) this.psi = new Float64Array(h);
    const { phi, theta, delta, psi } = this;
    // The full AR polynomial φ(B)(1 − B)^d(1 − B^m)^D as y_t = Σ a_i y_{t−i} + …: a = 1 − (1 − Σφ)(1 − Σδ).
    const na = np + s;
    const a = this.stateWork.length > na ? this.stateWork : new Float64Array(na + 1);
    a.fill(0, 0, na + 1);
    for (let i = 1; i <= np; i++) a[i] += phi[i - 1];
    for (let j = 1; j <= s; j++) a[j] += delta[j];
    for (let i = 1; i <= np; i++) for (let j = 1; j <= s; j++) a[i + j] -= phi[i - 1] * delta[j];
    let sum = 0;
    for (let k = 0; k < h; k++) {
      let v = k === 0 ? 1 : k <= nq ? theta[k - 1] : 0;
      for (let i = 1; i <= Math.min(k, na); i++) v += a[i] * psi[k - i];
      psi[k] = v;
      sum += v * v;
      out[k] = fit.sigma2 * sum;
    }
  }
}
