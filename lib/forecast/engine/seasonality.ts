import { profileStrength } from '../profiles';
import { decompose, isSeasonal, recentCycles } from '../season';
import type { SharedSeasons } from '../types';

/** Seasons longer than this are not modelled by the methods themselves (R's ets and auto.arima stop at 24). */
export const MAX_METHOD_SEASON = 24;
/** Cycles of its own history below which a series takes its group's profile (when it follows it). */
const OWN_CYCLES = 3;
/** Lowest seasonal index applied: a trough never divides by (almost) nothing. */
const MIN_INDEX = 0.05;

export const SEASON_NONE = 0;
/** Seasonality by the methods themselves (m ≤ 24) or the series' own decomposition. */
export const SEASON_OWN = 1;
/** Seasonality from the series' group profile. */
export const SEASON_GROUP = 2;

/**
 * How the season of one regular series is handled, and the seasonally adjusted history when the
 * engine adjusts it itself (the methods then run without a season and the indices are restored
 * on their forecasts). First, in a daily run (SharedSeasons.year), a series that follows its
 * group's year is divided by it, and what follows sees that history; the year is restored with
 * the season. Then:
 * 1. The series follows its group's shared profile (profileStrength) and its own history is short
 *    (under OWN_CYCLES cycles, or any length for seasons over MAX_METHOD_SEASON, where 52 indices
 *    per item cannot be estimated from a few years): indices 1 + β·(s − 1) from the profile.
 * 2. Seasons over MAX_METHOD_SEASON with two cycles and a season that passes the test: the
 *    series' own classical decomposition (multiplicative on positive data).
 * 3. Otherwise the methods see the raw series with its season m (≤ MAX_METHOD_SEASON) and decide
 *    themselves (AutoETS and AutoARIMA by their own criteria, Theta by its test).
 * A long season's group strength, test and decomposition read only the last cycles of a longer
 * history (recentCycles in ../season.ts).
 */
export class Seasonality {
  /** Per phase of the current series: its index (multiplicative when `multiplicative`). */
  readonly index: Float64Array;
  multiplicative = true;
  /** SEASON_NONE, SEASON_OWN or SEASON_GROUP. */
  source = SEASON_NONE;
  /** The engine adjusts the series itself (index applies); else the methods see the season. */
  adjusted = false;
  /** Phase of the current series' first value. */
  phase0 = 0;
  /**
   * The current series follows its group's year (SharedSeasons.year, daily runs): the history is
   * divided by 1 + β·(s − 1) of that profile before the season above is decided, and the methods
   * see it so adjusted (`z`), with their own week.
   */
  yearly = false;
  private yearIndex = new Float64Array(0);
  private yearLength = 1;
  private yearPhase0 = 0;
  private byYear = new Float64Array(0);
  private scratch = new Float64Array(0);
  /** Per period: the index `reseason` puts back. */
  private restore = new Float64Array(0);

  constructor(private readonly m: number) {
    this.index = new Float64Array(Math.max(1, m));
  }

  /** No season and no year: demand the engine does not adjust (intermittent, flat). */
  clear(): void {
    this.source = SEASON_NONE;
    this.adjusted = false;
    this.yearly = false;
  }

  /**
   * Decides for series values[0..n) (series `i` of the batch, first value `first` periods into
   * it); writes z, the history the methods see, when the year or the season is taken out.
   */
  decide(values: Float64Array, n: number, z: Float64Array, positive: boolean, shared: SharedSeasons | undefined, i: number, first: number): void {
    const m = this.m;
    this.adjusted = false;
    this.yearly = false;
    this.source = SEASON_NONE;
    this.multiplicative = true;
    this.phase0 = shared ? (((shared.phase[i] + first) % m) + m) % m : 0;
    const g = shared ? shared.group[i] : -1;
    const y = shared?.year && g >= 0 && this.followsYear(values, n, shared.year, g, i, first) ? this.byYear : values;
    this.decideSeason(y, n, z, positive, shared, g);
    if (this.yearly && !this.adjusted) z.set(y.subarray(0, n));
  }

