import { describe, expect, it } from 'vitest';
import { holtWintersAdditive, holtWintersMultiplicative } from '@/lib/forecast/models/holtWinters';
import { crostonModel, sbaModel, tsbModel } from '@/lib/forecast/models/intermittent';
import type { Model } from '@/lib/forecast/models/model';
import { paramStride } from '@/lib/forecast/models/model';
import { movingAverage } from '@/lib/forecast/models/movingAverage';
import { drift, localDrift, naive, seasonalNaive } from '@/lib/forecast/models/naive';
import { damped, holt, ses } from '@/lib/forecast/models/smoothing';
import { localTheta, theta } from '@/lib/forecast/models/theta';
import { clipSpikes, localSteps, robustStep, stepLimit, TREND_WINDOW } from '@/lib/forecast/models/trend';
import { Workspace } from '@/lib/forecast/workspace';

/** Forecasts from the last origin after fitting (or with the given params). */
function lastForecast(model: Model, values: number[], h: number, m = 1, given?: number[], intermittent = false) {
  const y = Float64Array.from(values);
  const n = y.length;
  const ws = new Workspace(n, m);
  ws.ensure(Math.max(n, 3 * m));
  ws.intermittent = intermittent;
  const params = new Float64Array(paramStride(m));
  if (given) params.set(given);
  else expect(model.fit(y, n, m, params, ws)).toBe(true);
  const out = new Float64Array(n * h);
  model.forecast(y, n, m, params, h, 1, out, ws);
  return { forecast: Array.from(out.subarray((n - 1) * h)), params, all: out };
}

describe('naive family', () => {
  it('naive carries the last value forward', () => {
    expect(lastForecast(naive, [3, 1, 4], 3).forecast).toEqual([4, 4, 4]);
  });

  it('seasonal naive repeats the last season', () => {
    expect(lastForecast(seasonalNaive, [1, 2, 3, 4, 5, 6, 7, 8], 6, 4).forecast).toEqual([5, 6, 7, 8, 5, 6]);
  });

  it('drift extends the line through the first and last value', () => {
    const { forecast, params } = lastForecast(drift, [1, 4, 2, 7], 2);
    expect(params[0]).toBe(2);
    expect(forecast).toEqual([9, 11]);
  });

  it('local drift takes the slope of the last 32 periods only', () => {
    // 20 points climbing by 5, then 40 points climbing by 1: the last 32 steps are all +1.
    const y = [...Array.from({ length: 20 }, (_, t) => 5 * t), ...Array.from({ length: 40 }, (_, t) => 95 + t + 1)];
    const { forecast } = lastForecast(localDrift, y, 2);
    expect(forecast).toEqual([136, 137]);
    expect(lastForecast(drift, y, 1).forecast[0]).toBeCloseTo(135 + 135 / 59, 10);
  });
});

describe('local trends and promotion spikes', () => {
  /** 100 weeks selling 120 ± 6, with 700-unit promotion weeks at the given distances from the end. */
  function promoted(spikesBack: number[]): number[] {
    const y = Array.from({ length: 100 }, (_, t) => 120 + 6 * Math.sin(1.7 * t));
    for (const back of spikesBack) y[100 - back] = 700;
    return y;
  }

  it('a promotion week at the start of the window does not read as a decline (local drift)', () => {
    // The end-point step was (y[n−1] − 700) / 32 ≈ −18 a week: −115 units by week 13.
    const { forecast } = lastForecast(localDrift, promoted([33]), 13);
    expect(Math.min(...forecast)).toBeGreaterThan(100);
    expect(Math.max(...forecast)).toBeLessThan(150);
  });

  it('promotion weeks early in the window do not tilt the slope (local theta, fitted)', () => {
    const { forecast } = lastForecast(localTheta, promoted([31, 29, 26, 45, 60, 75]), 13);
    expect(Math.min(...forecast)).toBeGreaterThan(100);
    expect(Math.max(...forecast)).toBeLessThan(200);
  });

  it('a smooth trend is left as it is', () => {
    const y = Array.from({ length: 60 }, (_, t) => 50 + 2 * t);
    expect(lastForecast(localDrift, y, 2).forecast).toEqual([170, 172]);
    const { params } = lastForecast(localTheta, y, 1);
    const clean = clipSpikes(Float64Array.from(y), 60, params[2], new Workspace(60, 1));
    expect(Array.from(clean)).toEqual(y);
  });

  it('the sliding window gives every origin the step of its own window, as computed directly', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const y = Float64Array.from({ length: 150 }, () => (rand() < 0.1 ? 500 : 100 + 20 * rand()));
    const ws = new Workspace(150, 1);
    const steps = Float64Array.from(localSteps(y, 150, 3, ws));
    for (let t = 3; t <= 150; t++) {
      const lo = Math.max(0, t - 1 - TREND_WINDOW);
      expect(steps[t]).toBe(robustStep(y, lo, t, stepLimit(y, lo, t, ws)));
    }
  });

  it('backtest forecasts use nothing after their origin', () => {
    const base = promoted([40, 20, 5]);
    for (const model of [localDrift, localTheta]) {
      const fitted = lastForecast(model, base.slice(0, 70), 4).params;
      const run = (values: number[]) => {
        const y = Float64Array.from(values);
        const out = new Float64Array(100 * 4);
        model.forecast(y, 100, 1, fitted, 4, 70, out, new Workspace(100, 1));
        return Array.from(out.subarray(69 * 4, 70 * 4));
      };
      const changedFuture = base.map((v, t) => (t >= 70 ? v * 3 + 50 : v));
      expect(run(changedFuture)).toEqual(run(base));
    }
  });
});

