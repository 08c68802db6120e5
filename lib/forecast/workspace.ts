import { NelderMead } from './optimize';

/**
 * Scratch memory for one batch, reused across series and models so that fitting allocates nothing
 * per series. Grows (rarely) when a longer series arrives.
 */
export class Workspace {
  readonly optimizer = new NelderMead();
  /** Optimizer point (≤ 4 parameters). */
  readonly point = new Float64Array(4);
  /** Seasonal indices of the current series by phase `t mod season` (classical decomposition). */
  readonly seasonIndex: Float64Array;
  /** The current series is intermittent demand (models may adapt their search ranges). */
  intermittent = false;
  /** True when `seasonIndex` is multiplicative (positive data), false when additive. */
  seasonMultiplicative = true;
  /** Seasonal state rings for Holt-Winters (value filter plus two unit-impulse filters). */
  readonly ring: Float64Array;
  /** A series-length scratch vector. */
  scratch: Float64Array;
  /** The current series with spikes clipped, for the local trend models (trend.ts). */
  trendClean: Float64Array;
  /** A series-length scratch vector for the local trend models (trend.ts). */
  trendScratch: Float64Array;
  /** Local drift's step per origin (trend.ts), n + 1 long. */
  trendSteps: Float64Array;

  constructor(
    capacity: number,
    readonly season: number,
  ) {
    this.seasonIndex = new Float64Array(Math.max(1, season));
    this.ring = new Float64Array(3 * Math.max(1, season));
    this.scratch = new Float64Array(Math.max(1, capacity));
    this.trendClean = new Float64Array(Math.max(1, capacity));
    this.trendScratch = new Float64Array(Math.max(1, capacity));
    this.trendSteps = new Float64Array(Math.max(1, capacity) + 1);
  }

  ensure(n: number): void {
    if (this.scratch.length < n) this.scratch = new Float64Array(n);
    if (this.trendClean.length < n) this.trendClean = new Float64Array(n);
    if (this.trendScratch.length < n) this.trendScratch = new Float64Array(n);
    if (this.trendSteps.length < n + 1) this.trendSteps = new Float64Array(n + 1);
  }
}
