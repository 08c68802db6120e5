/**
 * The exact Gaussian likelihood of a zero-mean ARMA on the differenced series w (mean or drift
 * subtracted; the conditional sum of squares is in css.ts), by the Kalman filter on the state-space
 * form (Harvey 1989) started from the stationary state covariance and run with the Chandrasekhar
 * recursions (Morf, Sidhu & Kailath 1974): with a stationary start, P_{t+1} − P_t has rank one, so
 * each step costs O(r) instead of the Riccati update's O(r²). Once the innovation variance has
 * converged to σ² (the gain no longer moves), the filter switches to its steady state.
 *
 * The state space: y_t = a_t[0], a_{t+1} = T a_t + R ε_{t+1}, T with φ in its first column and
 * ones on its superdiagonal, R = (1, θ_1, …, θ_{r−1}), r = max(p, q + 1). Variances are in units of σ².
 */

const STEADY = 1e-9;

export class ArmaKalman {
  /** Predicted state a_t (r). */
  readonly a: Float64Array;
  private readonly gain: Float64Array;
  private readonly w: Float64Array;
  private readonly gamma: Float64Array;
  private readonly psi: Float64Array;
  private readonly poly: Float64Array;
  private readonly gammaAr: Float64Array;
  private readonly delta: Float64Array;
  private readonly col: Float64Array;
  /** φ padded with zeros to the state's length (so the loops below need no bounds tests). */
  private readonly phi: Float64Array;
  /**
   * Where φ and θ are not zero (φ's indices, θ's lags from 1), ascending: a seasonal model's
   * multiplied-out polynomials are mostly zeros (ARMA(1,1)(1,1)₁₂ has 3 of 13 AR and MA lags), and
   * the start's sums skip them. Adding a zero term leaves a sum's bits as they were, so the sums over
   * these lists equal the dense ones exactly.
   */
  private readonly arAt: Int32Array;
  private readonly maAt: Int32Array;
  private arCount = 0;
  private maCount = 0;
  private np = 0;
  r = 0;
  /** Innovation variance F_t of the next observation. */
  f = 1;
  private mScalar = 0;
  private steady = false;

  constructor(maxState: number) {
    const size = maxState + 1;
    this.a = new Float64Array(size);
    this.gain = new Float64Array(size);
    this.w = new Float64Array(size);
    this.gamma = new Float64Array(size + 1);
    this.psi = new Float64Array(size + 1);
    this.poly = new Float64Array((size + 1) * (size + 1));
    this.gammaAr = new Float64Array(2 * size + 2);
    this.delta = new Float64Array(2 * size + 2);
    this.col = new Float64Array(size);
    this.phi = new Float64Array(size + 1);
    this.arAt = new Int32Array(size + 1);
    this.maAt = new Int32Array(size + 1);
  }

