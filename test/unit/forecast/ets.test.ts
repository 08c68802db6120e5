import { describe, expect, it } from 'vitest';
import { autoEts, AutoEts } from '@/lib/forecast/models/ets';
import { admissible, rootsWithin } from '@/lib/forecast/models/ets/admissible';
import { ADDITIVE, MULTIPLICATIVE, NONE, type EtsForm } from '@/lib/forecast/models/ets/form';
import { criterion, lastFit, newModel, pointForecasts, startState, step, type EtsModel } from '@/lib/forecast/models/ets/recursions';
import { forecastVariance, VarianceScratch } from '@/lib/forecast/models/ets/variance';

const form = (error: 1 | 2, trend: 0 | 1, damped: boolean, season: 0 | 1 | 2): EtsForm => ({ error, trend, damped, season });

function model(f: EtsForm, m: number, values: Partial<EtsModel>, season: number[] = []): EtsModel {
  const out = newModel(f, m, m);
  Object.assign(out, values);
  out.season.set(season);
  return out;
}

/** Deterministic standard normal draws (LCG + Box–Muller): test data without randomness. */
function normals(count: number, seed: number): number[] {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const out: number[] = [];
  while (out.length < count) {
    const r = Math.sqrt(-2 * Math.log(uniform()));
    const a = 2 * Math.PI * uniform();
    out.push(r * Math.cos(a), r * Math.sin(a));
  }
  return out.slice(0, count);
}

function fitLast(values: number[], m: number, h: number) {
  const y = Float64Array.from(values);
  const method = autoEts.create(m);
  expect(method.fit(y, y.length)).toBe(true);
  const out = new Float64Array(y.length * h);
  method.forecast(y, y.length, h, y.length, out);
  return { method, forecast: Array.from(out.subarray((y.length - 1) * h)) };
}

describe('ETS recursions', () => {
  it('ETS(A,N,N): level moves half-way to each observation; criterion n·log(SSE)', () => {
    const mdl = model(form(ADDITIVE, NONE, false, NONE), 1, { alpha: 0.5, level: 10 });
    const y = Float64Array.from([12, 11, 13]);
    // Forecasts 10, 11, 11; errors 2, 0, 2; final level 12.
    expect(criterion(mdl, y, 3, new Float64Array(1))).toBeCloseTo(3 * Math.log(8), 12);
    const state = { level: 0, slope: 0, season: new Float64Array(1), t: 0 };
    startState(mdl, state);
    for (const v of y) step(mdl, state, v);
    const out = new Float64Array(2);
    pointForecasts(mdl, state, 2, out, 0);
    expect(Array.from(out)).toEqual([12, 12]);
  });

  it('ETS(M,A,N): relative errors and the log-forecast term', () => {
    const mdl = model(form(MULTIPLICATIVE, ADDITIVE, false, NONE), 1, { alpha: 0.5, beta: 0.25, level: 10, slope: 1 });
    const y = Float64Array.from([12, 12]);
    // t0: ŷ 11, e 1/11, ℓ 11.5, b 1.25; t1: ŷ 12.75, e −0.75/12.75, ℓ 12.375, b 1.0625.
    const sse = (1 / 11) ** 2 + (0.75 / 12.75) ** 2;
    expect(criterion(mdl, y, 2, new Float64Array(1))).toBeCloseTo(2 * Math.log(sse) + 2 * (Math.log(11) + Math.log(12.75)), 10);
    expect(lastFit.sse).toBeCloseTo(sse, 14);
    const state = { level: 0, slope: 0, season: new Float64Array(1), t: 0 };
    startState(mdl, state);
    for (const v of y) step(mdl, state, v);
    expect(state.level).toBeCloseTo(12.375, 12);
    expect(state.slope).toBeCloseTo(1.0625, 12);
    const out = new Float64Array(3);
    pointForecasts(mdl, state, 3, out, 0);
    expect(Array.from(out)).toEqual([12.375 + 1.0625, 12.375 + 2 * 1.0625, 12.375 + 3 * 1.0625].map((v) => expect.closeTo(v, 10)));
  });

  it('ETS(M,Ad,M): damped slope and multiplicative season by hand', () => {
    const mdl = model(form(MULTIPLICATIVE, ADDITIVE, true, MULTIPLICATIVE), 2, { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.9, level: 10, slope: 1 }, [0.8, 1.2]);
    const y = [9.5, 13];
    let level = 10;
    let slope = 1;
    const season = [0.8, 1.2];
    let sse = 0;
    let logs = 0;
    for (let t = 0; t < 2; t++) {
      const q = level + 0.9 * slope;
      const f = q * season[t];
      sse += ((y[t] - f) / f) ** 2;
      logs += Math.log(f);
      const next = q + 0.5 * (y[t] / season[t] - q);
      slope = 0.9 * slope + (0.1 / 0.5) * (next - level - 0.9 * slope);
      season[t] = season[t] + 0.2 * (y[t] / q - season[t]);
      level = next;
    }
    expect(criterion(mdl, Float64Array.from(y), 2, new Float64Array(2))).toBeCloseTo(2 * Math.log(sse) + 2 * logs, 10);
    const state = { level: 0, slope: 0, season: new Float64Array(2), t: 0 };
    startState(mdl, state);
    for (const v of y) step(mdl, state, v);
    const out = new Float64Array(3);
    pointForecasts(mdl, state, 3, out, 0);
    expect(out[0]).toBeCloseTo((level + 0.9 * slope) * season[0], 10);
    expect(out[1]).toBeCloseTo((level + (0.9 + 0.81) * slope) * season[1], 10);
    expect(out[2]).toBeCloseTo((level + (0.9 + 0.81 + 0.729) * slope) * season[0], 10);
  });
});