  /** Whether series values[0..n) follows its group's year; if so, its indices and the adjusted history (byYear). */
  private followsYear(values: Float64Array, n: number, year: NonNullable<SharedSeasons['year']>, g: number, i: number, first: number): boolean {
    const length = year.length;
    this.yearLength = length;
    this.yearPhase0 = (((year.phase[i] + first) % length) + length) % length;
    if (this.yearIndex.length < length) this.yearIndex = new Float64Array(length);
    if (!followedProfile(values, n, year.profiles, g, length, this.yearPhase0, this.yearIndex)) return false;
    if (this.byYear.length < n) this.byYear = new Float64Array(n);
    this.yearly = true;
    for (let t = 0; t < n; t++) this.byYear[t] = values[t] / this.yearAt(t);
    return true;
  }

  private yearAt(t: number): number {
    return this.yearIndex[(this.yearPhase0 + t) % this.yearLength];
  }

  private decideSeason(y: Float64Array, n: number, z: Float64Array, positive: boolean, shared: SharedSeasons | undefined, g: number): void {
    const m = this.m;
    if (m < 2) return;
    const long = m > MAX_METHOD_SEASON;
    // A long season is judged on the last cycles only (recentCycles: the year is not 52 weeks);
    // they start a whole number of cycles in, so the first value's phase is the series' own.
    const from = recentCycles(n, m);
    const recent = from > 0 ? y.subarray(from, n) : y;
    if (shared && g >= 0 && (long || n < OWN_CYCLES * m) && followedProfile(y, n, shared.profiles, g, m, this.phase0, this.index)) {
      this.apply(y, n, z, SEASON_GROUP);
      return;
    }
    if (this.scratch.length < Math.max(n, 3 * m)) this.scratch = new Float64Array(Math.max(n, 3 * m));
    if (!isSeasonal(recent, n - from, m, this.scratch)) return;
    this.source = SEASON_OWN;
    if (!long) return;
    if (n < 2 * m) {
      this.source = SEASON_NONE;
      return;
    }
    this.multiplicative = positive;
    // Own indices are by t mod m of this series (group profiles by calendar phase, see at()).
    decompose(recent, n - from, m, positive, this.index, this.scratch);
    this.apply(y, n, z, SEASON_OWN);
  }

  /** Adjusts y (already divided by the year where it applies) by the season's indices into z. */
  private apply(y: Float64Array, n: number, z: Float64Array, source: number): void {
    this.source = source;
    this.adjusted = true;
    for (let t = 0; t < n; t++) z[t] = this.multiplicative ? y[t] / this.at(t) : y[t] - this.at(t);
  }

  /** The index of period t of the current series (t counted from its first value). */
  private at(t: number): number {
    return this.source === SEASON_GROUP ? this.index[(this.phase0 + t) % this.m] : this.index[t % this.m];
  }

  /**
   * Forecasts from origins from..n (row t − 1 of `fc`, h steps; origin t forecasts period t + k at
   * step k + 1) back in the series' units: the engine's season, then the year, put back. The
   * indices are looked up once per period, not once per forecast.
   */
  reseason(fc: Float64Array, from: number, n: number, h: number): void {
    const last = n + h - 1;
    if (this.restore.length <= last) this.restore = new Float64Array(2 * (last + 1));
    const { restore } = this;
    if (this.adjusted) {
      for (let t = from; t <= last; t++) restore[t] = this.at(t);
      for (let t = from; t <= n; t++) {
        const row = (t - 1) * h;
        if (this.multiplicative) for (let k = 0; k < h; k++) fc[row + k] *= restore[t + k];
        else for (let k = 0; k < h; k++) fc[row + k] += restore[t + k];
      }
    }
    if (this.yearly) {
      for (let t = from; t <= last; t++) restore[t] = this.yearAt(t);
      for (let t = from; t <= n; t++) {
        const row = (t - 1) * h;
        for (let k = 0; k < h; k++) fc[row + k] *= restore[t + k];
      }
    }
  }
}

/**
 * Where series y[0..n) follows row g of `profiles` (cycles of `length` periods; profileStrength on
 * its last cycles, recentCycles), its own indices 1 + β·(s − 1) into `into`; false where it does not.
 */
function followedProfile(y: Float64Array, n: number, profiles: Float64Array, g: number, length: number, phase0: number, into: Float64Array): boolean {
  const from = recentCycles(n, length);
  const beta = profileStrength(from > 0 ? y.subarray(from, n) : y, n - from, profiles, g * length, length, phase0);
  if (!(beta > 0)) return false;
  for (let p = 0; p < length; p++) into[p] = Math.max(MIN_INDEX, 1 + beta * (profiles[g * length + p] - 1));
  return true;
}
