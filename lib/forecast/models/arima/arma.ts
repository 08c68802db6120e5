/**
 * ARMA polynomials of a seasonal ARIMA(p,d,q)(P,D,Q)[m]: the order, the parameter layout, the
 * expanded (multiplied-out) AR and MA polynomials, the partial-autocorrelation transform that keeps
 * the AR parts stationary during maximum likelihood (Jones 1980, as R's arima does), and root
 * checks by the Schur–Cohn step-down recursion (no root finding).
 */

/** Orders of a seasonal ARIMA; `constant` is a mean (d + D = 0) or a drift (d + D = 1). */
export interface Order {
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  m: number;
  constant: boolean;
}

/** Number of ARMA coefficients (the mean or drift excluded): p + q + P + Q. */
export const armaCount = (o: Order): number => o.p + o.q + o.P + o.Q;
/** Lags of the expanded AR and MA polynomials. */
export const arLags = (o: Order): number => o.p + o.m * o.P;
export const maLags = (o: Order): number => o.q + o.m * o.Q;

/**
 * Multiplies out φ(B)Φ(B^m) and θ(B)Θ(B^m) from `params` laid out as R's arima does
 * ([ar p, ma q, sar P, sma Q, …]) into phi[0..arLags) (y_t = Σ phi[i] y_{t-1-i} + …) and
 * theta[0..maLags) (… + ε_t + Σ theta[i] ε_{t-1-i}).
 */
export function expand(o: Order, params: Float64Array, phi: Float64Array, theta: Float64Array): void {
  const { p, q, P, Q, m } = o;
  const np = p + m * P;
  const nq = q + m * Q;
  phi.fill(0, 0, np);
  theta.fill(0, 0, nq);
  for (let i = 0; i < p; i++) phi[i] = params[i];
  for (let i = 0; i < q; i++) theta[i] = params[p + i];
  for (let j = 0; j < P; j++) {
    const s = params[p + q + j];
    phi[(j + 1) * m - 1] += s;
    for (let i = 0; i < p; i++) phi[(j + 1) * m + i] -= params[i] * s;
  }
  for (let j = 0; j < Q; j++) {
    const s = params[p + q + P + j];
    theta[(j + 1) * m - 1] += s;
    for (let i = 0; i < q; i++) theta[(j + 1) * m + i] += params[p + i] * s;
  }
}

/**
 * Maps unconstrained values raw[at..at+k) to the coefficients of a stationary AR(k) in out[at..):
 * partial autocorrelations tanh(raw), then the Durbin–Levinson recursion.
 */
export function toStationary(raw: Float64Array, out: Float64Array, at: number, k: number, work: Float64Array): void {
  for (let j = 0; j < k; j++) out[at + j] = work[j] = Math.tanh(raw[at + j]);
  for (let j = 1; j < k; j++) {
    const a = out[at + j];
    for (let i = 0; i < j; i++) work[i] -= a * out[at + j - i - 1];
    for (let i = 0; i < j; i++) out[at + i] = work[i];
  }
}

/** Inverse of `toStationary` (the AR coefficients must be stationary). */
export function fromStationary(coef: Float64Array, out: Float64Array, at: number, k: number, work: Float64Array): void {
  for (let j = 0; j < k; j++) out[at + j] = work[j] = coef[at + j];
  for (let j = k - 1; j > 0; j--) {
    const a = out[at + j];
    for (let i = 0; i < j; i++) work[i] = (out[at + i] + a * out[at + j - i - 1]) / (1 - a * a);
    for (let i = 0; i < j; i++) out[at + i] = work[i];
  }
  for (let j = 0; j < k; j++) out[at + j] = Math.atanh(out[at + j]);
}

/**
 * Whether every root of 1 − Σ a_i z^{i+1} (a = coef[0..k)) lies outside the circle of radius
 * `radius`: the step-down recursion on the coefficients scaled by radius^{i+1} keeps every
 * reflection coefficient inside (−1, 1). Trailing coefficients within 1e-8 of zero are dropped, as
 * R does before its root checks.
 */
export function rootsOutside(coef: Float64Array, k: number, radius: number, sign: number, work: Float64Array, work2: Float64Array): boolean {
  let last = k;
  while (last > 0 && Math.abs(coef[last - 1]) <= 1e-8) last--;
  let scale = 1;
  for (let i = 0; i < last; i++) {
    scale *= radius;
    work[i] = sign * coef[i] * scale;
  }
  for (let j = last - 1; j >= 0; j--) {
    const a = work[j];
    if (!(Math.abs(a) < 1)) return false;
    const den = 1 - a * a;
    for (let i = 0; i < j; i++) work2[i] = (work[i] + a * work[j - i - 1]) / den;
    for (let i = 0; i < j; i++) work[i] = work2[i];
  }
  return true;
}

