import { describe, expect, it } from 'vitest';
import { THETA_MODELS, autoTheta, thetaMethod } from '@/lib/forecast/models/theta/index';
import { dynamicLines, staticLine } from '@/lib/forecast/models/theta/lines';
import { ALPHA, FIT_SIZE, INTERCEPT, LEVEL, MSE, SLOPE, WEIGHT, profile, runForecasts } from '@/lib/forecast/models/theta/recursion';

const f64 = (values: number[]) => Float64Array.from(values);
const stm = thetaMethod('STM', ['STM']);
const dotm = thetaMethod('DOTM', ['DOTM']);

/** Forecasts of a fitted method from origin n of y. */
function forecastAt(method: ReturnType<typeof thetaMethod>, y: Float64Array, m: number, h: number): Float64Array {
  const instance = method.create(m);
  expect(instance.fit(y, y.length)).toBe(true);
  const out = new Float64Array(y.length * h);
  instance.forecast(y, y.length, h, y.length, out);
  return out.slice((y.length - 1) * h);
}

function fitOf(alpha: number, weight: number, level: number, intercept: number, slope: number): Float64Array {
  const fit = new Float64Array(FIT_SIZE);
  fit[ALPHA] = alpha;
  fit[WEIGHT] = weight;
  fit[LEVEL] = level;
  fit[INTERCEPT] = intercept;
  fit[SLOPE] = slope;
  return fit;
}

describe('theta lines', () => {
  it('the static line is the least-squares line of the sample on time 1..n', () => {
    // y = 1, 3, 2, 4: mean 2.5, mean(t·y) = 7.25, B = 6(14.5 − 12.5)/15 = 0.8, A = 2.5 − 2.5·0.8 = 0.5.
    const line = new Float64Array(2);
    staticLine(f64([1, 3, 2, 4]), 4, line);
    expect(line[0]).toBeCloseTo(0.5, 12);
    expect(line[1]).toBeCloseTo(0.8, 12);
  });

  it("DOTM's A_t, B_t updates equal the least-squares line of every prefix (by hand)", () => {
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    dynamicLines(f64([1, 3, 2, 4]), 4, a, b, new Float64Array(3));
    // t = 1: the point itself; t = 2: through (1, 1), (2, 3); t = 3: slope Σ(t − 2)(y − 2)/2 = 0.5
    // at mean 2; t = 4: the whole sample's line above.
    expect([...a.subarray(1)].map((v) => +v.toFixed(12))).toEqual([1, -1, 1, 0.5]);
    expect([...b.subarray(1)].map((v) => +v.toFixed(12))).toEqual([0, 2, 0.5, 0.8]);
  });
});

