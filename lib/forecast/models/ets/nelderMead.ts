/**
 * Nelder–Mead simplex minimizer with the behaviour of R's `optim(method = "Nelder-Mead")` (nmmin):
 * reflection 1, contraction 0.5, expansion 2, an initial simplex stepped by a tenth of the largest
 * |coordinate|, convergence when the simplex's values agree within reltol·(|f0| + reltol), a budget
 * counted in function evaluations, non-finite values treated as 1e35. Any dimension; buffers are
 * grown once and reused, nothing is allocated per evaluation.
 */

export type Objective = (x: Float64Array) => number;

const BIG = 1e35;

export class NelderMead {
  private dim = 0;
  /** (dim + 1) vertices of `dim` coordinates, then the centroid row. */
  private vertices = new Float64Array(0);
  private values = new Float64Array(0);
  private trial = new Float64Array(0);
  /** Evaluations used by the last `minimize`. */
  evaluations = 0;

  private ensure(dim: number): void {
    if (this.dim >= dim) return;
    this.dim = dim;
    this.vertices = new Float64Array((dim + 2) * dim);
    this.values = new Float64Array(dim + 1);
    this.trial = new Float64Array(dim);
  }

  /**
   * Minimizes `f` from x[0..dim) (overwritten with the best vertex). Returns the best value, or NaN
   * when `f` is not finite at the start (R stops with an error there).
   */
  minimize(f: Objective, x: Float64Array, dim: number, reltol: number, maxEvaluations: number): number {
    this.ensure(dim);
    const { vertices: P, values: V, trial: B } = this;
    const n = dim;
    const C = (n + 1) * n; // centroid offset
    for (let i = 0; i < n; i++) B[i] = x[i];
    let value = f(B);
    if (!Number.isFinite(value)) return NaN;
    let evaluations = 1;
    const tolerance = reltol * (Math.abs(value) + reltol);
    for (let i = 0; i < n; i++) P[i] = x[i];
    V[0] = value;
    let step = 0;
    for (let i = 0; i < n; i++) step = Math.max(step, 0.1 * Math.abs(x[i]));
    if (step === 0) step = 0.1;
    let size = 0;
    for (let j = 1; j <= n; j++) {
      const row = j * n;
      for (let i = 0; i < n; i++) P[row + i] = x[i];
      let trialStep = step;
      while (P[row + j - 1] === x[j - 1]) {
        P[row + j - 1] = x[j - 1] + trialStep;
        trialStep *= 10;
      }
      size += trialStep;
    }
    let oldSize = size;
    let low = 0;
    let recompute = true;
    for (;;) {
      if (recompute) {
        for (let j = 0; j <= n; j++) {
          if (j === low) continue;
          for (let i = 0; i < n; i++) B[i] = P[j * n + i];
          value = f(B);
          V[j] = Number.isFinite(value) ? value : BIG;
          evaluations++;
        }
        recompute = false;
      }
      let vLow = V[low];
      let vHigh = vLow;
      let high = low;
      for (let j = 0; j <= n; j++) {
        if (j === low) continue;
        const v = V[j];
        if (v < vLow) {
          low = j;
          vLow = v;
        }
        if (v > vHigh) {
          high = j;
          vHigh = v;
        }
      }
      if (vHigh <= vLow + tolerance) break;
      const H = high * n;
      // Centroid of all but the worst vertex, each coordinate summed in R's order (−worst, then
      // vertices 0..n); two coordinates at a time, so that two sums are in flight.
      let i = 0;
      for (; i + 1 < n; i += 2) {
        let a = -P[H + i];
        let b = -P[H + i + 1];
        for (let at = i; at <= n * n + i; at += n) {
          a += P[at];
          b += P[at + 1];
        }
        P[C + i] = a / n;
        P[C + i + 1] = b / n;
      }
      if (i < n) {
        let a = -P[H + i];
        for (let at = i; at <= n * n + i; at += n) a += P[at];
        P[C + i] = a / n;
      }
      // Reflection.
      for (let i = 0; i < n; i++) B[i] = 2 * P[C + i] - P[H + i];
      value = f(B);
      if (!Number.isFinite(value)) value = BIG;
      evaluations++;
      const vReflect = value;
      if (vReflect < vLow) {
        // Expansion: the reflected point is kept in the centroid row meanwhile.
        for (let i = 0; i < n; i++) {
          const expanded = 2 * B[i] - P[C + i];
          P[C + i] = B[i];
          B[i] = expanded;
        }
        value = f(B);
        if (!Number.isFinite(value)) value = BIG;
        evaluations++;
        if (value < vReflect) {
          for (let i = 0; i < n; i++) P[H + i] = B[i];
          V[high] = value;
        } else {
          for (let i = 0; i < n; i++) P[H + i] = P[C + i];
          V[high] = vReflect;
        }
      } else {
        if (vReflect < vHigh) {
          for (let i = 0; i < n; i++) P[H + i] = B[i];
          V[high] = vReflect;
        }
        // Contraction towards the centroid.
        for (let i = 0; i < n; i++) B[i] = 0.5 * P[H + i] + 0.5 * P[C + i];
        value = f(B);
        if (!Number.isFinite(value)) value = BIG;
        evaluations++;
        if (value < V[high]) {
          for (let i = 0; i < n; i++) P[H + i] = B[i];
          V[high] = value;
        } else if (vReflect >= vHigh) {
          // Shrink towards the best vertex.
          recompute = true;
          size = 0;
          const L = low * n;
          for (let j = 0; j <= n; j++) {
            if (j === low) continue;
            for (let i = 0; i < n; i++) {
              P[j * n + i] = 0.5 * (P[j * n + i] - P[L + i]) + P[L + i];
              size += Math.abs(P[j * n + i] - P[L + i]);
            }
          }
          if (size < oldSize) oldSize = size;
          else break;
        }
      }
      if (evaluations > maxEvaluations) break;
    }
    this.evaluations = evaluations;
    for (let i = 0; i < n; i++) x[i] = P[low * n + i];
    return V[low];
  }
}
