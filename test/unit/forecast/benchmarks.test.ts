import { describe, expect, it } from 'vitest';
import type { ForecastMethod } from '@/lib/forecast/models/forecaster';
import { croston, crostonRun, sba } from '@/lib/forecast/models/intermittent/croston';
import { movingAverage } from '@/lib/forecast/models/intermittent/movingAverage';
import { tsb, tsbRun } from '@/lib/forecast/models/intermittent/tsb';
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

describe('intermittent demand', () => {
  const y = Float64Array.of(0, 0, 6, 0, 0, 0, 4, 0);

  it('Croston smooths sizes and intervals at demands only; SBA removes its bias', () => {
    // α 0.1, z0 5, p0 4: at t=2 (q=3): z = 5 + 0.1·1 = 5.1, p = 4 + 0.1·(3 − 4) = 3.9;
    // at t=6 (q=4): z = 5.1 − 0.11 = 4.99, p = 3.9 + 0.01 = 3.91; forecast 4.99/3.91.
    const out = new Float64Array(8);
    crostonRun(y, 8, 0.1, 5, 4, 1, 1, 8, out);
    expect(out[7]).toBeCloseTo(4.99 / 3.91, 12);
    crostonRun(y, 8, 0.1, 5, 4, 0.95, 1, 8, out);
    expect(out[7]).toBeCloseTo(0.95 * (4.99 / 3.91), 12);
  });

  it('TSB decays the demand probability every period', () => {
    let p = 0.25;
    let z = 5;
    for (const v of y) {
      if (v > 0) {
        p += 0.1 * (1 - p);
        z += 0.2 * (v - z);
      } else p *= 0.9;
    }
    const out = new Float64Array(8);
    tsbRun(y, 8, 0.2, 0.1, 5, 0.25, 1, 8, out);
    expect(out[7]).toBeCloseTo(p * z, 12);
  });

  it('fitted smoothing constants stay in [0.01, 0.5]', () => {
    const long = Array.from({ length: 40 }, (_, t) => (t % 4 === 1 ? 2 + (t % 3) : 0));
    for (const method of [croston, sba, tsb]) {
      const constants = [...lastForecast(method, long, 1).form.matchAll(/=(\d+\.\d+)/g)].map((m) => Number(m[1]));
      expect(constants.length).toBeGreaterThan(0);
      for (const c of constants) {
        expect(c).toBeGreaterThanOrEqual(0.01);
        expect(c).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('refuse a history without any demand', () => {
    for (const method of [croston, sba, tsb]) expect(method.create(1).fit(new Float64Array(10), 10)).toBe(false);
  });
});
