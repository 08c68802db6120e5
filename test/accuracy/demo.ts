/**
 * The demo data set (lib/demo) as a benchmark set: each item's daily demand exactly as the demo
 * generator draws it, bucketed into periods as the pipeline does (ISO weeks by default; complete
 * periods only, from the item's first period with a sale), the last `horizon` periods held
 * out. Three years of days give ~156 weeks, so the tail reaches the pipeline's default horizon
 * (26 weeks) with a yearly season (m = 52) to test for. `actual` holds `heldOut` periods per
 * series. Days and months use the pipeline's defaults too (h = 91, m = 7; h = 12, m = 12).
 */
import { demoItem, type DemoItem } from '../../lib/demo/catalog';
import { calendar, dailyDemand, seasonFactor, yearDayOf } from '../../lib/demo/demand';
import { DEMO_END, DEMO_SEED } from '../../lib/demo/generate';
import { Rng } from '../../lib/demo/random';
import { periodOf, periodStart, type Period } from '../../lib/inventory/periods';
import { firstCompletePeriod, lastCompletePeriod } from '../../lib/pipeline/demand';
import { parseIsoDay } from '../../lib/store/days';
import { seasonProfiles, yearSeasons, type SharedSeasons } from '../../lib/forecast';
import type { BenchmarkSet } from './sets';

export interface DemoSetOptions {
  items: number;
  days?: number;
  period?: Period;
  horizon?: number;
  /** Periods held out at the end (default: the horizon); 0 forecasts from the end, as the pipeline does. */
  heldOut?: number;
}

const DEFAULTS: Record<Period, { horizon: number; season: number }> = {
  day: { horizon: 91, season: 7 },
  week: { horizon: 26, season: 52 },
  month: { horizon: 12, season: 12 },
};

export interface DemoBenchmarkSet extends BenchmarkSet {
  /** Per series: the demo item's movement class (fast, medium, slow, dead). */
  movement: string[];
  /** Per series: the demo item itself (category, season, peak day, …). */
  items: DemoItem[];
  /** Per series: the absolute period index of its first value (the pipeline's phase source). */
  firstPeriod: Int32Array;
  /** The periods the days are bucketed into. */
  period: Period;
  /** The absolute period index of the first forecast period (after the kept history). */
  forecastPeriod: number;
}

export function demoSet({ items, days = 1095, period = 'week', horizon = DEFAULTS[period].horizon, heldOut = horizon }: DemoSetOptions): DemoBenchmarkSet {
  const last = parseIsoDay(DEMO_END);
  const cal = calendar(last - days + 1, last);
  // Complete periods only, as the pipeline buckets them.
  const endPeriod = lastCompletePeriod(period, last);
  const firstPeriod = firstCompletePeriod(period, cal.first);
  const periods = endPeriod - firstPeriod + 1;
  const bucketed = new Float64Array(periods);
  const kept: number[] = [];
  const offsets = [0];
  const actual: number[] = [];
  const ids: string[] = [];
  const movement: string[] = [];
  const keptItems: DemoItem[] = [];
  const firsts: number[] = [];
  for (let i = 0; i < items; i++) {
    const item = demoItem(DEMO_SEED, i);
    // The generator's own stream for this item's sales (generateDemo draws demand first).
    const demand = dailyDemand(item, cal, new Rng(DEMO_SEED ^ 0x5a1e5, i));
    bucketed.fill(0);
    let first = periods;
    for (let t = 0; t < demand.length; t++) {
      const w = periodOf(period, cal.first + t) - firstPeriod;
      if (w < 0 || w >= periods || !(demand[t]! > 0)) continue;
      bucketed[w] += demand[t]!;
      if (w < first) first = w;
    }
    // An item needs a history before the held-out tail (new items may not have one).
    if (first >= periods - heldOut - 1) continue;
    for (let w = first; w < periods - heldOut; w++) kept.push(bucketed[w]!);
    for (let w = periods - heldOut; w < periods; w++) actual.push(bucketed[w]!);
    offsets.push(kept.length);
    ids.push(item.code);
    movement.push(item.movement);
    keptItems.push(item);
    firsts.push(firstPeriod + first);
  }
  return {
    name: `demo ${period} (${ids.length})`,
    train: {
      ids,
      firstT: new Int32Array(ids.length),
      batch: { values: Float64Array.from(kept), offsets: Int32Array.from(offsets) },
    },
    actual: Float64Array.from(actual),
    settings: { horizon, season: DEFAULTS[period].season, levels: [80, 95], nonNegative: true },
    intermittent: false,
    movement,
    items: keptItems,
    firstPeriod: Int32Array.from(firsts),
    period,
    forecastPeriod: firstPeriod + periods - heldOut,
  };
}

/**
 * The demo's categories as the engine's seasonal groups, with the profiles estimated from every
 * series of the set, as the pipeline does for a catalogue.
 */
export function demoSharedSeasons(set: DemoBenchmarkSet): SharedSeasons {
  const m = set.settings.season;
  const names = [...new Set(set.items.map((item) => item.category))].sort();
  const group = Int32Array.from(set.items, (item) => names.indexOf(item.category));
  const phase = Int32Array.from(set.firstPeriod, (p) => ((p % m) + m) % m);
  const shared: SharedSeasons = { profiles: seasonProfiles(set.train.batch, group, phase, names.length, m), group, phase };
  // Days: the week is the season, and the year comes from the categories' weekly profiles.
  if (set.period === 'day') shared.year = yearSeasons(set.train.batch, group, set.firstPeriod, names.length, m);
  return shared;
}

/**
 * What the generator expects series i of a weekly set to sell in forecast week k: level × trend ×
 * season, plus the mean of its wholesale orders. Promotions are left out: none is planned ahead.
 */
export function expectedWeek(set: DemoBenchmarkSet, i: number, k: number): number {
  const item = set.items[i]!;
  const last = parseIsoDay(DEMO_END);
  const start = periodStart('week', set.forecastPeriod + k);
  let sum = 0;
  for (let day = start; day < start + 7; day++) {
    sum += item.level * Math.exp((-item.trendPerYear * (last - day)) / 365) * seasonFactor(item, yearDayOf(day));
    sum += (item.palletOrdersPerYear / 365) * item.palletUnits;
  }
  return sum;
}