describe('theta recursion', () => {
  it('STM is simple smoothing with drift b/2 as in thetaf (by hand)', () => {
    // y = 1, 3, 2, 4, α = 0.5, smoothing level from 1: ℓ = 1, 2, 2, 3. thetaf from origin 4:
    // 3 + 0.8/2·(k − 1 + (1 − 0.5⁴)/0.5) = 3.75, 4.15, 4.55; from origin 2 (same line):
    // 2 + 0.4·(1 − 0.25)/0.5 = 2.6. In the model's terms the level starts w(A + B) = 0.65 lower.
    const y = f64([1, 3, 2, 4]);
    const out = new Float64Array(4 * 3);
    runForecasts(y, 4, 3, 1, out, fitOf(0.5, 0.5, 1 - 0.65, 0.5, 0.8), false, new Float64Array(6));
    expect(out[3]).toBeCloseTo(2.6, 12);
    expect(out[9]).toBeCloseTo(3.75, 12);
    expect(out[10]).toBeCloseTo(4.15, 12);
    expect(out[11]).toBeCloseTo(4.55, 12);
  });

  it('DOTM continues level and line with its own forecasts (by hand)', () => {
    // α = 0.5, θ = 2, ℓ0 = 1 on y = 1, 3, 2, 4: ℓ4 = 3, line (0.5, 0.8).
    // μ5 = 3 + 0.5(0.5·0.5⁴ + 0.8(1 − 0.5⁵)/0.5) = 3.790625; then ℓ5 = 3.3953125,
    // B5 = (3·0.8 + 6(3.790625 − 2.5)/5)/6 = 0.658125, mean 2.758125, A5 = 0.78375,
    // μ6 = 3.3953125 + 0.5(0.78375·0.5⁵ + 0.658125(1 − 0.5⁶)/0.5) = 4.0554003906…
    const y = f64([1, 3, 2, 4]);
    const out = new Float64Array(4 * 2);
    runForecasts(y, 4, 2, 4, out, fitOf(0.5, 0.5, 1, 0, 0), true, new Float64Array(6));
    expect(out[6]).toBeCloseTo(3.790625, 12);
    expect(out[7]).toBeCloseTo(3.3953125 + 0.5 * (0.78375 * 0.5 ** 5 + (0.658125 * (1 - 0.5 ** 6)) / 0.5), 12);
  });

  it('the level and θ found for an α are the least squares: moving either raises the in-sample error', () => {
    const y = f64([50, 48, 53, 55, 52, 58, 57, 61, 59, 60, 66, 63]);
    const n = y.length;
    const a = new Float64Array(n + 1);
    const b = new Float64Array(n + 1);
    dynamicLines(y, n, a, b, new Float64Array(3));
    for (const dynamic of [false, true]) {
      const fit = new Float64Array(FIT_SIZE);
      staticLine(y, n, fit.subarray(INTERCEPT, SLOPE + 1));
      const best = profile(y, n, 0.7, NaN, dynamic, true, a, b, fit);
      // Here θ is inside its range (w in (0, 1)), so the minimum is a free one.
      expect(fit[WEIGHT]).toBeGreaterThan(0.5);
      expect(fit[WEIGHT]).toBeLessThan(0.99);
      const mse = (level: number, weight: number) => {
        let l = level;
        let qt = 1;
        let sse = 0;
        for (let t = 0; t < n; t++) {
          const mu = l + weight * ((dynamic ? a[t] : fit[INTERCEPT]) * qt + ((dynamic ? b[t] : fit[SLOPE]) * (1 - qt * 0.3)) / 0.7);
          if (t >= (dynamic ? 2 : 0)) sse += (y[t] - mu) ** 2;
          l = 0.7 * y[t] + 0.3 * l;
          qt *= 0.3;
        }
        return sse / (n - (dynamic ? 2 : 0));
      };
      expect(mse(fit[LEVEL], fit[WEIGHT])).toBeCloseTo(best, 9);
      expect(fit[MSE]).toBe(best);
      for (const [dl, dw] of [[0.1, 0], [-0.1, 0], [0, 0.01], [0, -0.01]]) {
        expect(mse(fit[LEVEL] + dl, fit[WEIGHT] + dw)).toBeGreaterThan(best);
      }
    }
  });
});

