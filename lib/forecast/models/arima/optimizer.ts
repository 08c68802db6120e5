/**
 * Variable-metric (BFGS) minimisation with central-difference gradients on scaled parameters, the
 * method R's arima uses through `optim(method = "BFGS")` (Nash 1990, algorithm 21): step halving by
 * 0.2 with an Armijo test, restart from the identity when no descent, relative tolerance on the
 * objective. Following the same path as R matters for parity: ARIMA likelihoods are often flat, and
 * where the search stops decides the forecasts. Fits that need not follow it (`Shortcuts`) may
 * restart from the identity scaled by sᵀy / yᵀy of the last accepted step (Shanno & Phua 1978;
 * Nocedal & Wright 2006, eq. 6.20) instead of the identity, whose trial steps on the engine's CSS
 * fits were mostly far too long (cut by 0.2 about four times before one was accepted), and may take
 * numerical gradients by forward differences from the objective's value at the point, which the
 * line search has just computed: half the passes, an error of order the step (1e-3) that a fit
 * stopping at a relative tolerance of 1e-5 does not resolve. Not rules for every problem: scaled
 * restarts slow Rosenbrock's valley down (lib/forecast/README.md, "Speed").
 */

export type Objective = (par: Float64Array) => number;
/** Writes the gradient of the objective at par (unscaled) into grad. */
export type Gradient = (par: Float64Array, grad: Float64Array) => void;

const STEP_REDUCTION = 0.2;
const ACCEPT = 1e-4;
const REL_TEST = 10;
const NDEPS = 1e-3;
/** optim's default relative tolerance: √ε. */
export const R_RELTOL = 1.490116119384765625e-8;

/** Where a fit may leave R's path (the module's comment). */
export interface Shortcuts {
  /** Restart from the identity scaled by sᵀy / yᵀy of the last accepted step. */
  scaledRestarts: boolean;
  /** Numerical gradients by forward differences from the value at hand: k objective passes, not 2k. */
  forwardDifferences: boolean;
}
export const R_PATH: Shortcuts = { scaledRestarts: false, forwardDifferences: false };

export const enum Outcome {
  Converged = 0,
  MaxIterations = 1,
  /** A non-finite objective where R's optim stops with an error. */
  Failed = -1,
}

export class Bfgs {
  readonly par: Float64Array;
  value = NaN;
  evaluations = 0;
  gradients = 0;
  private readonly scale: Float64Array;
  private readonly x: Float64Array;
  private readonly xTrial: Float64Array;
  private readonly g: Float64Array;
  private readonly gOld: Float64Array;
  private readonly t: Float64Array;
  private readonly xs: Float64Array;
  private readonly b: Float64Array;
  private readonly unscaled: Float64Array;
  private readonly g2: Float64Array;
  readonly hessian: Float64Array;
  /** fn at x ± ε_i e_i ± δ e_j, four per (i, j), for the numerical Hessian. */
  private readonly corners: Float64Array;
  private analytic: Gradient | null = null;
  private forwardDifferences = false;

  constructor(readonly maxPar: number) {
    const k = maxPar;
    this.par = new Float64Array(k);
    this.scale = new Float64Array(k);
    this.x = new Float64Array(k);
    this.xTrial = new Float64Array(k);
    this.g = new Float64Array(k);
    this.gOld = new Float64Array(k);
    this.t = new Float64Array(k);
    this.xs = new Float64Array(k);
    this.b = new Float64Array(k * k);
    this.unscaled = new Float64Array(k);
    this.g2 = new Float64Array(k);
    this.hessian = new Float64Array(k * k);
    this.corners = new Float64Array(4 * k * k);
  }

  private evalScaled(fn: Objective, x: Float64Array, k: number): number {
    for (let i = 0; i < k; i++) this.unscaled[i] = x[i] * this.scale[i];
    this.evaluations++;
    return fn(this.unscaled);
  }