/** AR stationarity: roots of 1 − Σ φ_i z^i outside the unit circle (R's arCheck). */
export const isStationary = (phi: Float64Array, k: number, work: Float64Array, work2: Float64Array): boolean =>
  rootsOutside(phi, k, 1, 1, work, work2);

/**
 * Reflects the roots of 1 + Σ θ_i z^i that lie inside the unit circle (R's maInvert), in place on
 * coef[at..at+k): the same autocovariances with an invertible polynomial. Roots come from the
 * companion eigenproblem only when some lie inside, which the step-down test decides first.
 */
export function invertMa(coef: Float64Array, at: number, k: number, work: Float64Array, work2: Float64Array): void {
  let q0 = k;
  while (q0 > 0 && coef[at + q0 - 1] === 0) q0--;
  if (q0 === 0) return;
  for (let i = 0; i < q0; i++) work[i] = coef[at + i];
  if (rootsOutside(work, q0, 1, -1, work2, new Float64Array(q0))) return;
  // Some root lies inside: invert them (once per fit, so the few small arrays here cost nothing).
  if (q0 === 1) {
    coef[at] = 1 / coef[at];
    return;
  }
  // Roots of 1 + θ_1 z + … + θ_q z^q by Durand–Kerner on the monic polynomial.
  const re = new Float64Array(q0);
  const im = new Float64Array(q0);
  polyRoots(coef, at, q0, re, im);
  for (let i = 0; i < q0; i++) {
    const mod2 = re[i] * re[i] + im[i] * im[i];
    if (mod2 < 1) {
      re[i] /= mod2;
      im[i] = -im[i] / mod2;
    }
  }
  // Rebuild Π (1 − z / r_i) and keep the real parts.
  const cr = new Float64Array(q0 + 1);
  const ci = new Float64Array(q0 + 1);
  cr[0] = 1;
  for (let i = 0; i < q0; i++) {
    const mod2 = re[i] * re[i] + im[i] * im[i];
    const ir = re[i] / mod2;
    const ii = -im[i] / mod2;
    for (let j = i + 1; j >= 1; j--) {
      const pr = cr[j - 1] * ir - ci[j - 1] * ii;
      const pi = cr[j - 1] * ii + ci[j - 1] * ir;
      cr[j] -= pr;
      ci[j] -= pi;
    }
  }
  for (let i = 0; i < q0; i++) coef[at + i] = cr[i + 1];
}

/** Roots of 1 + Σ_{i<k} c[at+i] z^{i+1} (Durand–Kerner iteration; k small). */
function polyRoots(c: Float64Array, at: number, k: number, re: Float64Array, im: Float64Array): void {
  // Monic form: z^k + (c_{k-1}/c_k) z^{k-1} + … + 1/c_k.
  const lead = c[at + k - 1];
  const a = new Float64Array(k + 1);
  a[k] = 1;
  for (let i = 0; i < k - 1; i++) a[i + 1] = c[at + i] / lead;
  a[0] = 1 / lead;
  let radius = 0;
  for (let i = 0; i < k; i++) radius = Math.max(radius, Math.abs(a[i]));
  radius = 1 + radius;
  for (let i = 0; i < k; i++) {
    const ang = (2 * Math.PI * i) / k + 0.4;
    re[i] = radius * 0.5 * Math.cos(ang);
    im[i] = radius * 0.5 * Math.sin(ang);
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let i = 0; i < k; i++) {
      // p(z) by Horner.
      let pr = 1;
      let pi = 0;
      for (let j = k - 1; j >= 0; j--) {
        const t = pr * re[i] - pi * im[i] + a[j];
        pi = pr * im[i] + pi * re[i];
        pr = t;
      }
      let dr = 1;
      let di = 0;
      for (let j = 0; j < k; j++) {
        if (j === i) continue;
        const xr = re[i] - re[j];
        const xi = im[i] - im[j];
        const t = dr * xr - di * xi;
        di = dr * xi + di * xr;
        dr = t;
      }
      const den = dr * dr + di * di;
      const qr = (pr * dr + pi * di) / den;
      const qi = (pi * dr - pr * di) / den;
      re[i] -= qr;
      im[i] -= qi;
      moved = Math.max(moved, Math.abs(qr) + Math.abs(qi));
    }
    if (moved < 1e-14) break;
  }
}