describe('moving average', () => {
  it('picks the window with the least one-step error', () => {
    // Alternating 0/10: every even window forecasts 5 (error 5); odd windows do worse.
    const y = Array.from({ length: 30 }, (_, t) => (t % 2 ? 10 : 0));
    const { forecast, params } = lastForecast(movingAverage, y, 1);
    expect(params[0] % 2).toBe(0);
    expect(forecast[0]).toBe(5);
  });

  it('uses one to two seasons on intermittent demand', () => {
    const y = Array.from({ length: 48 }, (_, t) => (t % 5 === 0 ? 3 : 0));
    const { params } = lastForecast(movingAverage, y, 1, 12, undefined, true);
    expect(params[0]).toBeGreaterThanOrEqual(12);
    expect(params[0]).toBeLessThanOrEqual(24);
  });
});

describe('exponential smoothing', () => {
  it('SES with given α and start follows l ← l + α(y − l)', () => {
    // l: 0 → 0 + 0.5·(2 − 0) = 1 → 1 + 0.5·(4 − 1) = 2.5
    expect(lastForecast(ses, [2, 4], 2, 1, [0.5, 0]).forecast).toEqual([2.5, 2.5]);
  });

  it('SES fits the level of a constant series exactly', () => {
    const { forecast, params } = lastForecast(ses, [7, 7, 7, 7, 7], 1);
    expect(forecast[0]).toBeCloseTo(7, 10);
    expect(params[1]).toBeCloseTo(7, 10);
  });

  it('damped trend with given parameters matches the hand computation', () => {
    // α 0.5, β 0.05, φ 0.9, l0 0, b0 1, y = [2]:
    // f = 0 + 0.9 = 0.9, e = 1.1, l = 0.9 + 0.55 = 1.45, b = 0.9 + 0.055 = 0.955
    // step 1: 1.45 + 0.9·0.955 = 2.3095; step 2: + 0.81·0.955 = 3.08305
    const { forecast } = lastForecast(damped, [2], 2, 1, [0.5, 0.05, 0.9, 0, 1]);
    expect(forecast[0]).toBeCloseTo(2.3095, 12);
    expect(forecast[1]).toBeCloseTo(3.08305, 12);
  });

  it('Holt continues an exact straight line', () => {
    const y = Array.from({ length: 20 }, (_, t) => 3 + 2 * t);
    const { forecast } = lastForecast(holt, y, 3);
    expect(forecast[0]).toBeCloseTo(43, 6);
    expect(forecast[2]).toBeCloseTo(47, 6);
  });

  it('damped trend fits its parameters inside R’s bounds and bends the trend', () => {
    const y = Array.from({ length: 30 }, (_, t) => 100 + 3 * t + (t % 3) - 1);
    const { forecast, params } = lastForecast(damped, y, 10);
    expect(params[0]).toBeGreaterThanOrEqual(1e-4);
    expect(params[1]).toBeLessThanOrEqual(params[0]);
    expect(params[2]).toBeGreaterThanOrEqual(0.8);
    expect(params[2]).toBeLessThanOrEqual(0.98);
    const steps = forecast.slice(1).map((f, k) => f - forecast[k]);
    for (let k = 1; k < steps.length; k++) expect(steps[k]).toBeLessThan(steps[k - 1]);
  });
});

