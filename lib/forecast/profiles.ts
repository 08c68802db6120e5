import { median } from './order';
import { recentCycles } from './season';
import type { SeriesBatch, SharedSeasons } from './types';

/**
 * Seasonal profiles shared by a group of series (an item category), from their pooled scale-free
 * demand. Two years of weekly history hold two cycles at best, too few to estimate 52 seasonal
 * indices per item, yet items of one category usually share their season: pooled over a
 * category's items the same indices are estimated from many cycles.
 *
 * Per series with more than one full cycle (and not intermittent; of a long season, its last cycles
 * only: see recentCycles): the ratio of each value to its centred moving average over one cycle
 * (2×m for even m), a scale-free seasonal-plus-noise term, clipped at MAX_RATIO so a promotion week
 * cannot dominate. Per group and phase: the mean ratio over the group's series, each series
 * weighing the same; phases smoothed circularly over a few neighbours (weekly noise is high), then
 * normalised to mean 1. A group with fewer than MIN_SERIES contributing series takes the profile
 * of the whole batch (its last row).
 */
const MAX_RATIO = 4;
const MIN_SERIES = 3;
/** Share of zero periods from which a series is too intermittent to contribute ratios. */
const MAX_ZERO_SHARE = 0.3;

/**
 * Profiles for `groups` groups plus one for the whole batch: (groups + 1) × m indices, row g for
 * group g, row `groups` for all series together. `group[i]` is series i's group (-1: none; it
 * still counts toward the whole batch), `phase[i]` the phase (0..m−1) of its first value.
 */
export function seasonProfiles(batch: SeriesBatch, group: Int32Array, phase: Int32Array, groups: number, m: number): Float64Array {
  const rows = groups + 1;
  const sum = new Float64Array(rows * m);
  const count = new Float64Array(rows * m);
  const contributors = new Int32Array(rows);
  const own = new Float64Array(m);
  const ownCount = new Float64Array(m);
  const { values, offsets } = batch;
  for (let i = 0; i < offsets.length - 1; i++) {
    // A long season from the series' last cycles only (recentCycles: the year is not 52 weeks),
    // a whole number of cycles in, so phase[i] still holds.
    const from = recentCycles(offsets[i + 1] - offsets[i], m);
    const start = offsets[i] + from;
    const n = offsets[i + 1] - start;
    if (!usable(values, start, n, m)) continue;
    own.fill(0);
    ownCount.fill(0);
    ratios(values, start, n, m, phase[i], own, ownCount);
    const g = group[i];
    for (const row of g >= 0 && g < groups ? [g, groups] : [groups]) {
      contributors[row]++;
      for (let p = 0; p < m; p++) {
        if (ownCount[p] === 0) continue;
        sum[row * m + p] += own[p] / ownCount[p];
        count[row * m + p] += 1;
      }
    }
  }
  const out = new Float64Array(rows * m).fill(1);
  const raw = new Float64Array(m);
  const width = 2 * Math.floor(m / 24) + 1;
  for (let row = 0; row < rows; row++) {
    const from = contributors[row] >= MIN_SERIES ? row : contributors[groups] >= MIN_SERIES ? groups : -1;
    if (from < 0) continue;
    for (let p = 0; p < m; p++) raw[p] = count[from * m + p] > 0 ? sum[from * m + p] / count[from * m + p] : 1;
    let mean = 0;
    for (let p = 0; p < m; p++) {
      let s = 0;
      for (let d = -(width >> 1); d <= width >> 1; d++) s += raw[(p + d + m) % m];
      out[row * m + p] = s / width;
      mean += s / width;
    }
    mean /= m;
    for (let p = 0; p < m; p++) out[row * m + p] /= mean;
  }
  return out;
}

/** A series contributes when it is finite throughout, longer than a cycle, positive on average and rarely empty. */
function usable(values: Float64Array, start: number, n: number, m: number): boolean {
  if (m < 2 || n <= m + 1) return false;
  let zeros = 0;
  let total = 0;
  for (let t = 0; t < n; t++) {
    const v = values[start + t];
    if (!Number.isFinite(v) || v < 0) return false;
    if (v === 0) zeros++;
    total += v;
  }
  return total > 0 && zeros < MAX_ZERO_SHARE * n;
}