describe('auto_theta', () => {
  it("fitted STM reproduces R's thetaf on a trending series", () => {
    // thetaf(ts(y), h = 4) in R 4.2.2, forecast 8.20 (α = 0.8218).
    const y = f64([12, 15, 14, 18, 17, 21, 19, 24, 23, 26, 25, 30, 28, 31, 33, 32, 36, 35, 39, 41]);
    const ours = forecastAt(stm, y, 1, 4);
    [41.3897629371, 42.1059283507, 42.8220937642, 43.5382591777].forEach((r, k) => expect(Math.abs(ours[k] / r - 1)).toBeLessThan(1e-4));
  });

  it("adjusts a seasonal series multiplicatively as thetaf does", () => {
    // thetaf(ts(y, frequency = 4), h = 8): season found at lag 4, classical decomposition.
    const y = f64([30, 52, 41, 18, 33, 57, 44, 20, 35, 60, 47, 22, 38, 63, 49, 23, 40, 66, 52, 25]);
    const ours = forecastAt(stm, y, 4, 8);
    [43.4937550169, 72.8830277841, 56.8269659838, 25.6957412828, 44.6960676262, 74.8839301147, 58.3764367889, 26.3916298542].forEach((r, k) =>
      expect(Math.abs(ours[k] / r - 1)).toBeLessThan(1e-3),
    );
  });

  it('a phase that never sells is forecast at zero and the others as thetaf (zeros keep the decomposition multiplicative)', () => {
    // thetaf(ts(y, frequency = 4), h = 8): the fourth quarter's index is 0, below thetaf's guard, so
    // the series is smoothed as it is and only the forecasts are reseasonalised.
    const y = f64([30, 52, 41, 0, 33, 57, 44, 0, 35, 60, 47, 0, 38, 63, 49, 0, 40, 66, 52, 0]);
    const ours = forecastAt(stm, y, 4, 8);
    [36.3691050008, 60.8307583881, 47.2233279641, 0, 36.5131570699, 61.0714607147, 47.4100021399, 0].forEach((r, k) =>
      r === 0 ? expect(ours[k]).toBe(0) : expect(Math.abs(ours[k] / r - 1)).toBeLessThan(1e-3),
    );
  });

  it("the optimised Theta's season comes from the last ten cycles, thetaf's from the whole history", () => {
    // Twenty years peaking in January, then ten peaking in July, on a constant level of 100.
    const january = [1.5, 1.3, 1.1, 1, 0.9, 0.8, 0.7, 0.8, 0.9, 1, 1, 1];
    const july = [0.7, 0.8, 0.9, 1, 1.1, 1.3, 1.5, 1.3, 1, 0.9, 0.8, 0.7];
    const y = Float64Array.from({ length: 360 }, (_, t) => 100 * (t < 240 ? january : july)[t % 12]);
    const dotm = forecastAt(autoTheta, y, 12, 12);
    dotm.forEach((f, k) => expect(Math.abs(f / (100 * july[k]) - 1)).toBeLessThan(1e-3));
    const thetaf = forecastAt(stm, y, 12, 12);
    expect(thetaf[0]).toBeGreaterThan(thetaf[6]);
  });

  it('a constant level times a season is forecast exactly, every model', () => {
    const index = [0.8, 1.3, 1.1, 0.8];
    const y = Float64Array.from({ length: 24 }, (_, t) => 100 * index[t % 4]);
    for (const model of THETA_MODELS) {
      const ours = forecastAt(thetaMethod(model, [model]), y, 4, 6);
      ours.forEach((f, k) => expect(f).toBeCloseTo(100 * index[(24 + k) % 4], 6));
    }
  });

  it('is deterministic: the same fit and forecasts from a fresh or a reused instance', () => {
    const y = Float64Array.from({ length: 60 }, (_, t) => 50 + 0.3 * t + 8 * Math.sin(t * 1.7) + (t % 12 === 0 ? 9 : 0));
    const first = forecastAt(autoTheta, y, 12, 12);
    const reused = autoTheta.create(12);
    reused.fit(Float64Array.from({ length: 30 }, (_, t) => 1000 - t * t), 30);
    reused.fit(y, 60);
    const out = new Float64Array(60 * 12);
    reused.forecast(y, 60, 12, 60, out);
    expect([...out.subarray(59 * 12)]).toEqual([...first]);
    expect([...forecastAt(autoTheta, y, 12, 12)]).toEqual([...first]);
  });

  it('run through a longer history, the fitted filter forecasts from each origin exactly as from that prefix', () => {
    const y = Float64Array.from({ length: 48 }, (_, t) => 200 + 2 * t + 30 * [0.2, 1, -0.6, -0.6][t % 4] + 5 * Math.cos(3.1 * t));
    const h = 5;
    for (const model of THETA_MODELS) {
      const instance = thetaMethod(model, [model]).create(4);
      expect(instance.fit(y, 36)).toBe(true);
      const whole = new Float64Array(48 * h);
      instance.forecast(y, 48, h, 1, whole);
      const prefix = new Float64Array(48 * h);
      for (const origin of [5, 36, 40, 48]) {
        instance.forecast(y.subarray(0, origin), origin, h, origin, prefix);
        expect([...whole.subarray((origin - 1) * h, origin * h)]).toEqual([...prefix.subarray((origin - 1) * h, origin * h)]);
      }
    }
  });

  it('static forms have the analytic smoothing variance, dynamic ones none', () => {
    const y = Float64Array.from({ length: 40 }, (_, t) => 10 + 0.5 * t + 3 * Math.sin(2.3 * t));
    const instance = stm.create(1);
    instance.fit(y, 40);
    const v = new Float64Array(4);
    expect(instance.variance(y, 40, 4, v)).toBe(true);
    expect(v[0]).toBeGreaterThan(0);
    // σ²(1 + (k − 1)α²): equal increments.
    expect(v[2] - v[1]).toBeCloseTo(v[1] - v[0], 9);
    const dynamic = dotm.create(1);
    dynamic.fit(y, 40);
    expect(dynamic.variance(y, 40, 4, v)).toBe(false);
    expect(dynamic.describe()).toBe('DOTM');
    expect(autoTheta.name).toBe('auto_theta');
  });

  it('refuses what it cannot fit', () => {
    const instance = autoTheta.create(1);
    expect(instance.fit(f64([1, 2, 3]), 3)).toBe(false);
    expect(instance.fit(f64([1, 2, NaN, 4, 5]), 5)).toBe(false);
  });
});