describe('admissible region', () => {
  it('Schur–Cohn finds roots inside and outside a radius', () => {
    // (z − 0.5)(z + 0.9) = z² + 0.4z − 0.45
    expect(rootsWithin(Float64Array.from([-0.45, 0.4, 1, 0, 0, 0]), 2, 1)).toBe(true);
    // (z − 1.1)(z + 0.2) = z² − 0.9z − 0.22
    expect(rootsWithin(Float64Array.from([-0.22, -0.9, 1, 0, 0, 0]), 2, 1)).toBe(false);
    expect(rootsWithin(Float64Array.from([-0.22, -0.9, 1, 0, 0, 0]), 2, 1.2)).toBe(true);
  });

  it("agrees with R's admissible() on seasonal parameters, including one only the polynomial rejects", () => {
    const poly = new Float64Array(64);
    const aada = form(ADDITIVE, ADDITIVE, true, ADDITIVE);
    // Values from forecast:::admissible (R 4.2.2, forecast 8.20).
    expect(admissible(form(ADDITIVE, ADDITIVE, false, ADDITIVE), 4, 0.5, 0.1, 0.1, 1, poly)).toBe(true);
    expect(admissible(aada, 4, 0.2, 0.05, 0.95, 0.9, poly)).toBe(true);
    expect(admissible(form(ADDITIVE, NONE, false, ADDITIVE), 12, 0.5, 0, 0.4, 1, poly)).toBe(true);
    expect(admissible(aada, 12, 0.3, 0.2, 0.3, 0.85, poly)).toBe(false);
    expect(admissible(aada, 4, 0.9, 0.5, 0.05, 0.98, poly)).toBe(true);
  });
});

