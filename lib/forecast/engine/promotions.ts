import { MAX_HISTORY, prepare } from './prepare';
import { median } from '../order';

/**
 * Promotion-like spikes: single periods (or short runs) far above the demand on both sides of
 * them, at phases where the series' season does not peak. A catalogue whose held-back test shows
 * its forecasts gain (pool.ts) has them replaced before its methods are fitted; forecasts are
 * still scored and their bands measured against the raw history (lib/forecast/README.md,
 * "Promotion weeks").
 */

/** A spike stands this many noise scales above the typical demand before and after it. */
const SPIKE_SCALES = 4;
/** Values each side whose median is the demand a spike is judged against. */
const SIDE = 4;
/** Values before a spike among the last SIDE, whose return cannot be seen yet. */
const END_BEFORE = 8;
/** Spikes inside the history that make a pattern worth cleaning: one odd value is not one. */
const MIN_SPIKES = 2;
/** 1 / Φ⁻¹(0.75): the median absolute deviation of a normal in standard deviations. */
const MAD_SCALE = 1.4826;
/** Seasons longer than this are the year in weeks, whose peaks drift by a period. */
const WEEKS_SLACK_FROM = 24;

export class PromotionCleaner {
  /**
   * The raw history's total over the cleaned one's after a cleaning: what promotions added to
   * demand. Forecasts of the cleaned history are scaled by it, so that they stay unbiased for the
   * promotions still to come, at dates nobody told the engine.
   */
  lift = 1;
  /** Spikes the last cleaning replaced. */
  private kept = 0;
  private diffs = new Float64Array(0);
  private at = new Int32Array(0);
  private level = new Float64Array(0);
  /** Per spike found: 1 where it is a season's peak. */
  private peak = new Uint8Array(0);
  private readonly window = new Float64Array(END_BEFORE);

  /**
   * Writes `y[0 .. n)` into `out` with its promotion-like spikes replaced by the demand before
   * them; returns how many values it replaced (0: `out` untouched). A spike is a value more than
   * SPIKE_SCALES noise scales (from the median absolute first difference) above the medians of
   * the SIDE values before and after it; one that comes back at its phase in every other cycle
   * (`recurs`) is a season's peak and stays; a series is cleaned only with MIN_SPIKES spikes inside
   * its history, and only then are its last SIDE values, whose return cannot be seen yet, judged
   * against the END_BEFORE values before them. Only nonnegative series (demand) are cleaned.
   */
  clean(y: Float64Array, n: number, season: number, out: Float64Array): number {
    this.lift = 1;
    this.kept = 0;
    if (n < 2 * SIDE + 1) return 0;
    // Promotions are a notion of demand: a series with negative values is left as it is.
    for (let t = 0; t < n; t++) if (!(y[t] >= 0)) return 0;
    this.grow(n);
    const { diffs, at, level } = this;
    for (let t = 1; t < n; t++) diffs[t - 1] = Math.abs(y[t] - y[t - 1]);
    const noise = (MAD_SCALE * median(diffs, n - 1)) / Math.SQRT2;
    if (!(noise > 0)) return 0;
    const bar = SPIKE_SCALES * noise;
    let found = 0;
    for (let t = SIDE; t < n; t++) {
      const interior = t + SIDE < n;
      if (!interior && t < END_BEFORE) continue;
      const before = this.medianOf(y, interior ? t - SIDE : t - END_BEFORE, t);
      if (!(y[t] - before > bar)) continue;
      if (interior && !(y[t] - this.medianOf(y, t + 1, t + 1 + SIDE) > bar)) continue;
      at[found] = t;
      level[found++] = before;
    }
    // Every spike judged against all found, before any is dropped.
    const { peak } = this;
    for (let j = 0; j < found; j++) peak[j] = season > 1 && recurs(at, found, j, season, n) ? 1 : 0;
    let kept = 0;
    let inside = 0;
    for (let j = 0; j < found; j++) {
      if (peak[j]) continue;
      at[kept] = at[j];
      level[kept++] = level[j];
      if (at[j] + SIDE < n) inside++;
    }
    if (inside < MIN_SPIKES) return 0;
    let total = 0;
    let removed = 0;
    for (let t = 0; t < n; t++) total += y[t];
    for (let j = 0; j < kept; j++) removed += y[at[j]] - level[j];
    out.set(y.subarray(0, n));
    for (let j = 0; j < kept; j++) out[at[j]] = level[j];
    this.lift = total / (total - removed);
    this.kept = kept;
    return kept;
  }

  /** Positions of the values the last cleaning replaced, in time order. */
  replaced(): Int32Array {
    return this.at.slice(0, this.kept);
  }

  private grow(n: number): void {
    if (n <= this.diffs.length) return;
    this.diffs = new Float64Array(n);
    this.at = new Int32Array(n);
    this.level = new Float64Array(n);
    this.peak = new Uint8Array(n);
  }

  /** Median of y[from .. to), at most END_BEFORE values (insertion-sorted in the window). */
  private medianOf(y: Float64Array, from: number, to: number): number {
    const w = this.window;
    const count = to - from;
    for (let j = 0; j < count; j++) {
      const v = y[from + j];
      let k = j;
      for (; k > 0 && w[k - 1] > v; k--) w[k] = w[k - 1];
      w[k] = v;
    }
    return middle(w, count);
  }
}

/** Median of the first `count` of sorted values. */
function middle(sorted: Float64Array, count: number): number {
  const k = count >> 1;
  return count % 2 === 1 ? sorted[k] : (sorted[k - 1] + sorted[k]) / 2;
}

/**
 * True when spike j recurs at its phase in every other cycle of the history (n periods): a spike
 * at the same phase, or within a period of it for the year in weeks (52.18 weeks, and holidays
 * that move), in each cycle where that phase lies in the history past its first SIDE values. A
 * season's peak comes back every year; a promotion meets another at its phase only by chance,
 * and in every cycle far more rarely (a dozen promotions in three years of weeks put one within
 * a week of another's phase for about every third).
 */
function recurs(at: Int32Array, found: number, j: number, season: number, n: number): boolean {
  const slack = season > WEEKS_SLACK_FROM ? 1 : 0;
  const t = at[j];
  let cycles = 0;
  for (let p = t - season; p >= SIDE; p -= season) {
    if (!spikeNear(at, found, p, slack)) return false;
    cycles++;
  }
  for (let p = t + season; p < n; p += season) {
    if (!spikeNear(at, found, p, slack)) return false;
    cycles++;
  }
  return cycles > 0;
}

/** True when a found spike lies within `slack` periods of p. */
function spikeNear(at: Int32Array, found: number, p: number, slack: number): boolean {
  for (let i = 0; i < found; i++) if (Math.abs(at[i] - p) <= slack) return true;
  return false;
}

/**
 * Positions in `values` of the periods the engine sets aside as promotion-like spikes before
 * fitting with `season` and `cleanPromotions` (forecaster.ts: regular demand only, on the history
 * as prepared); none without `cleanPromotions`. For pages that show what the forecast left out.
 */
export function promotionPeriods(values: Float64Array, season: number, cleanPromotions: boolean | undefined): number[] {
  if (!cleanPromotions) return [];
  const y = new Float64Array(Math.min(values.length, MAX_HISTORY));
  const s = prepare(values, 0, values.length, y);
  if (s.first < 0 || s.flat || s.intermittent) return [];
  const cleaner = new PromotionCleaner();
  if (cleaner.clean(y, s.n, season, new Float64Array(s.n)) === 0) return [];
  return Array.from(cleaner.replaced(), (t) => s.first + t);
}
