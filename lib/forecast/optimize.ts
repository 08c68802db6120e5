/**
 * Small deterministic optimizers for smoothing parameters. Dimensions are tiny (1–4), evaluations
 * are cheap filters, so a fixed evaluation budget beats anything clever; buffers are reused.
 */

export type Objective = (x: Float64Array) => number;

/** Logistic map ℝ → (lo, hi): lets Nelder–Mead search unconstrained while parameters stay in bounds. */
export function squash(u: number, lo: number, hi: number): number {
  return lo + (hi - lo) / (1 + Math.exp(-u));
}

/** Inverse of `squash`, for starting points. */
export function unsquash(v: number, lo: number, hi: number): number {
  const p = Math.min(Math.max((v - lo) / (hi - lo), 1e-6), 1 - 1e-6);
  return Math.log(p / (1 - p));
}

const MAX_DIM = 4;

/** Nelder–Mead simplex search; one instance per workspace, reused across fits. */
export class NelderMead {
  private readonly simplex = new Float64Array((MAX_DIM + 1) * MAX_DIM);
  private readonly values = new Float64Array(MAX_DIM + 1);
  private readonly centroid = new Float64Array(MAX_DIM);
  private readonly trial = new Float64Array(MAX_DIM);
  private readonly trial2 = new Float64Array(MAX_DIM);

  /**
   * Minimizes `f` from `x` (first `dim` entries, overwritten with the best point found) with initial
   * step `step` along each axis; stops after `maxEval` evaluations or when the simplex's values agree
   * within `tol` (relative). Returns the best value.
   */
  minimize(f: Objective, x: Float64Array, dim: number, step: number, maxEval: number, tol = 1e-7): number {
    const { simplex: s, values: v, centroid: c, trial: r, trial2: e } = this;
    const np = dim + 1;
    for (let i = 0; i < np; i++) {
      for (let j = 0; j < dim; j++) s[i * MAX_DIM + j] = x[j] + (i === j + 1 ? step : 0);
    }
    let evals = 0;
    const evalRow = (i: number): number => {
      for (let j = 0; j < dim; j++) r[j] = s[i * MAX_DIM + j];
      evals++;
      const val = f(r);
      return Number.isFinite(val) ? val : Infinity;
    };
    for (let i = 0; i < np; i++) v[i] = evalRow(i);
    const evalVec = (p: Float64Array): number => {
      evals++;
      const val = f(p);
      return Number.isFinite(val) ? val : Infinity;
    };
    while (evals < maxEval) {
      // Order: best, worst, second worst (full sort is pointless for ≤ 5 vertices).
      let best = 0;
      let worst = 0;
      for (let i = 1; i < np; i++) {
        if (v[i] < v[best]) best = i;
        if (v[i] > v[worst]) worst = i;
      }
      let second = best;
      for (let i = 0; i < np; i++) if (i !== worst && v[i] > v[second]) second = i;
      if (Math.abs(v[worst] - v[best]) <= tol * (Math.abs(v[best]) + 1e-12)) break;
      for (let j = 0; j < dim; j++) {
        let sum = 0;
        for (let i = 0; i < np; i++) if (i !== worst) sum += s[i * MAX_DIM + j];
        c[j] = sum / dim;
      }
      for (let j = 0; j < dim; j++) r[j] = c[j] + (c[j] - s[worst * MAX_DIM + j]);
      const fr = evalVec(r);
      if (fr < v[best]) {
        for (let j = 0; j < dim; j++) e[j] = c[j] + 2 * (c[j] - s[worst * MAX_DIM + j]);
        const fe = evalVec(e);
        const use = fe < fr ? e : r;
        for (let j = 0; j < dim; j++) s[worst * MAX_DIM + j] = use[j];
        v[worst] = fe < fr ? fe : fr;
      } else if (fr < v[second]) {
        for (let j = 0; j < dim; j++) s[worst * MAX_DIM + j] = r[j];
        v[worst] = fr;
      } else {
        const outside = fr < v[worst];
        for (let j = 0; j < dim; j++) {
          const from = outside ? r[j] : s[worst * MAX_DIM + j];
          e[j] = c[j] + 0.5 * (from - c[j]);
        }
        const fc = evalVec(e);
        if (fc < (outside ? fr : v[worst])) {
          for (let j = 0; j < dim; j++) s[worst * MAX_DIM + j] = e[j];
          v[worst] = fc;
        } else {
          for (let i = 0; i < np; i++) {
            if (i === best) continue;
            for (let j = 0; j < dim; j++) {
              s[i * MAX_DIM + j] = s[best * MAX_DIM + j] + 0.5 * (s[i * MAX_DIM + j] - s[best * MAX_DIM + j]);
            }
            v[i] = evalRow(i);
          }
        }
      }
    }
    let best = 0;
    for (let i = 1; i < np; i++) if (v[i] < v[best]) best = i;
    for (let j = 0; j < dim; j++) x[j] = s[best * MAX_DIM + j];
    return v[best];
  }
}

const GOLD = (Math.sqrt(5) - 1) / 2;

/**
 * Minimizes a one-dimensional `f` on [lo, hi]: a coarse grid of `grid` points finds the basin
 * (smoothing SSE curves can have two), golden-section search refines it. Returns the argmin.
 */
export function gridGolden(f: (x: number) => number, lo: number, hi: number, grid: number, iters: number): number {
  let bestX = lo;
  let bestF = Infinity;
  const stepSize = (hi - lo) / (grid - 1);
  for (let i = 0; i < grid; i++) {
    const x = lo + i * stepSize;
    const fx = f(x);
    if (fx < bestF) {
      bestF = fx;
      bestX = x;
    }
  }
  let a = Math.max(lo, bestX - stepSize);
  let b = Math.min(hi, bestX + stepSize);
  let x1 = b - GOLD * (b - a);
  let x2 = a + GOLD * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let i = 0; i < iters; i++) {
    if (f1 < f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - GOLD * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + GOLD * (b - a);
      f2 = f(x2);
    }
  }
  const mid = f1 < f2 ? x1 : x2;
  const fm = Math.min(f1, f2);
  return fm < bestF ? mid : bestX;
}
