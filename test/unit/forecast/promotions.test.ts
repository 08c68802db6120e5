/** Promotion-like spikes: what is set aside before fitting, and how the engine forecasts and measures a cleaned history (lib/forecast/engine/promotions.ts). */
import { describe, expect, it } from 'vitest';
import { forecastBatch, type ForecastSettings } from '@/lib/forecast';
import { PromotionCleaner, promotionPeriods } from '@/lib/forecast/engine/promotions';
import { maseScale } from '@/lib/forecast/metrics';
import { pack, peaked, promoted } from './catalogues';

/** 60 periods around 100 (a fixed wobble of ±3), with `spikes` set to `value`. */
function base(spikes: number[], value = 250, length = 60): Float64Array {
  const y = Float64Array.from({ length }, (_, t) => 100 + 3 * Math.sin(t * 1.7) + (t % 3));
  for (const t of spikes) y[t] = value;
  return y;
}

function clean(y: Float64Array, season = 1): { replaced: number; out: Float64Array; lift: number } {
  const cleaner = new PromotionCleaner();
  const out = new Float64Array(y.length).fill(-1);
  const replaced = cleaner.clean(y, y.length, season, out);
  return { replaced, out, lift: cleaner.lift };
}

describe('the promotion cleaner', () => {
  it('replaces spikes at random phases by the demand before them, touches nothing else, and says what they added', () => {
    const y = base([11, 12, 30, 47]);
    const { replaced, out, lift } = clean(y);
    expect(replaced).toBe(4);
    for (const t of [11, 12, 30, 47]) {
      expect(out[t]).toBeGreaterThan(95);
      expect(out[t]).toBeLessThan(106);
    }
    for (let t = 0; t < y.length; t++) if (![11, 12, 30, 47].includes(t)) expect(out[t]).toBe(y[t]);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(lift).toBeCloseTo(sum(y) / sum(out), 12);
  });

  it('leaves one odd value alone, and a series without spikes, a trend and a level shift', () => {
    expect(clean(base([30])).replaced).toBe(0);
    expect(clean(base([])).replaced).toBe(0);
    expect(clean(Float64Array.from({ length: 60 }, (_, t) => 10 + 2 * t + (t % 4))).replaced).toBe(0);
    expect(clean(Float64Array.from({ length: 60 }, (_, t) => (t < 30 ? 100 : 250) + (t % 5))).replaced).toBe(0);
    const untouched = clean(base([30]));
    expect(untouched.out.every((v) => v === -1)).toBe(true);
    expect(untouched.lift).toBe(1);
  });

  it('judges the last values, whose return is not seen yet, only in a series whose history shows a pattern of spikes', () => {
    const withPattern = clean(base([11, 30, 59]));
    expect(withPattern.replaced).toBe(3);
    expect(withPattern.out[59]).toBeLessThan(106);
    expect(clean(base([59])).replaced).toBe(0);
    expect(clean(base([30, 59])).replaced).toBe(0);
  });

  it('keeps a season’s peak: a spike back at its phase in every cycle, within a week for the year in weeks', () => {
    expect(clean(base([5, 17, 29, 41, 53]), 12).replaced).toBe(0);
    expect(clean(base([5, 17, 29, 41, 53])).replaced).toBe(5);
    const weekly = base([10, 63, 114, 131], 250, 160);
    const { replaced, out } = clean(weekly, 52);
    // 10, 63 (53 later) and 114 (51 later) are one yearly peak; 131 is a promotion, and with it
    // alone no pattern of spikes is left.
    expect(replaced).toBe(0);
    expect(out[131]).toBe(-1);
    expect(clean(base([10, 40, 63, 114, 131], 250, 160), 52).replaced).toBe(2);
    // A peak comes back in every cycle: 10, 62 and 114 are one; 10 and 62 without 114 met by chance.
    expect(clean(base([10, 30, 62, 114], 250, 160), 52).replaced).toBe(0);
    expect(clean(base([10, 30, 62], 250, 160), 52).replaced).toBe(3);
  });

  it('names the periods the engine sets aside, as positions in the values it was given', () => {
    const values = Float64Array.from([NaN, NaN, ...base([11, 30, 47])]);
    expect(promotionPeriods(values, 1, true)).toEqual([13, 32, 49]);
    expect(promotionPeriods(values, 1, false)).toEqual([]);
    // Intermittent demand is not the combination's: nothing set aside.
    const intermittent = Float64Array.from({ length: 60 }, (_, t) => (t % 3 === 0 ? 0 : t % 11 === 0 ? 40 : 5));
    expect(promotionPeriods(intermittent, 1, true)).toEqual([]);
  });

  it('cleans demand only: a series with negative values is left as it is', () => {
    const y = base([11, 30, 47]);
    y[5] = -3;
    expect(clean(y).replaced).toBe(0);
  });
});

