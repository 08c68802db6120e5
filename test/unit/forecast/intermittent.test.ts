import { describe, expect, it } from 'vitest';
import type { ForecastMethod } from '@/lib/forecast/models/forecaster';
import { crostonModel, sbaModel, tsbModel } from '@/lib/forecast/models/intermittent';
import { adida, croston, imapa, sba, tsb } from '@/lib/forecast/models/intermittent/index';
import type { Model } from '@/lib/forecast/models/model';
import { paramStride } from '@/lib/forecast/models/model';
import { Workspace } from '@/lib/forecast/workspace';

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

function oldRows(model: Model, values: number[], h: number): Float64Array {
  const y = Float64Array.from(values);
  const ws = new Workspace(y.length, 12);
  ws.ensure(y.length * 3);
  ws.intermittent = true;
  const params = new Float64Array(paramStride(12));
  expect(model.fit(y, y.length, 12, params, ws)).toBe(true);
  const out = new Float64Array(y.length * h);
  model.forecast(y, y.length, 12, params, h, 1, out, ws);
  return out;
}

describe('intermittent methods on the ForecastMethod interface', () => {
  it.each([
    ['croston', croston, crostonModel],
    ['sba', sba, sbaModel],
    ['tsb', tsb, tsbModel],
  ] as const)('%s forecasts exactly as the engine’s model did, from every origin', (_name, method, model) => {
    for (const values of series) expect([...rows(method, values, 4)]).toEqual([...oldRows(model, values, 4)]);
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
