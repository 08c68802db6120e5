/**
 * Seasonal lines in the demo (issue 11): two years of weekly history hold two cycles, too few for
 * an item's own 52 indices, so the engine borrows its category's pooled profile where the item's
 * history follows it. On every demo item with a real yearly season and the whole two years of
 * history (the generator's amplitude ≥ 0.3, fast or medium movers: the winter, garden and summer
 * lines), the forecast over the five
 * weeks around its peak must exceed the forecast around its trough half a year later; without the
 * shared profiles most of them are forecast flat or the wrong way round.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastBatch, type BatchForecast } from '../../lib/forecast';
import { periodStart } from '../../lib/inventory/periods';
import { seasonFactor, yearDayOf } from '../../lib/demo/demand';
import { demoSet, demoSharedSeasons, expectedWeek, type DemoBenchmarkSet } from './demo';

const H = 52;
let set: DemoBenchmarkSet;
let withProfiles: BatchForecast;
let withoutProfiles: BatchForecast;

beforeAll(() => {
  set = demoSet({ items: 800, days: 730, horizon: H, heldOut: 0 });
  withProfiles = forecastBatch(set.train.batch, set.settings, undefined, demoSharedSeasons(set));
  withoutProfiles = forecastBatch(set.train.batch, set.settings);
}, 120_000);

/** Day of the year (0-based) of the middle of forecast week k. */
function yearDay(k: number): number {
  const date = new Date((periodStart('week', set.forecastPeriod + k) + 3) * 86_400_000);
  return (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / 86_400_000;
}

/** Mean forecast of series i over the weeks whose middle lies within 17 days of `day` of the year. */
function around(result: BatchForecast, i: number, day: number): number {
  let sum = 0;
  let count = 0;
  for (let k = 0; k < H; k++) {
    const d = Math.abs(yearDay(k) - day);
    if (Math.min(d, 365 - d) > 17) continue;
    sum += result.point[i * H + k]!;
    count++;
  }
  return sum / count;
}

function seasonalItems(): number[] {
  return set.items.flatMap((item, i) =>
    item.season >= 0.3 && (item.movement === 'fast' || item.movement === 'medium') && item.sellingFor === Infinity ? [i] : [],
  );
}

describe('the demo’s seasonal lines, two years of weekly history, 52 weeks ahead', () => {
  it('forecast more for the peak season than for the trough', () => {
    const items = seasonalItems();
    expect(items.length).toBeGreaterThan(50);
    const categories = new Set(items.map((i) => set.items[i]!.category));
    expect([...categories]).toEqual(expect.arrayContaining(['Winter', 'Garden', 'Beverages']));
    const wrong = items.filter((i) => !(around(withProfiles, i, set.items[i]!.peakDay) > around(withProfiles, i, (set.items[i]!.peakDay + 182) % 365)));
    // The few left are mostly items whose own history does not pass the profile test.
    expect(wrong.length, wrong.map((i) => `${set.items[i]!.code}:${set.items[i]!.season.toFixed(2)}`).join(' ')).toBeLessThanOrEqual(Math.ceil(0.1 * items.length));
  });

  it('the winter line peaks in the winter: January above November and above July', () => {
    const winter = seasonalItems().filter((i) => set.items[i]!.category === 'Winter');
    expect(winter.length).toBeGreaterThan(5);
    for (const i of winter) {
      expect(around(withProfiles, i, 15)).toBeGreaterThan(around(withProfiles, i, 196));
      expect(withProfiles.seasonal[i]).toBe(1);
    }
  });

  it('without the shared profiles far fewer are (the profiles carry it), and none is forecast as seasonal', () => {
    const items = seasonalItems();
    const right = (result: BatchForecast) =>
      items.filter((i) => around(result, i, set.items[i]!.peakDay) > around(result, i, (set.items[i]!.peakDay + 182) % 365)).length;
    expect(right(withoutProfiles)).toBeLessThanOrEqual(right(withProfiles) - 0.2 * items.length);
    expect(items.filter((i) => withoutProfiles.seasonal[i] === 1)).toEqual([]);
  });

  it('items without a season are left without one', () => {
    const flat = set.items.flatMap((item, i) => (item.season < 0.05 && item.movement === 'fast' ? [i] : []));
    const seasonal = flat.filter((i) => withProfiles.seasonal[i] === 1);
    expect(seasonal.length).toBeLessThanOrEqual(Math.ceil(0.2 * flat.length));
  });
});

/**
 * Lines launched less than a year ago (the generator's `sellingFor`): part of one season is all
 * their history, so how much of it is season and how much level is read against their category's
 * profile (profiles.ts, profileStrength). A winter line launched in spring, its whole history in
 * summer's trough, was forecast at three and a half times its coming winter when its swing was
 * measured against its summer mean.
 */
describe('the demo’s lines launched within the year, against what the generator expects of them', () => {
  const WEEKS = 26;
  let launched: DemoBenchmarkSet;
  let forecast: BatchForecast;
  let items: number[];

  beforeAll(() => {
    launched = demoSet({ items: 2000, days: 730, horizon: WEEKS, heldOut: 0 });
    const shared = demoSharedSeasons(launched); // profiles from the whole catalogue, as the pipeline's
    items = launched.items.flatMap((item, i) => (item.sellingFor !== Infinity && (item.movement === 'fast' || item.movement === 'medium') ? [i] : []));
    const { values, offsets } = launched.train.batch;
    const subset = { values: new Float64Array(values.length), offsets: new Int32Array(items.length + 1) };
    items.forEach((i, k) => {
      subset.values.set(values.subarray(offsets[i]!, offsets[i + 1]!), subset.offsets[k]!);
      subset.offsets[k + 1] = subset.offsets[k]! + offsets[i + 1]! - offsets[i]!;
    });
    forecast = forecastBatch(subset, launched.settings, undefined, {
      profiles: shared.profiles,
      group: Int32Array.from(items, (i) => shared.group[i]!),
      phase: Int32Array.from(items, (i) => shared.phase[i]!),
    });
  }, 120_000);

  it('those that follow their category’s season are forecast near what it brings them', () => {
    const seasonal = items.flatMap((i, k) => (forecast.seasonal[k] === 1 ? [[i, k] as const] : []));
    expect(seasonal.length).toBeGreaterThanOrEqual(5);
    expect(seasonal.map(([i]) => launched.items[i]!.code)).toContain('SKU-000209'); // Hand Warmers XL, launched in April
    for (const [i, k] of seasonal) {
      let forecastSum = 0;
      let expectedSum = 0;
      for (let w = 0; w < WEEKS; w++) {
        forecastSum += forecast.point[k * WEEKS + w]!;
        expectedSum += expectedWeek(launched, i, w);
      }
      const item = launched.items[i]!;
      expect(forecastSum / expectedSum, `${item.code} ${item.category}, selling for ${item.sellingFor} days`).toBeGreaterThan(0.6);
      expect(forecastSum / expectedSum, `${item.code} ${item.category}, selling for ${item.sellingFor} days`).toBeLessThan(1.6);
    }
  });
});

/**
 * The same lines forecast by day (lib/forecast/README.md, "The year in daily runs"): the methods
 * model the week, and the year comes from the category's weekly profile, read back per day. Over
 * the 91 days ahead of two years of daily history, wherever the generator's season moves by a
 * quarter or more from the first month to the last, the forecast must move the same way; with the
 * week alone most are forecast flat.
 */
describe('the demo’s seasonal lines by day, two years of daily history, 91 days ahead', () => {
  const H = 91;
  const MONTH = 30;
  let days: DemoBenchmarkSet;
  let items: number[];
  let withYear: BatchForecast;
  let weekOnly: BatchForecast;

  /** Mean of the last month over the mean of the first, per item k of the forecast. */
  const move = (result: BatchForecast, k: number) => {
    let first = 0;
    let last = 0;
    for (let d = 0; d < MONTH; d++) {
      first += result.point[k * H + d]!;
      last += result.point[k * H + H - MONTH + d]!;
    }
    return last / first;
  };
  const expectedMove = (i: number) => {
    let first = 0;
    let last = 0;
    for (let d = 0; d < MONTH; d++) {
      first += seasonFactor(days.items[i]!, yearDayOf(days.forecastPeriod + d));
      last += seasonFactor(days.items[i]!, yearDayOf(days.forecastPeriod + H - MONTH + d));
    }
    return last / first;
  };

  beforeAll(() => {
    days = demoSet({ items: 400, days: 730, period: 'day', heldOut: 0 });
    expect(days.settings.horizon).toBe(H);
    const shared = demoSharedSeasons(days); // profiles from the whole catalogue, as the pipeline's
    items = days.items.flatMap((item, i) =>
      item.season >= 0.3 && (item.movement === 'fast' || item.movement === 'medium') && item.sellingFor === Infinity && Math.abs(expectedMove(i) - 1) >= 0.25 ? [i] : [],
    );
    const { values, offsets } = days.train.batch;
    const subset = { values: new Float64Array(values.length), offsets: new Int32Array(items.length + 1) };
    items.forEach((i, k) => {
      subset.values.set(values.subarray(offsets[i]!, offsets[i + 1]!), subset.offsets[k]!);
      subset.offsets[k + 1] = subset.offsets[k]! + offsets[i + 1]! - offsets[i]!;
    });
    const pick = (column: Int32Array) => Int32Array.from(items, (i) => column[i]!);
    const week = { profiles: shared.profiles, group: pick(shared.group), phase: pick(shared.phase) };
    const year = shared.year!;
    withYear = forecastBatch(subset, days.settings, undefined, { ...week, year: { length: year.length, profiles: year.profiles, phase: pick(year.phase) } });
    weekOnly = forecastBatch(subset, days.settings, undefined, week);
  }, 180_000);

  it('the forecast’s last month against its first moves as the season does', () => {
    expect(items.length).toBeGreaterThan(15);
    const categories = new Set(items.map((i) => days.items[i]!.category));
    expect([...categories]).toEqual(expect.arrayContaining(['Winter']));
    const wrong = items.filter((i, k) => !(Math.sign(move(withYear, k) - 1) === Math.sign(expectedMove(i) - 1) && Math.abs(move(withYear, k) - 1) >= 0.05));
    expect(wrong.length, wrong.map((i) => `${days.items[i]!.code} ${days.items[i]!.category}`).join(', ')).toBeLessThanOrEqual(Math.ceil(0.1 * items.length));
    expect(items.filter((_, k) => withYear.seasonal[k] !== 1)).toEqual([]);
  });

  it('with the week alone far fewer do (the year carries it)', () => {
    const right = (result: BatchForecast) =>
      items.filter((i, k) => Math.sign(move(result, k) - 1) === Math.sign(expectedMove(i) - 1) && Math.abs(move(result, k) - 1) >= 0.05).length;
    expect(right(weekOnly)).toBeLessThanOrEqual(right(withYear) - 0.3 * items.length);
  });
});