  /**
   * Gradient in scaled coordinates, analytic when given, else by central differences (R's optim),
   * or by forward differences from `fx`, the objective's value at x, when `forwardDifferences` is
   * set and fx is known; false when it is not finite.
   */
  private gradient(fn: Objective, x: Float64Array, k: number, g: Float64Array, fx = NaN): boolean {
    if (this.analytic) {
      for (let i = 0; i < k; i++) this.unscaled[i] = x[i] * this.scale[i];
      this.gradients++;
      this.analytic(this.unscaled, g);
      for (let i = 0; i < k; i++) {
        g[i] *= this.scale[i];
        if (!Number.isFinite(g[i])) return false;
      }
      return true;
    }
    if (this.forwardDifferences && Number.isFinite(fx)) {
      for (let i = 0; i < k; i++) {
        const xi = x[i];
        x[i] = xi + NDEPS;
        const up = this.evalScaled(fn, x, k);
        x[i] = xi;
        g[i] = (up - fx) / NDEPS;
        if (!Number.isFinite(g[i])) return false;
      }
      return true;
    }
    for (let i = 0; i < k; i++) {
      const xi = x[i];
      x[i] = xi + NDEPS;
      const up = this.evalScaled(fn, x, k);
      x[i] = xi - NDEPS;
      const down = this.evalScaled(fn, x, k);
      x[i] = xi;
      g[i] = (up - down) / (2 * NDEPS);
      if (!Number.isFinite(g[i])) return false;
    }
    return true;
  }

  /**
   * Minimises fn from `start` (k parameters, scales `parscale`), at most maxit iterations. The
   * optimum is left in `par` and its value in `value`. `shortcuts`: see the module's comment.
   */
  minimize(
    fn: Objective,
    gradient: Gradient | null,
    start: Float64Array,
    parscale: Float64Array,
    k: number,
    maxit = 100,
    reltol = R_RELTOL,
    { scaledRestarts, forwardDifferences }: Shortcuts = R_PATH,
  ): Outcome {
    const { x, xTrial, g, gOld, t, xs, b, scale } = this;
    this.analytic = gradient;
    this.forwardDifferences = forwardDifferences;
    for (let i = 0; i < k; i++) {
      scale[i] = parscale[i];
      x[i] = start[i] / parscale[i];
    }
    let f = this.evalScaled(fn, x, k);
    if (!Number.isFinite(f)) return Outcome.Failed;
    let fmin = f;
    if (maxit <= 0) {
      this.finish(fmin, k);
      return Outcome.Converged;
    }
    if (!this.gradient(fn, x, k, g, f)) return Outcome.Failed;
    let gradCount = 1;
    let iter = 1;
    let ilast = gradCount;
    let count = 0;
    let restartScale = 1;
    do {
      if (ilast === gradCount) {
        b.fill(0, 0, k * k);
        for (let i = 0; i < k; i++) b[i * k + i] = restartScale;
      }
      for (let i = 0; i < k; i++) {
        xs[i] = x[i];
        gOld[i] = g[i];
      }
      let gradProj = 0;
      for (let i = 0; i < k; i++) {
        let s = 0;
        for (let j = 0; j < k; j++) s -= b[i * k + j] * g[j];
        t[i] = s;
        gradProj += s * g[i];
      }
      if (gradProj < 0) {
        let step = 1;
        let accepted = false;
        do {
          count = 0;
          for (let i = 0; i < k; i++) {
            xTrial[i] = xs[i] + step * t[i];
            if (REL_TEST + xs[i] === REL_TEST + xTrial[i]) count++;
          }
          if (count < k) {
            f = this.evalScaled(fn, xTrial, k);
            accepted = Number.isFinite(f) && f <= fmin + gradProj * step * ACCEPT;
            if (!accepted) step *= STEP_REDUCTION;
          }
        } while (!(count === k || accepted));
        for (let i = 0; i < k; i++) x[i] = xTrial[i];
        const enough = Math.abs(f - fmin) > reltol * (Math.abs(fmin) + reltol);
        if (!enough) {
          count = k;
          fmin = f;
        }
        if (count < k) {
          fmin = f;
          if (!this.gradient(fn, x, k, g, f)) return Outcome.Failed;
          gradCount++;
          iter++;
          let d1 = 0;
          for (let i = 0; i < k; i++) {
            t[i] *= step;
            gOld[i] = g[i] - gOld[i];
            d1 += t[i] * gOld[i];
          }
          if (d1 > 0) {
            if (scaledRestarts) {
              let yy = 0;
              for (let i = 0; i < k; i++) yy += gOld[i] * gOld[i];
              if (yy > 0) restartScale = d1 / yy;
            }
            let d2 = 0;
            for (let i = 0; i < k; i++) {
              let s = 0;
              for (let j = 0; j < k; j++) s += b[i * k + j] * gOld[j];
              xs[i] = s;
              d2 += s * gOld[i];
            }
            d2 = 1 + d2 / d1;
            for (let i = 0; i < k; i++) {
              for (let j = 0; j < k; j++) b[i * k + j] += (d2 * t[i] * t[j] - xs[i] * t[j] - t[i] * xs[j]) / d1;
            }
          } else {
            ilast = gradCount;
          }
        } else if (ilast < gradCount) {
          count = 0;
          ilast = gradCount;
        }
      } else {
        count = 0;
        if (ilast === gradCount) count = k;
        else ilast = gradCount;
      }
      if (iter >= maxit) {
        this.finish(fmin, k);
        return Outcome.MaxIterations;
      }
      if (gradCount - ilast > 2 * k) ilast = gradCount;
    } while (count !== k || ilast !== gradCount);
    this.finish(fmin, k);
    return Outcome.Converged;
  }

