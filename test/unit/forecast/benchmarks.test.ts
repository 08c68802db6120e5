import { describe, expect, it } from 'vitest';
import type { ForecastMethod } from '@/lib/forecast/models/forecaster';
import { movingAverage } from '@/lib/forecast/models/intermittent/movingAverage';
import { naive, seasonalNaive } from '@/lib/forecast/models/naive';

/** Fits on the whole series and returns the forecast from its last origin, and every origin's rows. */
function lastForecast(method: ForecastMethod, values: number[], h: number, m = 1) {
  const y = Float64Array.from(values);
  const n = y.length;
  const fitted = method.create(m);
  expect(fitted.fit(y, n)).toBe(true);
  const out = new Float64Array(n * h);
  fitted.forecast(y, n, h, 1, out);
  return { forecast: Array.from(out.subarray((n - 1) * h)), all: out, form: fitted.describe() };
}

describe('benchmarks', () => {
  it('naive carries the last value forward', () => {
    expect(lastForecast(naive, [3, 1, 4], 3).forecast).toEqual([4, 4, 4]);
  });

  it('seasonal naive repeats the last season and needs one', () => {
    expect(lastForecast(seasonalNaive, [1, 2, 3, 4, 5, 6, 7, 8], 6, 4).forecast).toEqual([5, 6, 7, 8, 5, 6]);
    expect(seasonalNaive.create(4).fit(Float64Array.of(1, 2, 3, 4), 4)).toBe(false);
    expect(seasonalNaive.create(1).fit(Float64Array.of(1, 2, 3, 4), 4)).toBe(false);
  });
});

describe('moving average (intermittent)', () => {
  it('uses one to two seasons, by least one-step error', () => {
    const y = Array.from({ length: 48 }, (_, t) => (t % 5 === 0 ? 3 : 0));
    const q = Number(/ma\((\d+)\)/.exec(lastForecast(movingAverage, y, 1, 12).form)![1]);
    expect(q).toBeGreaterThanOrEqual(12);
    expect(q).toBeLessThanOrEqual(24);
  });

  it('six to twelve periods without a season, and forecasts the window mean', () => {
    const y = Array.from({ length: 40 }, (_, t): number => (t % 3 === 0 ? 6 : 0));
    const { forecast, form } = lastForecast(movingAverage, y, 1);
    const q = Number(/ma\((\d+)\)/.exec(form)![1]);
    expect(q).toBeGreaterThanOrEqual(6);
    expect(q).toBeLessThanOrEqual(12);
    expect(forecast[0]).toBeCloseTo(y.slice(-q).reduce((a, b) => a + b, 0) / q, 12);
  });
});
