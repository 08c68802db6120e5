/**
 * The parameter region R's `ets` searches with bounds = "both": the usual bounds (each parameter in
 * [lower, upper], β ≤ α, γ ≤ 1 − α) and the admissible region (the discount matrix's eigenvalues
 * inside the unit circle: forecasts forget the distant past), checked for seasonal forms through
 * the characteristic polynomial.
 */
import { NONE, type EtsForm } from './form';

export const LOWER = { alpha: 1e-4, beta: 1e-4, gamma: 1e-4, phi: 0.8 };
export const UPPER = { alpha: 0.9999, beta: 0.9999, gamma: 0.9999, phi: 0.98 };

/** Usual bounds on the estimated parameters. */
export function withinBounds(form: EtsForm, alpha: number, beta: number, gamma: number, phi: number): boolean {
  if (alpha < LOWER.alpha || alpha > UPPER.alpha) return false;
  if (form.trend !== NONE && (beta < LOWER.beta || beta > alpha || beta > UPPER.beta)) return false;
  if (form.damped && (phi < LOWER.phi || phi > UPPER.phi)) return false;
  if (form.season !== NONE && (gamma < LOWER.gamma || gamma > 1 - alpha || gamma > UPPER.gamma)) return false;
  return true;
}

/**
 * Admissible region (Hyndman et al. 2008, ch. 10). `poly` is scratch of length ≥ 2m + 4. For
 * non-seasonal forms `beta` is ignored when there is no trend; pass phi = 1 when undamped.
 */
export function admissible(form: EtsForm, m: number, alpha: number, beta: number, gamma: number, phi: number, poly: Float64Array): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (form.season === NONE || m <= 1) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (form.trend !== NONE && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  const b = form.trend === NONE ? 0 : beta;
  if (gamma < Math.max(1 - 1 / phi - alpha, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (b < -(1 - phi) * (gamma / m + alpha)) return false;
  // z^(m+1) + (α+β−φ) z^m + (α+β−αφ) (z^(m−1) + … + z^2) + (α+β−αφ+γ−1) z + φ(1−α−γ):
  // every root within 1 + 1e-10 of the origin.
  const degree = m + 1;
  poly[degree] = 1;
  poly[m] = alpha + b - phi;
  for (let k = 2; k < m; k++) poly[k] = alpha + b - alpha * phi;
  poly[1] = alpha + b - alpha * phi + gamma - 1;
  poly[0] = phi * (1 - alpha - gamma);
  return rootsWithin(poly, degree, 1 + 1e-10);
}

/**
 * Schur–Cohn test: are all roots of Σ poly[k] z^k (degree `degree`, poly[degree] ≠ 0) strictly
 * inside the circle of radius `radius`? Uses poly[degree+1 .. 2·degree+2) as scratch; destroys `poly`. O(degree²), no root finding.
 */
export function rootsWithin(poly: Float64Array, degree: number, radius: number): boolean {
  // Scale z = radius·w so the question is about the unit circle.
  let scale = 1;
  for (let k = 0; k <= degree; k++) {
    poly[k] *= scale;
    scale *= radius;
  }
  // Each reduction reads one half of `poly` and writes the other.
  const half = degree + 1;
  let fromOther = false;
  for (let d = degree; d > 0; d--) {
    const src = fromOther ? half : 0;
    const dst = fromOther ? 0 : half;
    const lead = poly[src + d];
    const last = poly[src];
    if (!(Math.abs(last) < Math.abs(lead))) return false;
    // (p(z) − (last/lead)·p*(z)) / z has degree d − 1 and as many roots inside as p.
    const ratio = last / lead;
    // The next leading coefficient first, so the next division can start while the rest is computed.
    poly[dst + d - 1] = poly[src + d] - ratio * poly[src];
    let up = src + 1;
    let down = src + d - 1;
    const end = dst + d - 1;
    for (let k = dst; k < end; k++) poly[k] = poly[up++] - ratio * poly[down--];
    fromOther = !fromOther;
  }
  return true;
}