describe('theta', () => {
  it('adds half the least-squares slope to SES, as R’s thetaf', () => {
    // α 0.5, l0 0 on y = 0,1,2,3: levels 0, 0.5, 1.25, 2.125; slope 1;
    // step k: 2.125 + 0.5·(k − 1 + (1 − 0.5⁴)/0.5) = 2.125 + 0.5·(k − 1 + 1.875)
    const { forecast } = lastForecast(theta, [0, 1, 2, 3], 2, 1, [0.5, 0]);
    expect(forecast[0]).toBeCloseTo(2.125 + 0.5 * 1.875, 12);
    expect(forecast[1]).toBeCloseTo(2.125 + 0.5 * 2.875, 12);
  });

  it('local theta ignores a slope older than its window', () => {
    const y = [...Array.from({ length: 40 }, (_, t) => 10 * t), ...Array.from({ length: 40 }, () => 390)];
    // params [α, l0, spike limit]: no clipping here, the window alone is under test.
    const flat = lastForecast(localTheta, y, 4, 1, [0.5, 0, Infinity]).forecast;
    expect(flat[3]).toBeCloseTo(flat[0], 6);
    const global = lastForecast(theta, y, 4, 1, [0.5, 0]).forecast;
    expect(global[3]).toBeGreaterThan(global[0] + 5);
  });
});

describe('Holt-Winters', () => {
  const pattern = [10, 20, 30, 20];
  const seasonal = Array.from({ length: 24 }, (_, t) => 100 + pattern[t % 4]);

  it('additive reproduces a pure seasonal pattern', () => {
    const { forecast } = lastForecast(holtWintersAdditive, seasonal, 4, 4);
    for (let k = 0; k < 4; k++) expect(forecast[k]).toBeCloseTo(100 + pattern[k], 3);
  });

  it('multiplicative reproduces a pure seasonal pattern and refuses zeros', () => {
    const { forecast } = lastForecast(holtWintersMultiplicative, seasonal, 4, 4);
    for (let k = 0; k < 4; k++) expect(forecast[k]).toBeCloseTo(100 + pattern[k], 3);
    const withZero = Float64Array.from(seasonal, (v, t) => (t === 5 ? 0 : v));
    const ws = new Workspace(24, 4);
    expect(holtWintersMultiplicative.fit(withZero, 24, 4, new Float64Array(paramStride(4)), ws)).toBe(false);
  });
});

describe('intermittent demand', () => {
  const y = [0, 0, 6, 0, 0, 0, 4, 0];

  it('Croston smooths sizes and intervals at demands only', () => {
    // α 0.1, z0 5, p0 4: at t=2 (q=3): z = 5 + 0.1·1 = 5.1, p = 4 + 0.1·(3 − 4) = 3.9;
    // at t=6 (q=4): z = 5.1 − 0.11 = 4.99, p = 3.9 + 0.01 = 3.91; forecast 4.99/3.91.
    const { forecast } = lastForecast(crostonModel, y, 1, 1, [0.1, 5, 4]);
    expect(forecast[0]).toBeCloseTo(4.99 / 3.91, 12);
    const sba = lastForecast(sbaModel, y, 1, 1, [0.1, 5, 4]).forecast[0];
    expect(sba).toBeCloseTo(0.95 * (4.99 / 3.91), 12);
  });

  it('TSB decays the demand probability every period', () => {
    // α 0.2, β 0.1, z0 5, p0 0.25; p ×0.9 on zeros, p + 0.1(1 − p) on demands.
    let p = 0.25;
    let z = 5;
    for (const v of y) {
      if (v > 0) {
        p += 0.1 * (1 - p);
        z += 0.2 * (v - z);
      } else p *= 0.9;
    }
    const { forecast } = lastForecast(tsbModel, y, 1, 1, [0.2, 0.1, 5, 0.25]);
    expect(forecast[0]).toBeCloseTo(p * z, 12);
  });

  it('fitted smoothing constants stay in [0.01, 0.5]', () => {
    const long = Array.from({ length: 40 }, (_, t) => (t % 4 === 1 ? 2 + (t % 3) : 0));
    for (const model of [crostonModel, sbaModel]) {
      const a = lastForecast(model, long, 1).params[0];
      expect(a).toBeGreaterThanOrEqual(0.01);
      expect(a).toBeLessThanOrEqual(0.5);
    }
    const { params } = lastForecast(tsbModel, long, 1);
    expect(params[0]).toBeGreaterThanOrEqual(0.01);
    expect(params[1]).toBeLessThanOrEqual(0.5);
  });
});
