/**
 * Analytic k-step forecast error variances of the fitted form from a state (Hyndman et al. 2008,
 * ch. 6), as R's forecast.ets computes them: class 1 (additive error, linear state), class 2
 * (multiplicative error, additive trend and season), class 3 (multiplicative error and season).
 */
import { ADDITIVE, MULTIPLICATIVE, NONE } from './form';
import { pointForecasts, type EtsModel, type EtsState } from './recursions';

/** Scratch for the variance recursions, grown as needed. */
export class VarianceScratch {
  mean = new Float64Array(0);
  c = new Float64Array(0);
  theta = new Float64Array(0);
  matrices = new Float64Array(0);
}

/**
 * Writes the variances for steps 1..h into out[0..h). False for forms outside classes 1–3.
 * `sigma2` is the residual variance (of relative errors for multiplicative error).
 */
export function forecastVariance(model: EtsModel, state: EtsState, sigma2: number, h: number, out: Float64Array, scratch: VarianceScratch): boolean {
  const { form } = model;
  if (form.error === ADDITIVE && form.season === MULTIPLICATIVE) return false;
  if (form.error === MULTIPLICATIVE && form.season === MULTIPLICATIVE) {
    classThree(model, state, sigma2, h, out, scratch);
    return true;
  }
  if (scratch.c.length < h) {
    scratch.c = new Float64Array(h);
    scratch.mean = new Float64Array(h);
    scratch.theta = new Float64Array(h);
  }
  // c_j = α + β(φ + … + φ^j) + γ·[j ≡ 0 mod m]: the effect of today's error on the j-step forecast.
  const c = scratch.c;
  const phi = form.damped ? model.phi : 1;
  let phiSum = 0;
  let power = 1;
  for (let j = 1; j < h; j++) {
    power *= phi;
    phiSum += power;
    let cj = model.alpha;
    if (form.trend !== NONE) cj += model.beta * phiSum;
    if (form.season !== NONE && j % model.m === 0) cj += model.gamma;
    c[j] = cj;
  }
  if (form.error === ADDITIVE) {
    let sum = 0;
    for (let k = 1; k <= h; k++) {
      out[k - 1] = sigma2 * (1 + sum);
      if (k < h) sum += c[k] * c[k];
    }
    return true;
  }
  const mean = scratch.mean;
  const theta = scratch.theta;
  pointForecasts(model, state, h, mean, 0);
  for (let k = 1; k <= h; k++) {
    let t = mean[k - 1] * mean[k - 1];
    for (let j = 1; j < k; j++) t += sigma2 * c[j] * c[j] * theta[k - j - 1];
    theta[k - 1] = t;
    out[k - 1] = (1 + sigma2) * t - mean[k - 1] * mean[k - 1];
  }
  return true;
}

/**
 * Class 3: the state is the outer product M = (level, slope)ᵀ·(seasonal indices), propagated with
 * its covariance V by R's Kronecker-product recursions (which take the damped mean as level +
 * slope, one damping step behind the state forecast).
 */
