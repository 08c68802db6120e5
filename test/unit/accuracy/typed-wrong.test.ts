import { describe, expect, it } from 'vitest';
import { accuracyByLag, type Actuals } from '@/lib/accuracy/lags';
import { accuracyByRun } from '@/lib/accuracy/runs';
import { typedWrongPeriods } from '@/lib/accuracy/typed-wrong';
import { snapshot } from './fixtures';

describe('accuracy leaves out a quantity typed wrong', () => {
  // Periods 100..119. Item 1 sells 8–12 a period, except period 112, keyed as 1,000 (10 meant);
  // item 2 sells the same with a real step up at 115 that lasts (two periods and more: kept).
  const steady = [9, 11, 10, 8, 12, 10, 9, 11, 10, 12, 8, 10, 10, 11, 9, 10, 12, 9, 11, 10];
  const typo = steady.map((v, k) => (k === 12 ? 1000 : v));
  const stepUp = steady.map((v, k) => (k >= 15 ? v * 30 : v));
  const actuals: Actuals = new Map([
    [1, { start: 100, values: Float64Array.from(typo) }],
    [2, { start: 100, values: Float64Array.from(stepUp) }],
  ]);

  it('finds the typed period by the engine rule, and only that one', () => {
    const found = typedWrongPeriods(actuals);
    expect([...found.keys()]).toEqual([1]);
    const wrong = found.get(1)!;
    expect(wrong.period).toBe(112);
    expect(wrong.demand).toBe(1000);
    // The median of the four periods each side stands in for it.
    expect(wrong.typical).toBeGreaterThanOrEqual(9);
    expect(wrong.typical).toBeLessThanOrEqual(11);
  });

  it('scores every other pair as before, and not the typed one', () => {
    // A run from period 110, three periods ahead, forecasting 10 for item 1 and 10 for item 2.
    const run = snapshot(110, 3, [1, 2], [10, 10, 10, 10, 10, 10], [10, 10, 10, 10, 10, 10], [10, 10]);
    const leftOut = typedWrongPeriods(actuals);
    const [all] = accuracyByRun([run], actuals, new Map());
    const [clean] = accuracyByRun([run], actuals, leftOut);
    expect(all!.n).toBe(6);
    expect(clean!.n).toBe(5);
    // Pairs left: item 1 at 110, 111 (8, 10), item 2 at 110–112 (8, 10, 10): |error| 2 + 0 + 2 + 0 + 0 over 46.
    expect(clean!.errorFinal).toBeCloseTo(4 / 46, 12);
    expect(all!.errorFinal).toBeGreaterThan(0.9);

    const [lag3All] = accuracyByLag([run], actuals, [3], new Map());
    const [lag3] = accuracyByLag([run], actuals, [3], leftOut);
    expect(lag3All!.n).toBe(2);
    expect(lag3!.n).toBe(1);
    expect(lag3!.maeFinal).toBe(0);
  });
});
