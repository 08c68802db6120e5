/**
 * Likelihoods of a zero-mean ARMA on the differenced series w (the mean or drift subtracted):
 *
 * - conditional sum of squares (CSS): residuals from lag max(AR) on, earlier residuals zero;
 * - exact Gaussian likelihood by the Kalman filter on the state-space form (Harvey 1989) started
 *   from the stationary state covariance, run with the Chandrasekhar recursions (Morf, Sidhu &
 *   Kailath 1974): with a stationary start, P_{t+1} − P_t has rank one, so each step costs O(r)
 *   instead of the Riccati update's O(r²). Once the innovation variance has converged to σ²
 *   (the gain no longer moves), the filter switches to its steady state.
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
  private readonly system: Float64Array;
  private readonly col: Float64Array;
  private phi!: Float64Array;
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
    this.system = new Float64Array(size * size);
    this.col = new Float64Array(size);
  }

  /**
   * Starts the filter for AR phi[0..np), MA theta[0..nq): state zero, covariance stationary.
   * False when the AR part has no stationary covariance (singular system).
   */
  start(phi: Float64Array, np: number, theta: Float64Array, nq: number): boolean {
    const r = Math.max(np, nq + 1);
    this.phi = phi;
    this.np = np;
    this.r = r;
    const { gamma, psi, col, a, gain, w } = this;
    // ψ-weights up to r.
    psi[0] = 1;
    for (let j = 1; j <= r; j++) {
      let v = j <= nq ? theta[j - 1] : 0;
      for (let i = 1; i <= Math.min(j, np); i++) v += phi[i - 1] * psi[j - i];
      psi[j] = v;
    }
    if (!this.autocovariances(theta, nq, r)) return false;
    // First column of the stationary state covariance: Cov(a_i, y) = Σ_{k≥i} φ_{k+1} γ(k−i+1) + θ_k ψ_{k−i}.
    col[0] = gamma[0];
    for (let i = 1; i < r; i++) {
      let v = 0;
      for (let k = i; k < r; k++) {
        if (k < np) v += phi[k] * gamma[k - i + 1];
        if (k <= nq) v += theta[k - 1] * psi[k - i];
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
    this.mScalar = -1 / this.f;
    this.steady = false;
    return true;
  }

  /** γ(0..r) of the ARMA: a linear system for γ(0..p), then the AR recursion. */
  private autocovariances(theta: Float64Array, nq: number, r: number): boolean {
    const { gamma, psi, phi, np, system } = this;
    // c_k = Σ_{j=k}^{q} θ_j ψ_{j−k} (θ_0 = 1).
    const c = (k: number): number => {
      let v = 0;
      for (let j = k; j <= nq; j++) v += (j === 0 ? 1 : theta[j - 1]) * psi[j - k];
      return v;
    };
    if (np === 0) {
      for (let k = 0; k <= r; k++) gamma[k] = k <= nq ? c(k) : 0;
      return true;
    }
    const size = np + 1;
    system.fill(0, 0, size * size);
    for (let k = 0; k < size; k++) {
      const row = k * size;
      system[row + k] += 1;
      for (let j = 1; j <= np; j++) system[row + Math.abs(k - j)] -= phi[j - 1];
      gamma[k] = c(k);
    }
    // Gaussian elimination with partial pivoting on [system | gamma].
    for (let col = 0; col < size; col++) {
      let pivot = col;
      let best = Math.abs(system[col * size + col]);
      for (let row = col + 1; row < size; row++) {
        const v = Math.abs(system[row * size + col]);
        if (v > best) {
          best = v;
          pivot = row;
        }
      }
      if (!(best > 1e-300)) return false;
      if (pivot !== col) {
        for (let j = 0; j < size; j++) {
          const t = system[col * size + j];
          system[col * size + j] = system[pivot * size + j];
          system[pivot * size + j] = t;
        }
        const t = gamma[col];
        gamma[col] = gamma[pivot];
        gamma[pivot] = t;
      }
      const diag = system[col * size + col];
      for (let row = col + 1; row < size; row++) {
        const factor = system[row * size + col] / diag;
        if (factor === 0) continue;
        for (let j = col; j < size; j++) system[row * size + j] -= factor * system[col * size + j];
        gamma[row] -= factor * gamma[col];
      }
    }
    for (let row = size - 1; row >= 0; row--) {
      let v = gamma[row];
      for (let j = row + 1; j < size; j++) v -= system[row * size + j] * gamma[j];
      gamma[row] = v / system[row * size + row];
    }
    for (let k = size; k <= r; k++) {
      let v = k <= nq ? c(k) : 0;
      for (let j = 1; j <= np; j++) v += phi[j - 1] * gamma[k - j];
      gamma[k] = v;
    }
    return true;
  }

  /** Filters one observation x (mean removed): returns the innovation x − a_t[0] (its variance is `f` before the call). */
  observe(x: number): number {
    const { a, gain, w, phi, np, r } = this;
    const f = this.f;
    const e = x - a[0];
    const k = e / f;
    const a0 = a[0];
    for (let i = 0; i < r; i++) a[i] = (i < np ? phi[i] * a0 : 0) + (i + 1 < r ? a[i + 1] : 0) + gain[i] * k;
    if (!this.steady) {
      const u = w[0];
      const m = this.mScalar;
      for (let i = 0; i < r; i++) {
        const tw = (i < np ? phi[i] * u : 0) + (i + 1 < r ? w[i + 1] : 0);
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
    const { a, phi, np, r } = this;
    for (let i = 0; i < r; i++) work[i] = a[i];
    for (let k = 0; k < h; k++) {
      out[outAt + k] = work[0];
      const w0 = work[0];
      for (let i = 0; i < r; i++) work[i] = (i < np ? phi[i] * w0 : 0) + (i + 1 < r ? work[i + 1] : 0);
    }
  }
}

/** Σ e²/F and Σ log F over w[0..n) − mean, exact; NaN when the filter cannot start. */
export function exactLikelihood(kf: ArmaKalman, w: Float64Array, n: number, mean: number, phi: Float64Array, np: number, theta: Float64Array, nq: number, out: { ssq: number; sumlog: number }, resid?: Float64Array): boolean {
  if (!kf.start(phi, np, theta, nq)) return false;
  let ssq = 0;
  let sumlog = 0;
  for (let t = 0; t < n; t++) {
    const f = kf.f;
    const e = kf.observe(w[t] - mean);
    ssq += (e * e) / f;
    sumlog += Math.log(f);
    if (resid) resid[t] = e / Math.sqrt(f);
  }
  out.ssq = ssq;
  out.sumlog = sumlog;
  return Number.isFinite(ssq) && Number.isFinite(sumlog);
}

/**
 * Conditional sum of squares over w[0..n) − mean: residuals from t = np on (earlier ones zero),
 * into resid; returns Σ e² / count (NaN residuals skipped, as R does).
 */
export function cssVariance(w: Float64Array, n: number, mean: number, phi: Float64Array, np: number, theta: Float64Array, nq: number, resid: Float64Array): number {
  let ssq = 0;
  let count = 0;
  for (let t = 0; t < np && t < n; t++) resid[t] = 0;
  for (let t = np; t < n; t++) {
    let e = w[t] - mean;
    for (let j = 0; j < np; j++) e -= phi[j] * (w[t - j - 1] - mean);
    const lim = Math.min(t - np, nq);
    for (let j = 0; j < lim; j++) e -= theta[j] * resid[t - j - 1];
    resid[t] = e;
    if (!Number.isNaN(e)) {
      count++;
      ssq += e * e;
    }
  }
  return ssq / count;
}