function classThree(model: EtsModel, state: EtsState, sigma2: number, h: number, out: Float64Array, scratch: VarianceScratch): void {
  const { m, form } = model;
  const r = form.trend === NONE ? 1 : 2;
  const N = r * m;
  const NN = N * N;
  const need = 2 * r * m + 9 * NN + 2 * N;
  if (scratch.matrices.length < need) scratch.matrices = new Float64Array(need);
  const buf = scratch.matrices;
  let o = 0;
  const M = buf.subarray(o, (o += r * m)); // r×m, column-major: M[col*r + row]
  const M2 = buf.subarray(o, (o += r * m));
  const V = buf.subarray(o, (o += NN));
  const F21 = buf.subarray(o, (o += NN));
  const G21 = buf.subarray(o, (o += NN));
  const K = buf.subarray(o, (o += NN));
  const A = buf.subarray(o, (o += NN));
  const B = buf.subarray(o, (o += NN));
  const T = buf.subarray(o, (o += NN));
  const W = buf.subarray(o, (o += NN));
  const S = buf.subarray(o, (o += NN));
  const v = buf.subarray(o, (o += N));
  const phi = form.damped ? model.phi : 1;
  // Seasonal indices in R's order s1..sm, sm due next.
  const seasonAt = (i: number): number => state.season[(state.t + m - 1 - i + m * 4) % m];
  const top = [state.level, state.slope];
  for (let col = 0; col < m; col++) for (let row = 0; row < r; row++) M[col * r + row] = top[row] * seasonAt(col);
  V.fill(0);
  // F1 = [[1,1],[0,φ]] (or 1), G1 = [[α,α],[β,β]] (or α), F2 = cyclic shift, G2 = γ at (1, m).
  const F1 = (i: number, j: number): number => (r === 1 ? 1 : i === 0 ? 1 : j === 1 ? phi : 0);
  const G1 = (i: number): number => (i === 0 ? model.alpha : model.beta);
  const F2 = (i: number, j: number): number => (i === 0 ? (j === m - 1 ? 1 : 0) : j === i - 1 ? 1 : 0);
  const G2 = (i: number, j: number): number => (i === 0 && j === m - 1 ? model.gamma : 0);
  for (let ia = 0; ia < m; ia++)
    for (let ja = 0; ja < m; ja++)
      for (let ib = 0; ib < r; ib++)
        for (let jb = 0; jb < r; jb++) {
          const at = (ia * r + ib) * N + ja * r + jb;
          F21[at] = F2(ia, ja) * F1(ib, jb);
          G21[at] = G2(ia, ja) * G1(ib);
          K[at] = G2(ia, ja) * F1(ib, jb) + F2(ia, ja) * G1(ib);
        }
  // H21 picks the entries (row any, column m): Σ over rows of column m.
  for (let k = 0; k < h; k++) {
    let mu = 0;
    for (let row = 0; row < r; row++) mu += M[(m - 1) * r + row];
    let quad = 0;
    for (let a = 0; a < r; a++) for (let b = 0; b < r; b++) quad += V[((m - 1) * r + a) * N + (m - 1) * r + b];
    out[k] = (1 + sigma2) * quad + sigma2 * mu * mu;
    if (k === h - 1) break;
    for (let i = 0; i < N; i++) v[i] = M[i];
    // S = V + vvᵀ, W = 3V + 2vvᵀ.
    for (let i = 0; i < N; i++)
      for (let j = 0; j < N; j++) {
        S[i * N + j] = V[i * N + j] + v[i] * v[j];
        W[i * N + j] = 3 * V[i * N + j] + 2 * v[i] * v[j];
      }
    // V' = F V Fᵀ + σ²(F V Gᵀ + G V Fᵀ + K S Kᵀ + σ² G W Gᵀ).
    sandwich(F21, V, F21, A, T, N); // A = F V Fᵀ
    sandwich(F21, V, G21, B, T, N); // B = F V Gᵀ
    for (let i = 0; i < NN; i++) A[i] += sigma2 * (B[i] + B[(i % N) * N + Math.floor(i / N)]);
    sandwich(K, S, K, B, T, N);
    for (let i = 0; i < NN; i++) A[i] += sigma2 * B[i];
    sandwich(G21, W, G21, B, T, N);
    for (let i = 0; i < NN; i++) V[i] = A[i] + sigma2 * sigma2 * B[i];
    // M' = F1 M F2ᵀ + σ² G1 M G2ᵀ.
    for (let row = 0; row < r; row++)
      for (let col = 0; col < m; col++) {
        let s = 0;
        for (let a = 0; a < r; a++) for (let b = 0; b < m; b++) s += F1(row, a) * M[b * r + a] * F2(col, b) + sigma2 * G1(row) * M[b * r + a] * G2(col, b);
        M2[col * r + row] = s;
      }
    M.set(M2);
  }
}

/** out = X·Y·Zᵀ for N×N row-major matrices; `tmp` is scratch. */
function sandwich(X: Float64Array, Y: Float64Array, Z: Float64Array, out: Float64Array, tmp: Float64Array, N: number): void {
  tmp.fill(0, 0, N * N);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < N; k++) {
      const x = X[i * N + k];
      if (x === 0) continue;
      for (let j = 0; j < N; j++) tmp[i * N + j] += x * Y[k * N + j];
    }
  out.fill(0, 0, N * N);
  for (let i = 0; i < N; i++)
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < N; k++) s += tmp[i * N + k] * Z[j * N + k];
      out[i * N + j] = s;
    }
}