  private finish(fmin: number, k: number): void {
    this.value = fmin;
    for (let i = 0; i < k; i++) this.par[i] = this.x[i] * this.scale[i];
  }

  /**
   * Hessian of fn at par (unscaled), as R's optimHess: differences of central-difference gradients,
   * step 1e-3 in each parameter's own units, symmetrised; into `hessian` (k × k).
   * False when a difference is not finite.
   */
  hessianAt(fn: Objective, gradient: Gradient | null, par: Float64Array, parscale: Float64Array, k: number): boolean {
    const { x, g, g2, hessian, scale } = this;
    this.analytic = gradient;
    this.forwardDifferences = false;
    for (let i = 0; i < k; i++) {
      scale[i] = parscale[i];
      x[i] = par[i] / parscale[i];
    }
    if (!gradient) return this.numericHessian(fn, k);
    for (let i = 0; i < k; i++) {
      const eps = NDEPS / scale[i];
      const xi = x[i];
      x[i] = xi + eps;
      if (!this.gradient(fn, x, k, g)) return false;
      x[i] = xi - eps;
      if (!this.gradient(fn, x, k, g2)) return false;
      x[i] = xi;
      for (let j = 0; j < k; j++) hessian[i * k + j] = (g[j] - g2[j]) / (2 * eps * scale[i] * scale[j]);
    }
    this.symmetrise(k);
    return true;
  }

  /**
   * optimHess's differences of central-difference gradients, each objective value computed once:
   * row i's gradient at x ± ε_i e_i reads fn at x ± ε_i e_i ± δ e_j, and where both parameters'
   * steps are δ (scale 1: every ARMA coefficient) row j reads the same four points, to the bit.
   * The Hessian is the one the nested differences give, at about half the objective passes.
   */
  private numericHessian(fn: Objective, k: number): boolean {
    const { x, hessian, scale, corners } = this;
    for (let i = 0; i < k; i++) {
      const eps = NDEPS / scale[i];
      const xi = x[i];
      for (let si = 0; si < 2; si++) {
        x[i] = si === 0 ? xi + eps : xi - eps;
        for (let j = 0; j < k; j++) {
          const at = (i * k + j) * 4 + si * 2;
          if (j < i && eps === NDEPS && NDEPS / scale[j] === NDEPS) {
            // Row j stored fn at (x_j ± δ, x_i ± δ), its own sign first: (+, si) and (−, si) are ours.
            const mine = (j * k + i) * 4;
            corners[at] = corners[mine + si];
            corners[at + 1] = corners[mine + 2 + si];
            continue;
          }
          const xj = x[j];
          x[j] = xj + NDEPS;
          corners[at] = this.evalScaled(fn, x, k);
          x[j] = xj - NDEPS;
          corners[at + 1] = this.evalScaled(fn, x, k);
          x[j] = xj;
        }
      }
      x[i] = xi;
    }
    for (let i = 0; i < k; i++) {
      const eps = NDEPS / scale[i];
      for (let j = 0; j < k; j++) {
        const at = (i * k + j) * 4;
        const up = (corners[at] - corners[at + 1]) / (2 * NDEPS);
        const down = (corners[at + 2] - corners[at + 3]) / (2 * NDEPS);
        if (!Number.isFinite(up) || !Number.isFinite(down)) return false;
        hessian[i * k + j] = (up - down) / (2 * eps * scale[i] * scale[j]);
      }
    }
    this.symmetrise(k);
    return true;
  }

  private symmetrise(k: number): void {
    const { hessian } = this;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < i; j++) {
        const v = 0.5 * (hessian[i * k + j] + hessian[j * k + i]);
        hessian[i * k + j] = v;
        hessian[j * k + i] = v;
      }
    }
  }
}