describe('the engine on a history cleaned of its promotions', () => {
  const settings: ForecastSettings = { horizon: 4, season: 1, levels: [80, 95] };
  const series = promoted(40, 5, 108);
  const history = series.map((s) => s.slice(0, 104));
  const future = series.map((s) => s.slice(104));

  it('does not carry a promotion at the end of the history forward, and stays unbiased for the promotions to come', () => {
    const ending = history.map((s) => [...s.slice(0, 103), 260]);
    const raw = forecastBatch(pack(ending), settings);
    const cleaned = forecastBatch(pack(ending), { ...settings, cleanPromotions: true });
    let rawFirst = 0;
    let cleanedFirst = 0;
    let cleanedSum = 0;
    let actualSum = 0;
    for (let i = 0; i < ending.length; i++) {
      rawFirst += raw.point[i * 4] / ending.length;
      cleanedFirst += cleaned.point[i * 4] / ending.length;
      for (let k = 0; k < 4; k++) cleanedSum += cleaned.point[i * 4 + k];
      for (const v of future[i]) actualSum += v;
    }
    expect(rawFirst).toBeGreaterThan(125);
    expect(cleanedFirst).toBeLessThan(125);
    // Promotions keep coming at dates the engine is not told: the lift keeps the total near the actual one.
    expect(cleanedSum / actualSum).toBeGreaterThan(0.9);
    expect(cleanedSum / actualSum).toBeLessThan(1.15);
  });

  it('scores its leaderboard and measures its bands on the raw history, promotions included', () => {
    const cleaned = forecastBatch(pack(history), { ...settings, cleanPromotions: true });
    const raw = forecastBatch(pack(history), settings);
    const bands = (r: typeof raw) => {
      let in80 = 0;
      let in95 = 0;
      let width = 0;
      future.forEach((values, i) =>
        values.forEach((v, k) => {
          const at = i * 4 + k;
          if (v >= r.lower[0][at] && v <= r.upper[0][at]) in80++;
          if (v >= r.lower[1][at] && v <= r.upper[1][at]) in95++;
          width += r.upper[1][at] - r.lower[1][at];
        }),
      );
      const count = future.length * 4;
      return { cover80: in80 / count, cover95: in95 / count, width: width / count };
    };
    // Measured on the cleaned history's errors, the bands would be half as wide and cover 68% at 80%.
    const c = bands(cleaned);
    expect(c.cover80).toBeGreaterThan(0.75);
    expect(c.cover95).toBeGreaterThan(0.9);
    expect(c.width).toBeGreaterThan(0.75 * bands(raw).width);
  });

  it('scores the leaderboard against the raw history: naive forecasts the cleaned last value with the lift, and misses the promotions', () => {
    const cleaned = forecastBatch(pack(history), { ...settings, cleanPromotions: true });
    const cleaner = new PromotionCleaner();
    let checked = 0;
    history.forEach((values, i) => {
      const y = Float64Array.from(values);
      const n = y.length;
      const x = new Float64Array(n);
      if (cleaner.clean(y, n, 1, x) === 0) return;
      // The ten origins t = 91..100, each forecasting periods t..t + 3 from the values before t.
      let total = 0;
      for (let t = 91; t <= 100; t++) {
        let sum = 0;
        for (let k = 0; k < 4; k++) sum += Math.abs(y[t + k] - cleaner.lift * x[t - 1]);
        total += sum / 4;
      }
      expect(cleaned.naiveError[i]).toBeCloseTo(total / 10 / maseScale(y, n, 1), 10);
      checked++;
    });
    expect(checked).toBeGreaterThan(30);
  });

  it('leaves a season’s peaks to the season: a history with one peak a season is forecast as without the setting', () => {
    const seasonal = { ...settings, season: 12, horizon: 12 };
    const batch = pack(peaked(6, 3, 12, 96));
    expect(forecastBatch(batch, { ...seasonal, cleanPromotions: true }).point).toEqual(forecastBatch(batch, seasonal).point);
  });
});