/** Adds each value's ratio to its centred one-cycle moving average into own[phase], counting in ownCount. */
function ratios(values: Float64Array, start: number, n: number, m: number, phase0: number, own: Float64Array, ownCount: Float64Array): void {
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  let window = 0;
  for (let j = 0; j < m; j++) window += values[start + j];
  for (let t = half; t + half < n; t++) {
    const level = even ? (window + 0.5 * (values[start + t + half] - values[start + t - half])) / m : window / m;
    if (level > 0) {
      const p = (phase0 + t) % m;
      own[p] += Math.min(values[start + t] / level, MAX_RATIO);
      ownCount[p] += 1;
    }
    if (t - half + m < n) window += values[start + t - half + m] - values[start + t - half];
  }
}

/** Weeks of the year a weekly profile has (the year is 52.18 weeks; see recentCycles). */
export const WEEKS_PER_YEAR = 52;

/**
 * The year of a run whose periods are days and whose season is their week of `week` periods
 * (SharedSeasons.year): `start[i]` is the absolute period index of series i's first value, and
 * the period of the year is that index modulo 52 weeks.
 */
export function yearSeasons(batch: SeriesBatch, group: Int32Array, start: Int32Array, groups: number, week: number): NonNullable<SharedSeasons['year']> {
  const length = WEEKS_PER_YEAR * week;
  const phase = Int32Array.from(start, (p) => ((p % length) + length) % length);
  return { length, profiles: yearProfiles(batch, group, phase, groups, week), phase };
}

/**
 * Yearly profiles for runs whose periods are the days of a week of `week` periods: each series
 * summed into whole weeks of the year (a week starts where its period of the year is a multiple of
 * `week`), the weekly profiles of those sums (seasonProfiles, m = 52: a day's demand is too noisy
 * for an index of its own), then read back per period by linear interpolation between the weeks'
 * middles, so that a forecast climbs into its season instead of stepping at each week's start.
 * `phase[i]` is the period of the year (0 .. 52·week − 1) of series i's first value. Returns
 * (groups + 1) × 52·week indices, mean 1, rows as seasonProfiles'.
 */
function yearProfiles(batch: SeriesBatch, group: Int32Array, phase: Int32Array, groups: number, week: number): Float64Array {
  const year = WEEKS_PER_YEAR * week;
  const count = batch.offsets.length - 1;
  const offsets = new Int32Array(count + 1);
  const weekPhase = new Int32Array(count);
  const skip = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const n = batch.offsets[i + 1] - batch.offsets[i];
    skip[i] = (week - (phase[i] % week)) % week;
    weekPhase[i] = ((phase[i] + skip[i]) / week) % WEEKS_PER_YEAR;
    offsets[i + 1] = offsets[i] + Math.max(0, Math.floor((n - skip[i]) / week));
  }
  const values = new Float64Array(offsets[count]);
  for (let i = 0; i < count; i++) {
    const from = batch.offsets[i] + skip[i];
    for (let w = 0; w < offsets[i + 1] - offsets[i]; w++) {
      let sum = 0;
      for (let d = 0; d < week; d++) sum += batch.values[from + w * week + d];
      values[offsets[i] + w] = sum;
    }
  }
  const weekly = seasonProfiles({ values, offsets }, group, weekPhase, groups, WEEKS_PER_YEAR);
  const out = new Float64Array((groups + 1) * year);
  for (let row = 0; row <= groups; row++) {
    for (let p = 0; p < year; p++) {
      // Position in weeks from the middle of week 0.
      const x = (p + 0.5) / week - 0.5;
      const lower = Math.floor(x);
      const frac = x - lower;
      const a = ((lower % WEEKS_PER_YEAR) + WEEKS_PER_YEAR) % WEEKS_PER_YEAR;
      const b = (a + 1) % WEEKS_PER_YEAR;
      out[row * year + p] = (1 - frac) * weekly[row * WEEKS_PER_YEAR + a] + frac * weekly[row * WEEKS_PER_YEAR + b];
    }
  }
  return out;
}

/** Two-sided t beyond which a series' history counts as following its group's profile. */
const STRENGTH_T = 3;
/** Huber's tuning constant, in robust scales (1.4826 × the median absolute residual), and its reweighting steps. */
const HUBER_K = 1.345;
const HUBER_STEPS = 4;
// Scratch grown to the longest series: the fit's weights and residuals, and a copy to take a median of.
let weights = new Float64Array(0);
let residuals = new Float64Array(0);
let magnitudes = new Float64Array(0);

