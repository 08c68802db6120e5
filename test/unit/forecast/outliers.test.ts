/** A quantity typed wrong: the one period an order of magnitude above the rest (lib/forecast/engine/outliers.ts). */
import { describe, expect, it } from 'vitest';
import { forecastBatch, outlierPeriods, type ForecastSettings } from '@/lib/forecast';
import { OUTLIER_FACTOR, outlierAt, typicalAround } from '@/lib/forecast/engine/outliers';
import { pack } from './catalogues';

/** 80 weeks around 20 with a fixed wobble, and a busiest week (a promotion) at 64. */
function weeks(): Float64Array {
  const y = Float64Array.from({ length: 80 }, (_, t) => 20 + 4 * Math.sin(t * 1.3) + (t % 3));
  y[40] = 64;
  return y;
}

const settings: ForecastSettings = { horizon: 8, season: 1, levels: [80, 95], nonNegative: true };

describe('a quantity typed wrong', () => {
  it('is the one value far above the item’s busy periods and every other period, wherever it lies', () => {
    // Its busy periods (the 90th percentile of those with demand) sell about 25; its busiest 64.
    for (const t of [0, 25, 79]) {
      const y = weeks();
      y[t] = 300;
      expect(outlierAt(y, y.length)).toBe(t);
    }
    const y = weeks();
    expect(outlierAt(y, y.length)).toBe(-1);
    // Twice its busiest, but under OUTLIER_FACTOR times its busy periods: a promotion that did well.
    y[79] = 150;
    expect(150).toBeLessThan(OUTLIER_FACTOR * 25);
    expect(outlierAt(y, y.length)).toBe(-1);
    // Far above its busy periods, but a pallet order like one before: demand.
    y[20] = 400;
    y[79] = 500;
    expect(outlierAt(y, y.length)).toBe(-1);
  });

  it('is not demand that stepped up and stayed, a series with negative values, or one with few sales', () => {
    const stepped = weeks();
    stepped[78] = 900;
    stepped[79] = 950;
    expect(outlierAt(stepped, stepped.length)).toBe(-1);
    const negative = weeks();
    negative[10] = -2;
    negative[79] = 5000;
    expect(outlierAt(negative, negative.length)).toBe(-1);
    // Six other periods with sales say what an item sells; five do not.
    const slow = new Float64Array(40);
    for (const t of [3, 9, 15, 21, 27]) slow[t] = 2;
    slow[35] = 20 * OUTLIER_FACTOR;
    expect(outlierAt(slow, slow.length)).toBe(-1);
    slow[31] = 1;
    expect(outlierAt(slow, slow.length)).toBe(35);
  });

  it('is stood in for by the median of the demand around it', () => {
    const y = Float64Array.of(1, 2, 3, 4, 900, 6, 7, 8, 9, 10);
    expect(typicalAround(y, y.length, 4)).toBe(5);
    expect(typicalAround(y, y.length, 9)).toBe(7.5);
    expect(typicalAround(y, y.length, 0)).toBe(3.5);
  });

  it('is forecast as if the demand around it had been sold: at the end and inside, point and bands to the bit', () => {
    for (const t of [79, 30]) {
      const typed = weeks();
      typed[t] = 1500;
      const stoodIn = weeks();
      stoodIn[t] = typicalAround(typed, typed.length, t);
      const [a, b] = [forecastBatch(pack([Array.from(typed)]), settings), forecastBatch(pack([Array.from(stoodIn)]), settings)];
      expect(a.point).toEqual(b.point);
      expect(a.upper).toEqual(b.upper);
      expect(a.lower).toEqual(b.lower);
      expect(a.cumulativeSigma).toEqual(b.cumulativeSigma);
      expect(Math.max(...a.point)).toBeLessThan(40);
    }
    // Demand that stepped up twice is followed.
    const stepped = weeks();
    stepped[78] = 900;
    stepped[79] = 950;
    expect(forecastBatch(pack([Array.from(stepped)]), settings).point[0]).toBeGreaterThan(200);
  });

  it('is named per series of a batch, with what stood in for it', () => {
    const typed = weeks();
    typed[50] = 700;
    const batch = pack([Array.from(weeks()), [NaN, NaN, ...typed]]);
    const { at, typical } = outlierPeriods(batch.values, batch.offsets);
    expect(Array.from(at)).toEqual([-1, 52]);
    expect(typical[1]).toBe(typicalAround(typed, typed.length, 50));
  });
});
