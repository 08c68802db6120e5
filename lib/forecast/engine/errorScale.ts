/**
 * The scale on which a strictly positive series' forecast errors are alike across its history.
 * Additive errors keep one spread in units whatever the level; multiplicative errors grow with the
 * level (y = ŷ·(1 + ε)), so a series that grew tenfold has errors ten times larger now than at its
 * start, and its bands are asymmetric: a level can rise by more than it can fall. The choice is
 * made as ETS chooses its error type: by the Gaussian likelihood of the one-step errors under each,
 * the multiplicative one including the Jacobian of y ↦ y/ŷ (Hyndman et al. 2008, ch. 5).
 */

/**
 * True when the one-step errors y[t] − G[(t − 1)·h] for t in [from, n) are better explained with a
 * spread proportional to the forecast than with a constant one. Needs every forecast positive and
 * at least three errors; false otherwise.
 */
export function multiplicativeErrors(G: Float64Array, h: number, n: number, y: Float64Array, from: number): boolean {
  let absolute = 0;
  let relative = 0;
  let logLevels = 0;
  let count = 0;
  for (let t = Math.max(1, from); t < n; t++) {
    const f = G[(t - 1) * h];
    if (!(f > 0)) return false;
    const e = y[t] - f;
    absolute += e * e;
    relative += (e / f) * (e / f);
    logLevels += Math.log(f);
    count++;
  }
  if (count < 3 || !(absolute > 0) || !(relative > 0)) return false;
  // log-likelihoods up to the same constant: −(c/2)·ln(σ²_A) against −(c/2)·ln(σ²_M) − Σ ln ŷ.
  return -(count / 2) * Math.log(relative / count) - logLevels > -(count / 2) * Math.log(absolute / count);
}

/** dst[j] = ln(src[j]) for j in [from, to); false (dst partly written) when any value is not positive. */
export function logInto(src: Float64Array, from: number, to: number, dst: Float64Array): boolean {
  for (let j = from; j < to; j++) {
    const v = src[j];
    if (!(v > 0)) return false;
    dst[j] = Math.log(v);
  }
  return true;
}

/** True when every src[j] for j in [from, to) is positive (a finite log). */
export function allPositive(src: Float64Array, from: number, to: number): boolean {
  for (let j = from; j < to; j++) if (!(src[j] > 0 && src[j] < Infinity)) return false;
  return true;
}
