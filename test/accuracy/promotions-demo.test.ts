/**
 * Promotions in the demo: its fast and medium movers run promotions at random dates (two to three
 * times the sales for one to two weeks) and some take pallet orders. The member pool's held-back
 * test decides whether such spikes are set aside before fitting (lib/forecast/engine/pool.ts); on
 * the demo it must decide so, and the forecasts of the 26 weeks held out must gain by it, stay
 * unbiased (promotions keep coming at dates nobody told the engine) and keep their bands' cover.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { forecastBatch, memberPool, pooledSettings, type BatchForecast, type MemberPool } from '../../lib/forecast';
import { demoSet, demoSharedSeasons, type DemoBenchmarkSet } from './demo';
import { scoreSet } from './sets';

let set: DemoBenchmarkSet;
let pool: MemberPool;
let cleaned: BatchForecast;
let raw: BatchForecast;

beforeAll(() => {
  set = demoSet({ items: 600 });
  const shared = demoSharedSeasons(set);
  pool = memberPool(set.train.batch, set.settings, shared);
  cleaned = forecastBatch(set.train.batch, pooledSettings(set.settings, pool), undefined, shared);
  raw = forecastBatch(set.train.batch, { ...pooledSettings(set.settings, pool), cleanPromotions: false }, undefined, shared);
}, 120_000);

describe('promotions in the demo', () => {
  it('the member pool sets promotion-like spikes aside, on the evidence of its held-back test', () => {
    expect(pool.cleanPromotions).toBe(true);
    expect(pool.promotionSeries).toBeGreaterThanOrEqual(30);
    expect(pool.promotionRatio).toBeLessThan(1);
  });

  it('forecasts the weeks held out better than from the raw histories, unbiased, with the bands’ cover kept', () => {
    const c = scoreSet(set, cleaned);
    const r = scoreSet(set, raw);
    expect(c.mase).toBeLessThan(r.mase);
    expect(c.smape).toBeLessThan(r.smape);
    expect(Math.abs(c.bias)).toBeLessThan(0.05);
    expect(c.coverage80).toBeGreaterThan(0.75);
    expect(c.coverage80).toBeLessThan(0.9);
    expect(c.coverage95).toBeGreaterThan(0.92);
  });

  it('does not carry a promotion week at the end of a history forward', () => {
    const h = set.settings.horizon;
    const { values, offsets } = set.train.batch;
    let ending = 0;
    let lower = 0;
    for (let i = 0; i < set.train.ids.length; i++) {
      const end = offsets[i + 1]!;
      if (end - offsets[i]! < 40) continue;
      const before = Array.from(values.subarray(end - 14, end - 1)).sort((a, b) => a - b)[6]!;
      // A week over twice the median of the 13 before it, on an item selling at least ten a week.
      if (!(values[end - 1]! > 2 * before && before >= 10)) continue;
      ending++;
      if (cleaned.point[i * h]! < raw.point[i * h]!) lower++;
    }
    expect(ending).toBeGreaterThan(10);
    expect(lower / ending).toBeGreaterThan(0.8);
  });
});