describe('analytic variance', () => {
  const state = (mdl: EtsModel) => {
    const s = { level: 0, slope: 0, season: new Float64Array(mdl.m), t: 0 };
    startState(mdl, s);
    return s;
  };

  it('class 1 ETS(A,A,N) equals the closed form σ²[1 + (h−1){α² + αβh + β²h(2h−1)/6}]', () => {
    const a = 0.4;
    const b = 0.1;
    const mdl = model(form(ADDITIVE, ADDITIVE, false, NONE), 1, { alpha: a, beta: b, level: 5, slope: 1 });
    const out = new Float64Array(8);
    expect(forecastVariance(mdl, state(mdl), 2, 8, out, new VarianceScratch())).toBe(true);
    // Hyndman et al. (2008) table 6.1 writes β = αβ*: here β is the ETS β.
    const bStar = b / a;
    for (let h = 1; h <= 8; h++) {
      const closed = 2 * (1 + (h - 1) * (a * a + a * a * bStar * h + (a * bStar) ** 2 * h * (2 * h - 1) / 6));
      expect(out[h - 1]).toBeCloseTo(closed, 10);
    }
  });

  it('class 1 ETS(A,N,A) equals σ²[1 + (h−1)α² + k γ(2α + γ)], k = ⌊(h−1)/m⌋', () => {
    const mdl = model(form(ADDITIVE, NONE, false, ADDITIVE), 4, { alpha: 0.3, gamma: 0.2, level: 5 }, [1, -1, 2, -2]);
    const out = new Float64Array(12);
    forecastVariance(mdl, state(mdl), 1.5, 12, out, new VarianceScratch());
    for (let h = 1; h <= 12; h++) {
      const k = Math.floor((h - 1) / 4);
      expect(out[h - 1]).toBeCloseTo(1.5 * (1 + (h - 1) * 0.09 + k * 0.2 * (0.6 + 0.2)), 10);
    }
  });

  it('classes 2 and 3 start at σ²μ₁² and grow', () => {
    for (const f of [form(MULTIPLICATIVE, ADDITIVE, true, NONE), form(MULTIPLICATIVE, NONE, false, MULTIPLICATIVE)]) {
      const m = f.season === NONE ? 1 : 4;
      const mdl = model(f, m, { alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9, level: 100, slope: 1 }, m > 1 ? [0.8, 1.2, 0.9, 1.1] : []);
      const s = state(mdl);
      const out = new Float64Array(9);
      expect(forecastVariance(mdl, s, 0.01, 9, out, new VarianceScratch())).toBe(true);
      const mean = new Float64Array(1);
      pointForecasts(mdl, s, 1, mean, 0);
      expect(out[0]).toBeCloseTo(0.01 * mean[0] ** 2, 8);
      expect(out[8]).toBeGreaterThan(out[0]);
    }
  });
});

describe('AutoETS selection by AICc', () => {
  it('picks a multiplicative season on a clean multiplicative seasonal series', () => {
    const noise = normals(48, 7);
    const pattern = [0.6, 1.0, 1.5, 0.9];
    const y = noise.map((e, t) => (100 + 3 * t) * pattern[t % 4] * (1 + 0.02 * e));
    const { method, forecast } = fitLast(y, 4, 8);
    expect(method.describe()).toMatch(/^ETS\(M,(N|A|Ad),M\)$/);
    // From origin 48, step 1 is a trough quarter (0.6), step 3 the peak (1.5).
    expect(forecast[2]).toBeGreaterThan(2 * forecast[0]);
  });

  it('picks an additive season when the swing does not grow with the level', () => {
    const noise = normals(60, 11);
    const pattern = [-8, 3, 10, -5];
    const y = noise.map((e, t) => 50 + pattern[t % 4] + 0.8 * e - (t > 30 ? 100 : 0));
    expect(fitLast(y, 4, 4).method.describe()).toMatch(/^ETS\(A,(N|A|Ad),A\)$/);
  });

  it('picks a trend on a trending series and none on a level with noise', () => {
    const noise = normals(60, 3);
    expect(fitLast(noise.map((e, t) => 20 + 2 * t + e), 1, 6).method.describe()).toMatch(/^ETS\((A|M),Ad?,N\)$/);
    expect(fitLast(noise.map((e) => -5 + e), 1, 6).method.describe()).toBe('ETS(A,N,N)');
  });

  it('skips forms with more parameters than the data can carry (R: np ≥ n − 1)', () => {
    // 10 quarters: ETS(A,Ad,A) would need 4 parameters + 5 initial states = 9 ≥ n − 1.
    const y = [112, 98, 130, 121, 118, 104, 137, 126, 125, 110];
    for (let trial = 0; trial < 2; trial++) {
      const { method } = fitLast(y, 4, 4);
      expect(method.describe()).not.toMatch(/^ETS\(.,Ad,[AM]\)$/);
    }
  });

  it('follows R on short and constant series', () => {
    expect(fitLast([7, 7, 7, 7, 7, 7, 7, 7], 1, 3).forecast).toEqual([7, 7, 7]);
    const short = fitLast([3, 5, 4, 6, 7], 1, 3);
    expect(short.method.describe()).toMatch(/^ETS\(A,A?,?N\)$|^ETS\(A,N,N\)$/);
    expect(short.forecast.every(Number.isFinite)).toBe(true);
    // Seasons over 24 are not in the state (R: non-seasonal).
    const weekly = normals(160, 5).map((e, t) => 100 + 20 * Math.sin((2 * Math.PI * t) / 52) + e);
    expect(fitLast(weekly, 52, 4).method.describe()).toMatch(/,N\)$/);
  });
});