  /**
   * Starts the filter for AR phi[0..np), MA theta[0..nq): state zero, covariance stationary.
   * False when the AR part is not stationary.
   */
  start(phi: Float64Array, np: number, theta: Float64Array, nq: number): boolean {
    const r = Math.max(np, nq + 1);
    this.phi.fill(0);
    for (let i = 0; i < np; i++) this.phi[i] = phi[i];
    this.np = np;
    this.r = r;
    const { gamma, psi, col, a, gain, w, arAt, maAt } = this;
    let arCount = 0;
    for (let i = 0; i < np; i++) if (phi[i] !== 0) arAt[arCount++] = i;
    let maCount = 0;
    for (let l = 1; l <= nq; l++) if (theta[l - 1] !== 0) maAt[maCount++] = l;
    this.arCount = arCount;
    this.maCount = maCount;
    // ψ-weights up to r.
    psi[0] = 1;
    for (let j = 1; j <= r; j++) {
      let v = j <= nq ? theta[j - 1] : 0;
      for (let s = 0; s < arCount && arAt[s] < j; s++) v += phi[arAt[s]] * psi[j - 1 - arAt[s]];
      psi[j] = v;
    }
    if (!this.autocovariances(theta, nq, r)) return false;
    // First column of the stationary state covariance: Cov(a_i, y) = Σ_{k≥i} φ_{k+1} γ(k−i+1) + θ_k ψ_{k−i},
    // the terms in order of k (an AR term before an MA term of the same k), the zeros skipped.
    col[0] = gamma[0];
    let arFrom = 0;
    let maFrom = 0;
    for (let i = 1; i < r; i++) {
      while (arFrom < arCount && arAt[arFrom] < i) arFrom++;
      while (maFrom < maCount && maAt[maFrom] < i) maFrom++;
      let v = 0;
      let sa = arFrom;
      let sm = maFrom;
      while (sa < arCount || sm < maCount) {
        if (sm >= maCount || (sa < arCount && arAt[sa] <= maAt[sm])) {
          const k = arAt[sa++];
          v += phi[k] * gamma[k - i + 1];
        } else {
          const k = maAt[sm++];
          v += theta[k - 1] * psi[k - i];
        }
      }
      col[i] = v;
    }
    this.f = col[0];
    if (!(this.f > 0) || !Number.isFinite(this.f)) return false;
    for (let i = 0; i < r; i++) {
      const g = (i < np ? phi[i] * col[0] : 0) + (i + 1 < r ? col[i + 1] : 0);
      gain[i] = g;
      w[i] = g;
      a[i] = 0;
    }
    // Sentinels: the element past the state is always zero.
    gain[r] = 0;
    w[r] = 0;
    a[r] = 0;
    this.mScalar = -1 / this.f;
    this.steady = false;
    return true;
  }

  /**
   * γ(0..r) of the ARMA in O(p² + (r + q) q): the AR part's autocovariances (unit innovations) by
   * the Levinson recursion run backwards (step-down to the partial autocorrelations, whose
   * intermediate polynomials give γ_x(k) = Σ a^{(k−1)}_i γ_x(k−i) + κ_k v_{k−1}), then the MA
   * filter: γ(k) = Σ_j θ_j δ(k − j) with δ(h) = Σ_l θ_l γ_x(|h + l|). False when the AR part is not
   * stationary.
   */
  private autocovariances(theta: Float64Array, nq: number, r: number): boolean {
    const { gamma, phi, np, poly, gammaAr, delta, arAt, maAt, arCount, maCount } = this;
    // Step-down: row j of `poly` holds a^{(j)} (j = np .. 1), poly[j][j − 1] = κ_j.
    const stride = np + 1;
    for (let i = 0; i < np; i++) poly[np * stride + i] = phi[i];
    let v = 1;
    for (let j = np; j >= 1; j--) {
      const row = j * stride;
      const kappa = poly[row + j - 1];
      if (!(Math.abs(kappa) < 1)) return false;
      const den = 1 - kappa * kappa;
      v *= den;
      const lower = (j - 1) * stride;
      for (let i = 0; i < j - 1; i++) poly[lower + i] = (poly[row + i] + kappa * poly[row + j - 2 - i]) / den;
    }
    // γ_x(0) = 1 / Π(1 − κ²), then forward.
    const span = r + nq;
    gammaAr[0] = 1 / v;
    let vPrev = gammaAr[0];
    for (let k = 1; k <= span; k++) {
      let g = 0;
      if (k <= np) {
        const prev = (k - 1) * stride;
        for (let i = 0; i < k - 1; i++) g += poly[prev + i] * gammaAr[k - 1 - i];
        const kappa = poly[k * stride + k - 1];
        g += kappa * vPrev;
        vPrev *= 1 - kappa * kappa;
      } else {
        for (let s = 0; s < arCount; s++) g += phi[arAt[s]] * gammaAr[k - 1 - arAt[s]];
      }
      gammaAr[k] = g;
    }
    // δ(h) for h = −nq .. r, stored at h + nq.
    for (let h = -nq; h <= r; h++) {
      let d = 0;
      d += gammaAr[Math.abs(h)];
      for (let s = 0; s < maCount; s++) d += theta[maAt[s] - 1] * gammaAr[Math.abs(h + maAt[s])];
      delta[h + nq] = d;
    }
    for (let k = 0; k <= r; k++) {
      let g = 0;
      g += delta[k + nq];
      for (let s = 0; s < maCount; s++) g += theta[maAt[s] - 1] * delta[k - maAt[s] + nq];
      gamma[k] = g;
    }
    return true;
  }

