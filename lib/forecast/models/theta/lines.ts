/**
 * The theta models' straight line (Fiorucci et al. 2016): the least-squares line of y_1..y_t on
 * time 1..t, as intercept A_t (at time 0) and slope B_t. The static models fix the line of the
 * whole fitting sample; the dynamic ones update it with every observation.
 */

/** Writes the least-squares line of y[0..n) on time 1..n into `line` as [A, B]. */
export function staticLine(y: Float64Array, n: number, line: Float64Array): void {
  if (n < 2) {
    line[0] = n === 1 ? y[0] : 0;
    line[1] = 0;
    return;
  }
  let mean = 0;
  let weighted = 0;
  for (let t = 0; t < n; t++) {
    mean += y[t];
    weighted += (t + 1) * y[t];
  }
  mean /= n;
  weighted /= n;
  const slope = (6 * (2 * weighted - (n + 1) * mean)) / (n * n - 1);
  line[0] = mean - ((n + 1) * slope) / 2;
  line[1] = slope;
}

/**
 * The dynamic line after one more observation `v` at time `s` (1-based): `state[at..at+3)` =
 * [mean of y_1..y_{s−1}, A, B] becomes the same for y_1..y_s. O(1), the paper's recursive least
 * squares.
 */
export function extendLine(state: Float64Array, at: number, s: number, v: number): void {
  if (s === 1) {
    state[at] = v;
    state[at + 1] = v;
    state[at + 2] = 0;
    return;
  }
  const i = s - 1;
  const slope = ((i - 1) * state[at + 2] + (6 * (v - state[at])) / (i + 1)) / (i + 2);
  const mean = (i * state[at] + v) / (i + 1);
  state[at] = mean;
  state[at + 1] = mean - (slope * (i + 2)) / 2;
  state[at + 2] = slope;
}

/**
 * Dynamic lines of every prefix: a[t], b[t] for t = 0..n (no line before the first observation:
 * a[0] = b[0] = 0). `state` is 3 numbers of scratch.
 */
export function dynamicLines(y: Float64Array, n: number, a: Float64Array, b: Float64Array, state: Float64Array): void {
  a[0] = 0;
  b[0] = 0;
  for (let t = 1; t <= n; t++) {
    extendLine(state, 0, t, y[t - 1]);
    a[t] = state[1];
    b[t] = state[2];
  }
}