describe('AutoETS as a filter', () => {
  const noise = normals(120, 19);
  const series = noise.map((e, t) => (200 + t) * [0.8, 1.1, 1.3, 0.8][t % 4] * (1 + 0.03 * e));

  it('is deterministic across refits and instances', () => {
    const y = Float64Array.from(series);
    const a = autoEts.create(4);
    const b = autoEts.create(4);
    const outA = new Float64Array(120 * 8);
    const outB = new Float64Array(120 * 8);
    a.fit(y, 100);
    a.forecast(y, 120, 8, 1, outA);
    b.fit(Float64Array.from(series.slice(0, 100)), 100);
    b.forecast(y, 120, 8, 1, outB);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    a.fit(y, 100);
    a.forecast(y, 120, 8, 1, outB);
    expect(Array.from(outB)).toEqual(Array.from(outA));
    expect(a.describe()).toBe(b.describe());
  });

  it('continues the fitted recursions through a longer history, parameters and initial states unchanged', () => {
    const y = Float64Array.from(series);
    const method = autoEts.create(4) as AutoEts;
    expect(method.fit(y, 80)).toBe(true);
    const mdl = method.model();
    const h = 6;
    const out = new Float64Array(120 * h).fill(-1);
    method.forecast(y, 120, h, 10, out);
    // Rows before `from` are left alone.
    expect(out[8 * h]).toBe(-1);
    // Independent recursion in R's form, from the fitted initial states.
    const { alpha, beta, gamma, m, form: f } = mdl;
    const phi = f.damped ? mdl.phi : 1;
    let level = mdl.level;
    let slope = f.trend === NONE ? 0 : mdl.slope;
    const season = Array.from(mdl.season.subarray(0, m));
    for (let t = 0; t < 120; t++) {
      const q = level + phi * slope;
      const s = season[t % m];
      const u = f.season === ADDITIVE ? y[t] - s : f.season === MULTIPLICATIVE ? y[t] / s : y[t];
      const next = q + alpha * (u - q);
      if (f.trend !== NONE) slope = phi * slope + (beta / alpha) * (next - level - phi * slope);
      if (f.season === ADDITIVE) season[t % m] = s + gamma * (y[t] - q - s);
      if (f.season === MULTIPLICATIVE) season[t % m] = s + gamma * (y[t] / q - s);
      level = next;
      if (t + 1 < 10) continue;
      let damp = 0;
      for (let k = 1; k <= h; k++) {
        damp += phi ** k;
        const base = level + damp * slope;
        const idx = (t + k) % m;
        const expected = f.season === ADDITIVE ? base + season[idx] : f.season === MULTIPLICATIVE ? base * season[idx] : base;
        expect(out[t * h + k - 1]).toBeCloseTo(expected, 8);
      }
    }
  });

  it('keeps forecasts finite when a longer history leaves a multiplicative form’s domain', () => {
    const y = Float64Array.from([...series.slice(0, 100), 0, -50, 0, 1e-12, -3, 400]);
    const method = autoEts.create(4);
    expect(method.fit(y, 100)).toBe(true);
    expect(method.describe()).toMatch(/^ETS\(M/);
    const out = new Float64Array(y.length * 8);
    method.forecast(y, y.length, 8, 1, out);
    expect(out.every(Number.isFinite)).toBe(true);
  });
});