  /** Filters one observation x (mean removed): returns the innovation x − a_t[0] (its variance is `f` before the call). */
  observe(x: number): number {
    const { a, gain, w, phi, r } = this;
    const f = this.f;
    const e = x - a[0];
    const k = e / f;
    const a0 = a[0];
    for (let i = 0; i < r; i++) a[i] = phi[i] * a0 + a[i + 1] + gain[i] * k;
    if (!this.steady) {
      const u = w[0];
      const m = this.mScalar;
      for (let i = 0; i < r; i++) {
        const tw = phi[i] * u + w[i + 1];
        const g = gain[i];
        w[i] = tw - (g * u) / f;
        gain[i] = g + tw * m * u;
      }
      const next = f + m * u * u;
      this.mScalar = (m * f) / next;
      this.f = next;
      if (next - 1 < STEADY) this.steady = true;
    }
    return e;
  }

  /** The k-step-ahead prediction of the state's first element from the current state, k ≥ 1, into out[0..h). */
  predict(h: number, out: Float64Array, outAt: number, work: Float64Array): void {
    const { a, phi, r } = this;
    for (let i = 0; i <= r; i++) work[i] = a[i];
    for (let k = 0; k < h; k++) {
      out[outAt + k] = work[0];
      const w0 = work[0];
      for (let i = 0; i < r; i++) work[i] = phi[i] * w0 + work[i + 1];
    }
  }

  /**
   * Filters x[0..n) − mean from the start: Σ e²/F into out.ssq, Σ log F into out.sumlog. The same
   * recursions as `observe`, with the filter's state in locals (this is the innermost loop of every
   * maximum-likelihood fit).
   */
  run(x: Float64Array, n: number, mean: number, out: { ssq: number; sumlog: number }): void {
    const { a, gain, w, phi, r } = this;
    let f = this.f;
    let m = this.mScalar;
    let ssq = 0;
    let sumlog = 0;
    // Π F in chunks (F ≥ 1 throughout), one log per chunk instead of one per observation.
    let product = 1;
    let t = 0;
    for (; t < n && f - 1 >= STEADY; t++) {
      const e = x[t] - mean - a[0];
      const k = e / f;
      ssq += e * k;
      product *= f;
      if (product > 1e250) {
        sumlog += Math.log(product);
        product = 1;
      }
      const a0 = a[0];
      const u = w[0];
      const mu = m * u;
      const uf = u / f;
      for (let i = 0; i < r; i++) {
        a[i] = phi[i] * a0 + a[i + 1] + gain[i] * k;
        const tw = phi[i] * u + w[i + 1];
        const g = gain[i];
        w[i] = tw - g * uf;
        gain[i] = g + tw * mu;
      }
      const next = f + mu * u;
      m = (m * f) / next;
      f = next;
    }
    // Steady state: the gain is fixed and F = 1 within 1e-9.
    const steadyFrom = t;
    let tail = 0;
    for (; t < n; t++) {
      const e = x[t] - mean - a[0];
      tail += e * e;
      const a0 = a[0];
      const k = e / f;
      for (let i = 0; i < r; i++) a[i] = phi[i] * a0 + a[i + 1] + gain[i] * k;
    }
    this.f = f;
    this.mScalar = m;
    this.steady = f - 1 < STEADY;
    out.ssq = ssq + tail / f;
    out.sumlog = sumlog + Math.log(product) + (n - steadyFrom) * Math.log(f);
  }
}

/** Σ e²/F and Σ log F over w[0..n) − mean, exact; false when the filter cannot start. */
export function exactLikelihood(kf: ArmaKalman, w: Float64Array, n: number, mean: number, phi: Float64Array, np: number, theta: Float64Array, nq: number, out: { ssq: number; sumlog: number }): boolean {
  if (!kf.start(phi, np, theta, nq)) return false;
  kf.run(w, n, mean, out);
  return Number.isFinite(out.ssq) && Number.isFinite(out.sumlog);
}
