/**
 * The conditional sum of squares (CSS) of an ARMA on the differenced series w, as R's ARIMA_CSS:
 * e_t = 0 for t < pf (the expanded AR order), then
 * e_t = (w_t − μ) − Σ φ_i (w_{t−1−i} − μ) − Σ_{j < min(t − pf, qf)} θ_j e_{t−1−j};
 * and its exact gradient by reverse accumulation: one backward pass gives ∂S/∂e_t for every t,
 * from which the derivative for each lag of the multiplied-out polynomials is one dot product, and
 * a coefficient's (∂φ and ∂θ of the seasonal products have a few entries each) a few of those. Its
 * cost does not grow with the number of coefficients, unlike the forward recursion of ∂e_t per
 * coefficient, or the 2k passes of central differences R's optim takes.
 */
import { arLags, expand, maLags, type Order } from './arma';

export class Css {
  readonly resid: Float64Array;
  /** ∂(½ Σ e²)/∂e_t, from the backward pass. */
  private readonly adjoint: Float64Array;
  readonly phi: Float64Array;
  readonly theta: Float64Array;
  /**
   * Where φ and θ are not zero, ascending: a seasonal model's multiplied-out polynomials are mostly
   * zeros (ARIMA(2,0,2)(2,0,2)₇ has 8 of 16 lags), and the passes skip them. Subtracting a zero
   * term leaves a finite sum as it was, so the sparse passes give the dense ones' results wherever
   * the residuals are finite (the series always is: AutoARIMA refuses others).
   */
  private readonly arAt: Int32Array;
  private readonly maAt: Int32Array;
  private arCount = 0;
  private maCount = 0;
  private readonly dLag: Int32Array;
  private readonly dCoef: Float64Array;
  private readonly dIsMa: Uint8Array;
  private readonly dStart: Int32Array;
  /** ∂(½ Σ e²) per lag of the expanded AR and MA polynomials, computed once per gradient as needed. */
  private readonly arGrad: Float64Array;
  private readonly maGrad: Float64Array;
  private readonly arDone: Uint8Array;
  private readonly maDone: Uint8Array;
  /** The coefficients of the last `variance` call and its result (its residuals are in `resid`). */
  private readonly lastPar: Float64Array;
  private lastCount = -1;
  private lastVariance = NaN;

  constructor(
    maxN: number,
    maxLags: number,
    maxPar: number,
  ) {
    this.resid = new Float64Array(maxN);
    this.adjoint = new Float64Array(maxN);
    this.arGrad = new Float64Array(maxLags + 1);
    this.maGrad = new Float64Array(maxLags + 1);
    this.arDone = new Uint8Array(maxLags + 1);
    this.maDone = new Uint8Array(maxLags + 1);
    this.phi = new Float64Array(maxLags + 1);
    this.theta = new Float64Array(maxLags + 1);
    this.arAt = new Int32Array(maxLags + 1);
    this.maAt = new Int32Array(maxLags + 1);
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
    const { resid: e, phi, theta, arAt, maAt } = this;
    expand(o, par, phi, theta);
    const np = arLags(o);
    const nq = maLags(o);
    let arCount = 0;
    for (let i = 0; i < np; i++) if (phi[i] !== 0) arAt[arCount++] = i;
    let maCount = 0;
    for (let j = 0; j < nq; j++) if (theta[j] !== 0) maAt[maCount++] = j;
    this.arCount = arCount;
    this.maCount = maCount;
    const narma = o.p + o.q + o.P + o.Q;
    const mean = o.constant ? par[narma] : 0;
    const k = narma + (o.constant ? 1 : 0);
    for (let i = 0; i < k; i++) this.lastPar[i] = par[i];
    this.lastCount = k;
    let ssq = 0;
    let count = 0;
    for (let t = 0; t < np && t < n; t++) e[t] = 0;
    // Dense where no lag is zero (a non-seasonal model): the lists' indirection costs more there than it saves.
    const sparse = arCount < np || maCount < nq;
    for (let t = np; t < n; t++) {
      let v = w[t] - mean;
      const lim = t - np < nq ? t - np : nq;
      if (sparse) {
        for (let s = 0; s < arCount; s++) {
          const i = arAt[s];
          v -= phi[i] * (w[t - i - 1] - mean);
        }
        for (let s = 0; s < maCount && maAt[s] < lim; s++) {
          const j = maAt[s];
          v -= theta[j] * e[t - j - 1];
        }
      } else {
        for (let i = 0; i < np; i++) v -= phi[i] * (w[t - i - 1] - mean);
        for (let j = 0; j < lim; j++) v -= theta[j] * e[t - j - 1];
      }
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
    const { resid: e, adjoint: a, phi, theta, maAt, maCount, dLag, dCoef, dIsMa, dStart, arGrad, maGrad, arDone, maDone } = this;
    this.derivatives(o, par);
    const np = arLags(o);
    const nq = maLags(o);
    const narma = o.p + o.q + o.P + o.Q;
    const mean = o.constant ? par[narma] : 0;
    // Backward pass: a_t = ∂(½ S)/∂e_t = e_t + Σ_j (−θ_j) a_{t+1+j}, since e_{t+1+j} depends on e_t
    // through θ_j (every j < nq applies there: lim_{t+1+j} > j for t ≥ np). Non-finite residuals,
    // which the objective skips, contribute nothing.
    const sparse = maCount < nq;
    let count = 0;
    for (let t = n - 1; t >= np; t--) {
      const et = e[t];
      let v = 0;
      if (et === et) {
        v = et;
        count++;
      }
      const lim = n - 1 - t < nq ? n - 1 - t : nq;
      if (sparse) {
        for (let s = 0; s < maCount && maAt[s] < lim; s++) {
          const j = maAt[s];
          v -= theta[j] * a[t + 1 + j];
        }
      } else {
        for (let j = 0; j < lim; j++) v -= theta[j] * a[t + 1 + j];
      }
      a[t] = v;
    }
    arDone.fill(0, 0, np);
    maDone.fill(0, 0, nq);
    let sumPhi = 0;
    for (let i = 0; i < np; i++) sumPhi += phi[i];
    // ∂e_t/∂φ_lag = −(w_{t−1−lag} − μ); ∂e_t/∂θ_lag = −e_{t−1−lag} where lag < lim_t = min(t − np, nq).
    for (let b = 0; b < k; b++) {
      let g = 0;
      if (b === narma) {
        let sum = 0;
        for (let t = np; t < n; t++) if (e[t] === e[t]) sum += a[t];
        g = sum * (sumPhi - 1);
      } else {
        for (let s = dStart[b]; s < dStart[b + 1]; s++) {
          const lag = dLag[s];
          if (dIsMa[s] === 0) {
            if (!arDone[lag]) {
              let sum = 0;
              for (let t = np; t < n; t++) if (e[t] === e[t]) sum -= a[t] * (w[t - lag - 1] - mean);
              arGrad[lag] = sum;
              arDone[lag] = 1;
            }
            g += dCoef[s] * arGrad[lag];
          } else {
            if (!maDone[lag]) {
              let sum = 0;
              for (let t = np + lag + 1; t < n; t++) if (e[t] === e[t]) sum -= a[t] * e[t - lag - 1];
              maGrad[lag] = sum;
              maDone[lag] = 1;
            }
            g += dCoef[s] * maGrad[lag];
          }
        }
      }
      // ∂ ½ log(S / count) = ∂(½ S) / S, with S = variance × count.
      grad[b] = g / (variance * count);
    }
    return 0.5 * Math.log(variance);
  }
}
