import { describe, expect, it } from 'vitest';
import type { ForecastMethod } from '@/lib/forecast/models/forecaster';
import { crostonFilter } from '@/lib/forecast/models/intermittent/croston';
import { adida, croston, imapa, sba, tsb } from '@/lib/forecast/models/intermittent';
import { movingAverage } from '@/lib/forecast/models/intermittent/movingAverage';
import { tsbFilter } from '@/lib/forecast/models/intermittent/tsb';

const all = [croston, sba, tsb, adida, imapa].map((method) => [method.name, method] as const);

const series = [
  [0, 2, 0, 0, 3, 0, 1, 0, 0, 4, 0, 0, 0, 2, 1, 0, 0, 5, 0, 0, 1, 0, 0, 2],
  [1, 0, 0, 0, 0, 6, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 4, 0, 0, 0],
  [3, 1, 2, 0, 4, 2, 0, 1, 3, 0, 2, 2, 1, 0, 0, 3],
];

/** Forecasts from every origin 1..n after fitting on the first `fitted` values. */
function rows(method: ForecastMethod, values: number[], h: number, fitted = values.length): Float64Array {
  const y = Float64Array.from(values);
  const instance = method.create(12);
  expect(instance.fit(y, fitted)).toBe(true);
  const out = new Float64Array(y.length * h);
  instance.forecast(y, y.length, h, 1, out);
  return out;
}

describe('intermittent methods on the ForecastMethod interface', () => {
  const y = Float64Array.of(0, 0, 6, 0, 0, 0, 4, 0);

  it('Croston smooths sizes and intervals at demands only; SBA removes its bias (by hand)', () => {
    // α 0.1, z0 5, p0 4: at t=2 (q=3): z = 5 + 0.1·1 = 5.1, p = 4 + 0.1·(3 − 4) = 3.9;
    // at t=6 (q=4): z = 5.1 − 0.11 = 4.99, p = 3.9 + 0.01 = 3.91; forecast 4.99/3.91.
    const out = new Float64Array(8);
    crostonFilter(y, 8, 0.1, 5, 4, 1, 1, 8, out);
    expect(out[7]).toBeCloseTo(4.99 / 3.91, 12);
    crostonFilter(y, 8, 0.1, 5, 4, 0.95, 1, 8, out);
    expect(out[7]).toBeCloseTo(0.95 * (4.99 / 3.91), 12);
  });

  it('TSB decays the demand probability every period (by hand)', () => {
    let p = 0.25;
    let z = 5;
    for (const v of y) {
      if (v > 0) {
        p += 0.1 * (1 - p);
        z += 0.2 * (v - z);
      } else p *= 0.9;
    }
    const out = new Float64Array(8);
    tsbFilter(y, 8, 0.2, 0.1, 5, 0.25, 1, 8, out);
    expect(out[7]).toBeCloseTo(p * z, 12);
  });

  it.each(all)('%s refits on a prefix as it fits there', (_name, method) => {
    const values = Float64Array.from(series[1]);
    const a = method.create(12);
    const b = method.create(12);
    expect(a.fit(values, values.length)).toBe(true);
    expect(a.refit(values, 20)).toBe(true);
    expect(b.fit(values, 20)).toBe(true);
    const outA = new Float64Array(values.length * 2);
    const outB = new Float64Array(values.length * 2);
    a.forecast(values, values.length, 2, 20, outA);
    b.forecast(values, values.length, 2, 20, outB);
    expect([...outA]).toEqual([...outB]);
  });

  it('the moving average of a window of zeros is exactly zero, whatever came before it', () => {
    // A running sum would leave −3e-14 here, a forecast below the band's zero lower bound.
    const values = Float64Array.of(100.13, 99.71, 0.7, 0.1, 0, 0, 0, 0, 0, 0);
    const instance = movingAverage.create(1);
    expect(instance.fit(values, values.length)).toBe(true);
    expect(instance.describe()).toBe('ma(5)');
    const out = new Float64Array(values.length * 2);
    instance.forecast(values, values.length, 2, 1, out);
    expect(out.subarray(18)).toEqual(Float64Array.of(0, 0));
    expect(out[4 * 2]).toBeCloseTo((100.13 + 99.71 + 0.7 + 0.1) / 5, 12);
  });

  it('ADIDA smooths buckets of the mean interval ending at each origin (by hand)', () => {
    // 3 demands in 8 periods: k = round(8/3) = 3; two buckets only, so α = 0.1.
    // Origin 8: buckets y[2..5) = 3, y[5..8) = 1: level 3 → 2.8, per period 2.8/3.
    // Origin 7 (phase 1): y[1..4) = 2, y[4..7) = 4: 2 → 2.2. Origin 2 (no full bucket): mean 1.
    const values = [0, 2, 0, 0, 3, 0, 1, 0];
    const out = rows(adida, values, 2);
    expect(out[7 * 2]).toBeCloseTo(2.8 / 3, 12);
    expect(out[7 * 2 + 1]).toBeCloseTo(2.8 / 3, 12);
    expect(out[6 * 2]).toBeCloseTo(2.2 / 3, 12);
    expect(out[1 * 2]).toBeCloseTo(1, 12);
    const instance = adida.create(1);
    instance.fit(Float64Array.from(values), 8);
    expect(instance.describe()).toBe('ADIDA(3)');
  });

  it('ADIDA and IMAPA forecast a regular demand exactly at its rate', () => {
    // 6 every third period: every 3-period bucket holds 6, a rate of 2.
    const values = Array.from({ length: 18 }, (_, t) => (t % 3 === 2 ? 6 : 0));
    expect(rows(adida, values, 3).slice(17 * 3)).toEqual(Float64Array.from([2, 2, 2]));
    const steady = Array.from({ length: 12 }, () => 5);
    expect([...rows(imapa, steady, 3).slice(11 * 3)].map((v) => +v.toFixed(9))).toEqual([5, 5, 5]);
  });

  it('IMAPA averages the aggregation levels 1 to the mean interval', () => {
    const values = series[1];
    const instance = imapa.create(12);
    instance.fit(Float64Array.from(values), values.length);
    // 6 demands in 30 periods: levels 1..5.
    expect(instance.describe()).toBe('IMAPA(1..5)');
    const n = values.length;
    const last = rows(imapa, values, 1)[n - 1];
    const total = values.reduce((s, v) => s + v, 0);
    expect(last).toBeGreaterThan(0);
    expect(last).toBeLessThan(total / 6);
  });

  it.each(all)('%s run through a longer history forecasts from each origin as from that prefix', (_name, method) => {
    const values = series[0];
    const h = 3;
    const whole = rows(method, values, h, 16);
    const instance = method.create(12);
    const y = Float64Array.from(values);
    instance.fit(y, 16);
    const prefix = new Float64Array(values.length * h);
    for (const origin of [4, 16, 20, 24]) {
      instance.forecast(y.subarray(0, origin), origin, h, origin, prefix);
      expect([...whole.subarray((origin - 1) * h, origin * h)]).toEqual([...prefix.subarray((origin - 1) * h, origin * h)]);
    }
  });

  it.each(all)('%s refuses a history without demand or with gaps', (_name, method) => {
    const instance = method.create(1);
    expect(instance.fit(new Float64Array(10), 10)).toBe(false);
    expect(instance.fit(Float64Array.from([1, NaN, 0, 2]), 4)).toBe(false);
    expect(instance.variance(new Float64Array(4), 4, 2, new Float64Array(2))).toBe(false);
  });
});
