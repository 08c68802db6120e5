/**
 * The item API after a real run on two years of demo data (issue 11):
 * - every leaderboard's winner is best on the figure shown beside it (the backtest error) among
 *   the candidates, the other rows marked as reference (the methods alone and the benchmarks on
 *   regular demand, naive on intermittent) or refused by the bias guard, and that figure is the
 *   item's own error;
 * - the demo's seasonal lines are forecast with their season (more where the generator's yearly
 *   curve is high than where it is low, within the 26-week horizon), and the inventory figures
 *   follow that forecast: the demand over the lead time is the forecast summed over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ItemDetail, ItemForecast } from '@/lib/dashboard/types';
import { demoItem } from '@/lib/demo/catalog';
import { DEMO_SEED } from '@/lib/demo/generate';
import { createPool, runPipeline, type RunSummary } from '@/lib/pipeline';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

const ITEMS = 300;
const DAY = 86_400_000;

describe('item forecasts over HTTP, two years of demo history', () => {
  const tmp = tempDir();
  let server: RunningServer;
  const forecasts = new Map<number, ItemForecast>();
  let summary: RunSummary;

  beforeAll(async () => {
    const store = await demoStore(tmp.dir, { items: ITEMS, days: 730 });
    const pool = createPool({ threads: 2 });
    try {
      summary = await runPipeline({ store, origin: 'cli', pool });
    } finally {
      await pool.destroy();
      store.close();
    }
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
    for (let index = 0; index < ITEMS; index++) {
      const code = demoItem(DEMO_SEED, index).code;
      const detail = (await (await fetch(`${server.url}/api/items/${code}`)).json()) as ItemDetail;
      if (detail.forecast) forecasts.set(index, detail.forecast);
    }
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('every winner is best on the figure shown beside it', () => {
    expect(forecasts.size).toBe(ITEMS);
    let scored = 0;
    for (const f of forecasts.values()) {
      const winner = f.leaderboard.find((r) => r.winner)!;
      expect(winner.model).toBe(f.model);
      if (winner.error === null) continue;
      scored++;
      expect(winner.error).toBe(f.error);
      for (const r of f.leaderboard) {
        if (r.error === null || r.winner || r.error >= winner.error) continue;
        expect(!r.eligible || r.failedBiasGuard, `${r.model} ${r.error} below ${winner.model} ${winner.error}`).toBe(true);
      }
    }
    expect(scored).toBeGreaterThan(0.8 * ITEMS);
  });

  it('regular demand says which method came closest to the combination in the run’s held-back test, and how close', () => {
    const pool = summary.pool!;
    expect(pool.members.length).toBeGreaterThan(1);
    expect(pool.series).toBeGreaterThanOrEqual(30);
    const lowest = Math.min(...pool.ratio);
    const expected = { member: pool.members[pool.ratio.indexOf(lowest)], ratio: lowest, series: pool.series, margin: 0.85 };
    const regular = [...forecasts.values()].filter((f) => !f.choice.intermittent && !f.choice.pinned);
    expect(regular.length).toBeGreaterThan(ITEMS / 2);
    for (const f of regular) expect(f.choice.closest).toEqual(expected);
    for (const f of forecasts.values()) if (f.choice.intermittent) expect(f.choice.closest).toBeNull();
  });

  it('the weeks set aside as promotions before fitting are named on the item: spikes above the weeks before them, on regular demand only', () => {
    // The demo's promotions and pallet orders: the run's held-back test set such spikes aside.
    expect(summary.pool!.cleanPromotions).toBe(true);
    const withPromotions = [...forecasts.values()].filter((f) => f.promotionDays.length > 0);
    expect(withPromotions.length).toBeGreaterThan(30);
    for (const f of withPromotions) {
      expect(f.choice.intermittent).toBe(false);
      for (const day of f.promotionDays) {
        const k = f.historyDay.indexOf(day);
        expect(k).toBeGreaterThanOrEqual(4);
        const before = f.history.slice(k - 4, k).map(Number).sort((a, b) => a - b);
        expect(f.history[k]!).toBeGreaterThan((before[1]! + before[2]!) / 2);
      }
      // Spikes, not the item's regular demand.
      expect(f.promotionDays.length).toBeLessThan(f.history.length / 4);
    }
    for (const f of forecasts.values()) if (f.choice.intermittent) expect(f.promotionDays).toEqual([]);
  });

  /** The generator's yearly curve (1 + season · cos) at the middle of each forecast period. */
  function curve(index: number, f: ItemForecast): number[] {
    const item = demoItem(DEMO_SEED, index);
    return f.forecastDay.map((day) => {
      const date = new Date((day + 3) * DAY);
      const yearDay = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY;
      return 1 + item.season * Math.cos((2 * Math.PI * (yearDay - item.peakDay)) / 365.25);
    });
  }

  function seasonalLines(): number[] {
    return [...forecasts.keys()].filter((index) => {
      const item = demoItem(DEMO_SEED, index);
      return item.season >= 0.3 && (item.movement === 'fast' || item.movement === 'medium') && item.sellingFor === Infinity;
    });
  }

  it('seasonal lines: more is forecast in the high third of their yearly curve than in the low third', () => {
    const lines = seasonalLines();
    expect(lines.length).toBeGreaterThan(10);
    const wrong = lines.filter((index) => {
      const f = forecasts.get(index)!;
      const c = curve(index, f);
      const order = c.map((v, k) => [v, k] as const).sort((a, b) => a[0] - b[0]);
      const third = Math.floor(order.length / 3);
      const mean = (ks: readonly (readonly [number, number])[]) => ks.reduce((s, [, k]) => s + f.point[k]!, 0) / ks.length;
      return !(mean(order.slice(-third)) > mean(order.slice(0, third)));
    });
    expect(wrong.length, wrong.map((i) => demoItem(DEMO_SEED, i).code).join(' ')).toBeLessThanOrEqual(Math.ceil(0.1 * lines.length));
  });

  it('their inventory figures follow the seasonal forecast: demand over the lead time is the forecast summed over it', () => {
    for (const index of seasonalLines()) {
      const f = forecasts.get(index)!;
      const item = demoItem(DEMO_SEED, index);
      const periodDays = 7;
      // C(t): the forecast summed up to t periods after the forecast start, linear within a period.
      const cumulative = (t: number) => {
        let sum = 0;
        for (let k = 0; k < f.point.length && k < t; k++) sum += Math.max(0, f.point[k]!) * Math.min(1, t - k);
        return sum;
      };
      const t0 = (f.results.asOfDay - f.forecastDay[0]!) / periodDays;
      const expected = cumulative(t0 + item.leadTimeDays / periodDays) - cumulative(t0);
      // The API rounds each period's forecast to hundredths: at most 0.005 per period summed.
      expect(Math.abs(f.demandOverLeadTime - expected)).toBeLessThanOrEqual(0.005 * (item.leadTimeDays / periodDays + 1));
      expect(Math.abs(f.reorderPoint - (f.demandOverLeadTime + f.safetyStock))).toBeLessThanOrEqual(1e-6 * Math.max(1, f.reorderPoint));
    }
  });
});
