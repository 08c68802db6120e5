/**
 * Temporal aggregation for intermittent demand (Nikolopoulos et al. 2011): the history summed into
 * non-overlapping buckets of k periods, which hold far fewer zeros, is forecast by simple
 * exponential smoothing, and the bucket forecast is spread evenly over its k periods.
 *
 * The buckets end at the forecast origin. Fitted on y[0..n) they end at n; as a filter through a
 * history the origin moves, so one smoothing level is kept per phase t mod k, each fed the bucket
 * that ends at its origins: from origin n it is exactly the fitted smoothing.
 */
import { gridGolden } from '../../optimize';
import { ALPHA_HI, ALPHA_LO } from './demand';

/** Fewest buckets to fit a smoothing constant on; with fewer, α stays at a middling 0.1. */
const MIN_BUCKETS = 3;
const DEFAULT_ALPHA = 0.1;

export class AggregateSmoothing {
  alpha = NaN;
  k = 1;
  private levels = new Float64Array(1);
  private y: Float64Array = new Float64Array(0);
  private n = 0;
  private readonly objective = (alpha: number) => this.sse(alpha);

  /** Fits α for buckets of `k` periods ending at n. */
  fit(y: Float64Array, n: number, k: number): void {
    this.k = k;
    if (this.levels.length < k) this.levels = new Float64Array(k);
    this.y = y;
    this.n = n;
    this.alpha = Math.floor(n / k) >= MIN_BUCKETS ? gridGolden(this.objective, ALPHA_LO, ALPHA_HI, 8, 10) : DEFAULT_ALPHA;
  }

  /** One-step SSE of smoothing the buckets ending at n, from the first bucket as the level. */
  private sse(alpha: number): number {
    const { y, n, k } = this;
    const start = n - Math.floor(n / k) * k;
    let level = 0;
    let sse = 0;
    for (let at = start; at < n; at += k) {
      let bucket = 0;
      for (let t = at; t < at + k; t++) bucket += y[t];
      if (at === start) {
        level = bucket;
        continue;
      }
      sse += (bucket - level) * (bucket - level);
      level += alpha * (bucket - level);
    }
    return sse;
  }

  /**
   * Per-period forecasts from every origin t = from..n, times `weight`, written into
   * `out[(t − 1)·h + k − 1]` or, with `add`, added to it. Before a first full bucket the origin's
   * mean so far stands in.
   */
  run(y: Float64Array, n: number, h: number, from: number, out: Float64Array, weight: number, add: boolean): void {
    const { k, alpha, levels } = this;
    levels.fill(NaN, 0, k);
    let total = 0;
    for (let t = 1; t <= n; t++) {
      total += y[t - 1];
      if (t >= k) {
        let bucket = 0;
        for (let s = t - k; s < t; s++) bucket += y[s];
        const phase = t % k;
        levels[phase] = Number.isNaN(levels[phase]) ? bucket : levels[phase] + alpha * (bucket - levels[phase]);
      }
      if (t < from) continue;
      const forecast = weight * (t >= k ? levels[t % k] / k : total / t);
      const row = (t - 1) * h;
      for (let j = 0; j < h; j++) out[row + j] = add ? out[row + j] + forecast : forecast;
    }
  }
}