/**
 * How strongly series y[0..n) (first value at phase `phase0`) follows `profile` (mean 1): the fit
 * y_t = a + b·t + c·(s_t − 1) (without the trend b under one cycle) gives the seasonal swing c in
 * units; its strength is β = c / level, the level being the fit where the profile's index is 1
 * (at the history's middle), so the series' own indices are 1 + β·(s − 1). The fit is least
 * squares reweighted by Huber's weights, so a few promotion weeks neither hide a season nor make
 * one (the profiles clip their ratios for the same reason). Returns 0 unless c is positive and
 * significant (t above STRENGTH_T: residuals of weekly demand are autocorrelated, so the usual 2
 * would pass too easily).
 */
export function profileStrength(y: Float64Array, n: number, profile: Float64Array, offset: number, m: number, phase0: number): number {
  if (n < 8) return 0;
  if (weights.length < n) {
    weights = new Float64Array(n);
    residuals = new Float64Array(n);
  }
  const w = weights;
  w.fill(1, 0, n);
  let fit = seasonFit(y, n, profile, offset, m, phase0, w);
  for (let step = 0; step < HUBER_STEPS && fit; step++) {
    const scale = 1.4826 * medianAbs(residuals, n);
    if (!(scale > 0)) break;
    for (let t = 0; t < n; t++) {
      const r = Math.abs(residuals[t]);
      w[t] = r > HUBER_K * scale ? (HUBER_K * scale) / r : 1;
    }
    fit = seasonFit(y, n, profile, offset, m, phase0, w);
  }
  if (!fit) return 0;
  const { c, level, se } = fit;
  if (!(c > 0) || !(level > 0)) return 0;
  return se > 0 && c / se > STRENGTH_T ? c / level : se === 0 ? c / level : 0;
}

/** Median of |v[0..n)| (from a copy in `magnitudes`). */
function medianAbs(v: Float64Array, n: number): number {
  if (magnitudes.length < n) magnitudes = new Float64Array(n);
  for (let t = 0; t < n; t++) magnitudes[t] = Math.abs(v[t]);
  return median(magnitudes, n);
}

/**
 * Weighted least squares of y_t = a + b·t + c·(s_t − 1) (without b under one cycle), centred for
 * stability; writes the residuals. Returns the swing c, the level where the profile's index is 1
 * (the fit at the history's weighted middle) and c's standard error; null when degenerate.
 */
function seasonFit(y: Float64Array, n: number, profile: Float64Array, offset: number, m: number, phase0: number, w: Float64Array): { c: number; level: number; se: number } | null {
  let sw = 0;
  let tMean = 0;
  let sMean = 0;
  let yMean = 0;
  for (let t = 0; t < n; t++) {
    sw += w[t];
    tMean += w[t] * t;
    sMean += w[t] * (profile[offset + ((phase0 + t) % m)] - 1);
    yMean += w[t] * y[t];
  }
  tMean /= sw;
  sMean /= sw;
  yMean /= sw;
  if (!(yMean > 0)) return null;
  let tt = 0;
  let ts = 0;
  let ss = 0;
  let ty = 0;
  let sy = 0;
  for (let t = 0; t < n; t++) {
    const dt = t - tMean;
    const ds = profile[offset + ((phase0 + t) % m)] - 1 - sMean;
    const dy = y[t] - yMean;
    tt += w[t] * dt * dt;
    ts += w[t] * dt * ds;
    ss += w[t] * ds * ds;
    ty += w[t] * dt * dy;
    sy += w[t] * ds * dy;
  }
  if (!(ss > 0)) return null;
  // Less than a cycle: over part of a season a trend and the season are one slope, and a fitted
  // trend takes the swing (or doubles it). A new item's history is read as level and season.
  const trend = n >= m;
  const det = tt * ss - ts * ts;
  if (trend && !(det > 1e-12 * tt * ss)) return null;
  const b = trend ? (ss * ty - ts * sy) / det : 0;
  const c = trend ? (tt * sy - ts * ty) / det : sy / ss;
  let rss = 0;
  for (let t = 0; t < n; t++) {
    const r = y[t] - yMean - b * (t - tMean) - c * (profile[offset + ((phase0 + t) % m)] - 1 - sMean);
    residuals[t] = r;
    rss += w[t] * r * r;
  }
  const variance = rss / (n - (trend ? 3 : 2));
  // The swing relative to the series' level where the profile's index is 1: the mean is that
  // level only over whole cycles, and a history of part of a year (a winter line launched in
  // spring) sits in one part of its season, where c / mean(y) misstates the swing (a winter
  // line's summer mean is a fraction of its level).
  return { c, level: yMean - c * sMean, se: Math.sqrt(trend ? (variance * tt) / det : variance / ss) };
}
