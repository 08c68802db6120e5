/**
 * The demo data set (lib/demo) as a benchmark set: each item's daily demand exactly as the demo
 * generator draws it, bucketed into ISO weeks as the pipeline does (from the item's first week
 * with a sale to the last complete week), the last `horizon` weeks held out. Three years of days
 * give ~156 weeks, so the tail reaches the pipeline's default horizon (26 weeks) with a yearly
 * season (m = 52) to test for. `actual` holds `heldOut` weeks per series.
 */
import { demoItem } from '../../lib/demo/catalog';
import { calendar, dailyDemand } from '../../lib/demo/demand';
import { DEMO_END, DEMO_SEED } from '../../lib/demo/generate';
import { Rng } from '../../lib/demo/random';
import { periodOf } from '../../lib/inventory/periods';
import { parseIsoDay } from '../../lib/store/days';
import type { BenchmarkSet } from './sets';

export interface DemoSetOptions {
  items: number;
  days?: number;
  horizon?: number;
  /** Weeks held out at the end (default: the horizon); 0 forecasts from the end, as the pipeline does. */
  heldOut?: number;
}

export interface DemoBenchmarkSet extends BenchmarkSet {
  /** Per series: the demo item's movement class (fast, medium, slow, dead). */
  movement: string[];
}

export function demoWeeklySet({ items, days = 1095, horizon = 26, heldOut = horizon }: DemoSetOptions): DemoBenchmarkSet {
  const last = parseIsoDay(DEMO_END);
  const cal = calendar(last - days + 1, last);
  // The last complete week: the one before the week holding the day after the last day.
  const endWeek = periodOf('week', last + 1) - 1;
  const firstWeek = periodOf('week', cal.first);
  const weeks = endWeek - firstWeek + 1;
  const weekly = new Float64Array(weeks);
  const kept: number[] = [];
  const offsets = [0];
  const actual: number[] = [];
  const ids: string[] = [];
  const movement: string[] = [];
  for (let i = 0; i < items; i++) {
    const item = demoItem(DEMO_SEED, i);
    // The generator's own stream for this item's sales (generateDemo draws demand first).
    const demand = dailyDemand(item, cal, new Rng(DEMO_SEED ^ 0x5a1e5, i));
    weekly.fill(0);
    let first = weeks;
    for (let t = 0; t < demand.length; t++) {
      const w = periodOf('week', cal.first + t) - firstWeek;
      if (w >= weeks || !(demand[t]! > 0)) continue;
      weekly[w] += demand[t]!;
      if (w < first) first = w;
    }
    // An item needs a history before the held-out tail (new items may not have one).
    if (first >= weeks - heldOut - 1) continue;
    for (let w = first; w < weeks - heldOut; w++) kept.push(weekly[w]!);
    for (let w = weeks - heldOut; w < weeks; w++) actual.push(weekly[w]!);
    offsets.push(kept.length);
    ids.push(item.code);
    movement.push(item.movement);
  }
  return {
    name: `demo weekly (${ids.length})`,
    train: {
      ids,
      firstT: new Int32Array(ids.length),
      batch: { values: Float64Array.from(kept), offsets: Int32Array.from(offsets) },
    },
    actual: Float64Array.from(actual),
    settings: { horizon, season: 52, levels: [80, 95], nonNegative: true },
    intermittent: false,
    movement,
  };
}
