/**
 * The conditional sum of squares (CSS) of an ARMA on the differenced series w, as R's ARIMA_CSS:
 * e_t = 0 for t < pf (the expanded AR order), then
 * e_t = (w_t − μ) − Σ φ_i (w_{t−1−i} − μ) − Σ_{j < min(t − pf, qf)} θ_j e_{t−1−j};
 * and its exact gradient: the derivatives follow the same recursion, for a coefficient β
 * ∂e_t = −Σ ∂φ_i (w_{t−1−i} − μ) − Σ ∂θ_j e_{t−1−j} − Σ θ_j ∂e_{t−1−j}, where ∂φ and ∂θ (of the
 * multiplied-out seasonal polynomials) have a few entries each. One pass yields the gradient that
 * R's optim approximates by 2k passes of central differences.
 */
import { arLags, expand, maLags, type Order } from './arma';

export class Css {
  readonly resid: Float64Array;
  private readonly deriv: Float64Array;
  readonly phi: Float64Array;
  readonly theta: Float64Array;
  private readonly dLag: Int32Array;
  private readonly dCoef: Float64Array;
  private readonly dIsMa: Uint8Array;
  private readonly dStart: Int32Array;
  /** The coefficients of the last `variance` call and its result (its residuals are in `resid`). */
  private readonly lastPar: Float64Array;
  private lastCount = -1;
  private lastVariance = NaN;

  constructor(
    private readonly maxN: number,
    maxLags: number,
    maxPar: number,
  ) {
    this.resid = new Float64Array(maxN);
    this.deriv = new Float64Array(maxN * maxPar);
    this.phi = new Float64Array(maxLags + 1);
    this.theta = new Float64Array(maxLags + 1);
    const entries = maxPar * (maxLags + 2);
    this.dLag = new Int32Array(entries);
    this.dCoef = new Float64Array(entries);
    this.dIsMa = new Uint8Array(entries);
    this.dStart = new Int32Array(maxPar + 1);
    this.lastPar = new Float64Array(maxPar);
  }

  /** Forgets the last evaluation: call when the series or the order changes. */
  reset(): void {
    this.lastCount = -1;
  }

  /** Σ e² / count at coefficients `par` ([ar, ma, sar, sma, mean?]); NaN residuals skipped, as R does. */
  variance(w: Float64Array, n: number, o: Order, par: Float64Array): number {
    const { resid: e, phi, theta } = this;
    expand(o, par, phi, theta);
    const np = arLags(o);
    const nq = maLags(o);
    const narma = o.p + o.q + o.P + o.Q;
    const mean = o.constant ? par[narma] : 0;
    const k = narma + (o.constant ? 1 : 0);
    for (let i = 0; i < k; i++) this.lastPar[i] = par[i];
    this.lastCount = k;
    let ssq = 0;
    let count = 0;
    for (let t = 0; t < np && t < n; t++) e[t] = 0;
    for (let t = np; t < n; t++) {
      let v = w[t] - mean;
      for (let i = 0; i < np; i++) v -= phi[i] * (w[t - i - 1] - mean);
      const lim = t - np < nq ? t - np : nq;
      for (let j = 0; j < lim; j++) v -= theta[j] * e[t - j - 1];
      e[t] = v;
      if (v === v) {
        ssq += v * v;
        count++;
      }
    }
    this.lastVariance = ssq / count;
    return this.lastVariance;
  }

  /** Whether the last `variance` call was at `par` (k coefficients), so `resid` holds its residuals. */
  private evaluatedAt(par: Float64Array, k: number): boolean {
    if (this.lastCount !== k) return false;
    for (let i = 0; i < k; i++) if (this.lastPar[i] !== par[i]) return false;
    return true;
  }

  /** Sparse ∂φ_full/∂β and ∂θ_full/∂β at `par`, parameter by parameter. */
  private derivatives(o: Order, par: Float64Array): void {
    const { p, q, P, Q, m } = o;
    const { dLag, dCoef, dIsMa, dStart } = this;
    let at = 0;
    let b = 0;
    for (let i = 0; i < p; i++, b++) {
      dStart[b] = at;
      dLag[at] = i;
      dCoef[at] = 1;
      dIsMa[at++] = 0;
      for (let j = 0; j < P; j++) {
        dLag[at] = (j + 1) * m + i;
        dCoef[at] = -par[p + q + j];
        dIsMa[at++] = 0;
      }
    }
    for (let i = 0; i < q; i++, b++) {
      dStart[b] = at;
      dLag[at] = i;
      dCoef[at] = 1;
      dIsMa[at++] = 1;
      for (let j = 0; j < Q; j++) {
        dLag[at] = (j + 1) * m + i;
        dCoef[at] = par[p + q + P + j];
        dIsMa[at++] = 1;
      }
    }
    for (let j = 0; j < P; j++, b++) {
      dStart[b] = at;
      dLag[at] = (j + 1) * m - 1;
      dCoef[at] = 1;
      dIsMa[at++] = 0;
      for (let i = 0; i < p; i++) {
        dLag[at] = (j + 1) * m + i;
        dCoef[at] = -par[i];
        dIsMa[at++] = 0;
      }
    }
    for (let j = 0; j < Q; j++, b++) {
      dStart[b] = at;
      dLag[at] = (j + 1) * m - 1;
      dCoef[at] = 1;
      dIsMa[at++] = 1;
      for (let i = 0; i < q; i++) {
        dLag[at] = (j + 1) * m + i;
        dCoef[at] = par[p + i];
        dIsMa[at++] = 1;
      }
    }
    dStart[b] = at;
  }

  /**
   * Gradient of ½ log(Σ e² / count) with respect to the k coefficients at `par`, into grad;
   * returns the objective (non-finite when the residuals are).
   */
  gradient(w: Float64Array, n: number, o: Order, par: Float64Array, k: number, grad: Float64Array): number {
    // The optimizer asks for the gradient where it has just evaluated the objective: reuse those residuals.
    const variance = this.evaluatedAt(par, k) ? this.lastVariance : this.variance(w, n, o, par);
    const ssq = variance;
    const { resid: e, deriv, phi, theta, dLag, dCoef, dIsMa, dStart, maxN } = this;
    this.derivatives(o, par);
    const np = arLags(o);
    const nq = maLags(o);
    const narma = o.p + o.q + o.P + o.Q;
    const mean = o.constant ? par[narma] : 0;
    let sumPhi = 0;
    for (let i = 0; i < np; i++) sumPhi += phi[i];
    let count = 0;
    for (let t = np; t < n; t++) if (e[t] === e[t]) count++;
    for (let b = 0; b < k; b++) {
      const col = b * maxN;
      const isMean = b === narma;
      const from = dStart[b];
      const to = dStart[b + 1];
      let dot = 0;
      for (let t = np; t < n; t++) {
        const lim = t - np < nq ? t - np : nq;
        let v: number;
        if (isMean) {
          v = sumPhi - 1;
        } else {
          v = 0;
          for (let s = from; s < to; s++) {
            const lag = dLag[s];
            if (dIsMa[s] === 0) v -= dCoef[s] * (w[t - lag - 1] - mean);
            else if (lag < lim) v -= dCoef[s] * e[t - lag - 1];
          }
        }
        for (let j = 0; j < lim; j++) v -= theta[j] * deriv[col + t - np - j - 1];
        deriv[col + t - np] = v;
        if (e[t] === e[t]) dot += e[t] * v;
      }
      // ∂ ½ log(S / count) = Σ e ∂e / S, with S = variance × count.
      grad[b] = dot / (ssq * count);
    }
    return 0.5 * Math.log(variance);
  }
}
