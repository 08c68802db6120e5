import { describe, expect, it } from 'vitest';
import { forecastBatch, forecastSeries, GRADES, type ForecastSettings } from '@/lib/forecast';
import { isSeasonal, decompose } from '@/lib/forecast/season';

const yearly: ForecastSettings = { horizon: 4, season: 1, levels: [80, 95] };
const quarterly: ForecastSettings = { horizon: 8, season: 4, levels: [80, 95] };

/** A deterministic noisy series (no Math.random in tests either). */
function noisy(n: number, f: (t: number) => number, seed = 1): number[] {
  let s = seed;
  return Array.from({ length: n }, (_, t) => {
    s = (s * 16807) % 2147483647;
    return f(t) + ((s / 2147483647) - 0.5) * 10;
  });
}

function pack(series: number[][]) {
  const offsets = new Int32Array(series.length + 1);
  series.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.length));
  return { values: Float64Array.from(series.flat()), offsets };
}

describe('degenerate input', () => {
  it('one observation: naive point, assumed bands widening with the step, grade D', () => {
    const r = forecastSeries([42], yearly);
    expect(r.point).toEqual([42, 42, 42, 42]);
    expect(r.model).toBe('naive');
    expect(r.grade).toBe('D');
    expect(r.lower[1][0]).toBeLessThan(42);
    expect(r.upper[1][3]).toBeGreaterThan(r.upper[1][0]);
  });

  it('all zeros: zero forecast with zero-width bands', () => {
    const r = forecastSeries(new Array(30).fill(0), yearly);
    expect(r.point).toEqual([0, 0, 0, 0]);
    expect(r.upper[1]).toEqual([0, 0, 0, 0]);
    expect(r.cumulativeSigma).toEqual([0, 0, 0, 0]);
  });

  it('constant: the constant, and nothing to get wrong', () => {
    const r = forecastSeries(new Array(20).fill(5), yearly);
    expect(r.point).toEqual([5, 5, 5, 5]);
    expect(r.error).toBe(0);
    expect(r.grade).toBe('A');
  });

  it('negative values forecast below zero unless demand is asked for', () => {
    const y = Array.from({ length: 24 }, (_, t) => -50 - 3 * t);
    const free = forecastSeries(y, yearly);
    expect(free.point.every((p) => p < -100)).toBe(true);
    const clamped = forecastSeries(y, { ...yearly, nonNegative: true });
    expect(clamped.point).toEqual([0, 0, 0, 0]);
    expect(clamped.lower[0].every((v) => v >= 0)).toBe(true);
  });

  it('NaN gaps are bridged; leading and trailing NaN ignored; fitted is NaN there', () => {
    const base = Array.from({ length: 30 }, (_, t) => 100 + 2 * t);
    const gappy = [NaN, NaN, ...base.map((v, t) => (t === 10 || t === 11 ? NaN : v)), NaN];
    const r = forecastSeries(gappy, yearly);
    const clean = forecastSeries(base, yearly);
    expect(r.point.length).toBe(4);
    r.point.forEach((p, k) => expect(p).toBeCloseTo(clean.point[k], 6));
    expect(Number.isNaN(r.fitted[0])).toBe(true);
    expect(Number.isNaN(r.fitted[gappy.length - 1])).toBe(true);
    expect(Number.isFinite(r.fitted[10])).toBe(true);
  });

  it('nothing observed: model none, NaN forecast, no exception', () => {
    const r = forecastSeries([NaN, NaN], yearly);
    expect(r.model).toBe('none');
    expect(r.point.every(Number.isNaN)).toBe(true);
    expect(r.grade).toBe('D');
    expect(forecastSeries([], yearly).model).toBe('none');
  });

  it('short series of every length forecast finitely', () => {
    for (let n = 1; n <= 20; n++) {
      const r = forecastSeries(noisy(n, (t) => 50 + t), quarterly);
      expect(r.point.every(Number.isFinite), `n=${n}`).toBe(true);
      expect(r.upper[1].every((u, k) => u >= r.point[k]), `n=${n}`).toBe(true);
    }
  });

  it('odd series of every kind never throw, forecast finitely when anything was observed, and nest their bands around the point', () => {
    let s = 99;
    const rnd = () => (s = (s * 16807) % 2147483647) / 2147483647;
    const series: number[][] = [];
    for (let i = 0; i < 360; i++) {
      const n = Math.floor(rnd() * 80);
      const kind = i % 12;
      series.push(
        Array.from({ length: n }, (_, t) => {
          if (rnd() < 0.1) return NaN;
          if (kind === 0) return rnd() < 0.7 ? 0 : Math.round(rnd() * 5);
          if (kind === 1) return (rnd() - 0.5) * 1e6;
          if (kind === 2) return t % 7 === 0 ? 1e4 : 1;
          if (kind === 3) return 1e-9 * t;
          if (kind === 4) return -5;
          if (kind === 5) return 1e15 * (1 + 0.01 * rnd());
          if (kind === 6) return Math.exp(0.3 * t);
          if (kind === 7) return t < n / 2 ? 10 : 1000;
          if (kind === 8) return t === n - 1 ? 1e6 : 5;
          if (kind === 9) return t % 2 ? 1 : 1000;
          if (kind === 10) return t < n - 6 ? 100 + rnd() : 0;
          return 100 + 10 * Math.sin(t) + rnd();
        }),
      );
    }
    for (const settings of [quarterly, { horizon: 13, season: 52, levels: [50, 80, 99] }]) {
      const r = forecastBatch(pack(series), settings);
      const last = settings.levels.length - 1;
      series.forEach((y, i) => {
        const observed = y.some(Number.isFinite);
        for (let k = 0; k < settings.horizon; k++) {
          const at = i * settings.horizon + k;
          const where = `series ${i}, step ${k + 1}`;
          expect(Number.isFinite(r.point[at]), where).toBe(observed);
          if (!observed) continue;
          expect(Number.isFinite(r.lower[last][at]) && Number.isFinite(r.upper[last][at]), where).toBe(true);
          for (let j = 0; j <= last; j++) {
            expect(r.lower[j][at], where).toBeLessThanOrEqual(r.point[at]);
            expect(r.upper[j][at], where).toBeGreaterThanOrEqual(r.point[at]);
            if (j > 0) expect(r.lower[j][at] <= r.lower[j - 1][at] && r.upper[j][at] >= r.upper[j - 1][at], where).toBe(true);
          }
          expect(r.cumulativeSigma[at], where).toBeGreaterThanOrEqual(k > 0 ? r.cumulativeSigma[at - 1] : 0);
        }
      });
    }
  });

  it('uses the last 2,000 periods of a longer history', () => {
    const y = noisy(2500, (t) => (t < 500 ? 10_000 : 100 + 0.1 * t), 8);
    const r = forecastSeries(y, yearly);
    expect(Number.isNaN(r.fitted[499])).toBe(true);
    expect(Number.isFinite(r.fitted[600])).toBe(true);
    expect(Math.abs(r.point[0] - 350)).toBeLessThan(20);
  });

  it('rejects settings it cannot honour', () => {
    expect(() => forecastSeries([1, 2], { ...yearly, horizon: 0 })).toThrow(RangeError);
    expect(() => forecastSeries([1, 2], { ...yearly, season: 1.5 })).toThrow(RangeError);
    expect(() => forecastSeries([1, 2], { ...yearly, levels: [100] })).toThrow(RangeError);
    expect(() => forecastBatch({ values: new Float64Array(2), offsets: Int32Array.of(0, 3) }, yearly)).toThrow(RangeError);
    // A daily run's year must match its groups and series.
    const batch = { values: new Float64Array(20), offsets: Int32Array.of(0, 10, 20) };
    const daily = { ...yearly, season: 7 };
    const shared = { profiles: new Float64Array(2 * 7).fill(1), group: Int32Array.of(0, 0), phase: Int32Array.of(0, 3) };
    const year = (length: number, rows: number, series: number) => ({ length, profiles: new Float64Array(rows * length).fill(1), phase: new Int32Array(series) });
    expect(() => forecastBatch(batch, daily, undefined, { ...shared, year: year(364, 2, 2) })).not.toThrow();
    expect(() => forecastBatch(batch, daily, undefined, { ...shared, year: year(364, 1, 2) })).toThrow(/the year needs 2 profiles of 364/);
    expect(() => forecastBatch(batch, daily, undefined, { ...shared, year: year(364, 2, 1) })).toThrow(/a phase per series/);
    expect(() => forecastBatch(batch, daily, undefined, { ...shared, year: year(1.5, 2, 2) })).toThrow(RangeError);
  });
});

describe('batch contract', () => {
  const series = [
    noisy(40, (t) => 200 + 3 * t),
    noisy(36, (t) => 100 + 30 * Math.sin((Math.PI * t) / 2), 7),
    Array.from({ length: 36 }, (_, t) => (t % 3 === 0 ? 2 : 0)),
    [5],
    noisy(25, (t) => 1000 - 8 * t, 3),
  ];

  it('is deterministic and each series is independent of its batch', () => {
    const a = forecastBatch(pack(series), quarterly);
    const b = forecastBatch(pack(series), quarterly);
    expect(Array.from(b.point)).toEqual(Array.from(a.point));
    expect(Array.from(b.upper[1])).toEqual(Array.from(a.upper[1]));
    const h = quarterly.horizon;
    series.forEach((s, i) => {
      const alone = forecastBatch(pack([s]), quarterly);
      expect(Array.from(alone.point)).toEqual(Array.from(a.point.subarray(i * h, (i + 1) * h)));
      expect(Array.from(alone.lower[0])).toEqual(Array.from(a.lower[0].subarray(i * h, (i + 1) * h)));
      expect(Array.from(alone.cumulativeSigma)).toEqual(Array.from(a.cumulativeSigma.subarray(i * h, (i + 1) * h)));
      expect(alone.modelNames[alone.model[0]]).toBe(a.modelNames[a.model[i]]);
      expect(alone.error[0]).toBe(a.error[i]);
    });
    const reversed = forecastBatch(pack([...series].reverse()), quarterly);
    expect(Array.from(reversed.point.subarray(0, h))).toEqual(Array.from(a.point.subarray(4 * h, 5 * h)));
  });

  it('fills every output with the documented shapes', () => {
    const r = forecastBatch(pack(series), quarterly);
    const n = series.length;
    const h = quarterly.horizon;
    expect(r.count).toBe(n);
    expect(r.point.length).toBe(n * h);
    expect(r.lower.length).toBe(2);
    expect(r.fitted.length).toBe(series.flat().length);
    expect(r.leaderboardOffsets.length).toBe(n + 1);
    for (let i = 0; i < n; i++) {
      const from = r.leaderboardOffsets[i];
      const to = r.leaderboardOffsets[i + 1];
      expect(to).toBeGreaterThan(from);
      for (let j = from + 1; j < to; j++) {
        if (!Number.isNaN(r.leaderboardError[j])) expect(r.leaderboardError[j]).toBeGreaterThanOrEqual(r.leaderboardError[j - 1]);
      }
      // The winner is on its own leaderboard with the reported error.
      const entries = Array.from(r.leaderboardModel.subarray(from, to));
      expect(entries).toContain(r.model[i]);
      expect(GRADES[r.grade[i]]).toBeDefined();
      for (let k = 0; k < h; k++) {
        const at = i * h + k;
        expect(r.lower[1][at]).toBeLessThanOrEqual(r.lower[0][at]);
        expect(r.lower[0][at]).toBeLessThanOrEqual(r.point[at]);
        expect(r.upper[1][at]).toBeGreaterThanOrEqual(r.upper[0][at]);
        if (k > 0) expect(r.cumulativeSigma[at]).toBeGreaterThanOrEqual(r.cumulativeSigma[at - 1]);
      }
    }
    expect(r.errorKind[2]).toBe(1);
    expect(r.errorKind[0]).toBe(0);
  });

  it('reports progress after every series', () => {
    const calls: [number, number][] = [];
    forecastBatch(pack(series), quarterly, (done, total) => calls.push([done, total]));
    expect(calls).toEqual(series.map((_, i) => [i + 1, series.length]));
  });

  it('keeps the label table fixed whatever the data', () => {
    const a = forecastBatch(pack(series.slice(0, 1)), yearly).modelNames;
    const b = forecastBatch(pack(series), quarterly).modelNames;
    expect(a).toEqual(b);
    expect(a).toContain('combo(auto_ets+auto_arima+auto_theta+theta)');
    for (const name of ['naive', 'snaive', 'auto_ets', 'auto_arima', 'auto_theta', 'theta', 'ma', 'croston', 'sba', 'tsb', 'none']) expect(a).toContain(name);
    for (const pair of ['combo(auto_ets+auto_arima)', 'combo(auto_ets+auto_theta)', 'combo(auto_arima+auto_theta)', 'combo(auto_theta+theta)']) expect(a).toContain(pair);
    for (const three of ['combo(auto_ets+auto_arima+auto_theta)', 'combo(auto_ets+auto_arima+theta)']) expect(a).toContain(three);
  });
});

describe('tournament', () => {
  it('scores intermittent demand by RMSSE and never picks a model that starves the shelf', () => {
    const y = Array.from({ length: 48 }, (_, t) => (t % 4 === 0 ? 3 : 0));
    const r = forecastSeries(y, { horizon: 6, season: 12, levels: [80, 95], nonNegative: true });
    expect(r.point.every((p) => p > 0.3)).toBe(true);
    expect(r.leaderboard.map((e) => e.model)).toEqual(expect.arrayContaining(['croston', 'sba', 'tsb', 'ma']));
  });

  it('finds real seasonality and adjusts for it', () => {
    const y = noisy(48, (t) => 500 + [120, -40, -150, 70][t % 4] + 2 * t, 11);
    const r = forecastSeries(y, quarterly);
    expect(r.seasonal).toBe(true);
    // The forecast keeps the quarterly shape: Q1 above Q3 of the same year.
    expect(r.point[0]).toBeGreaterThan(r.point[2] + 150);
  });

  it('places a calendar peak in weekly data where this year has it, however long the history', () => {
    // 20 years of weeks with a two-week peak each year on the same calendar day: the year is 52.18
    // weeks, so the peak falls a week later in the 52-week cycle every 5.6 years.
    const weeksPerYear = 365.2425 / 7;
    const peakAt = (t: number) => {
      const phase = ((t / weeksPerYear) % 1) * weeksPerYear;
      const gap = Math.min(Math.abs(phase - 30), weeksPerYear - Math.abs(phase - 30));
      return 100 + 100 * Math.exp(-(gap * gap) / 2);
    };
    const n = 20 * 52;
    const r = forecastSeries(noisy(n, peakAt, 3), { horizon: 52, season: 52, levels: [80, 95] });
    let truePeak = 0;
    for (let k = 1; k < 52; k++) if (peakAt(n + k) > peakAt(n + truePeak)) truePeak = k;
    const forecastPeak = r.point.indexOf(Math.max(...r.point));
    expect(Math.abs(forecastPeak - truePeak)).toBeLessThanOrEqual(1);
    // Near its height (about 200), not spread thin over the weeks it visited in 20 years (the
    // whole history's indices: 169 at most, 120 in the peak's week).
    expect(r.point[forecastPeak]).toBeGreaterThan(185);
    expect(r.point[truePeak]).toBeGreaterThan(145);
  });

  it('an exact line is continued (within 0.5%) and grades A', () => {
    // Damped trend and theta bend or lag a perfect line a little; the combination stays close.
    const y = Array.from({ length: 30 }, (_, t) => 10 + 4 * t);
    const r = forecastSeries(y, yearly);
    r.point.forEach((p, k) => expect(Math.abs(p / (10 + 4 * (30 + k)) - 1)).toBeLessThan(0.005));
    expect(r.grade).toBe('A');
  });

  it('a random walk grades no better than C: naive is as good as anything', () => {
    let v = 100;
    const walk = noisy(60, () => 0, 5).map((e) => (v += e));
    const r = forecastSeries(walk, yearly);
    expect(['C', 'D']).toContain(r.grade);
  });
});

describe('seasonality test', () => {
  it('finds a quarterly pattern and ignores noise', () => {
    const seasonal = Float64Array.from(noisy(40, (t) => 100 + [20, -10, -20, 10][t % 4], 2));
    const plain = Float64Array.from(noisy(40, () => 100, 2));
    const scratch = new Float64Array(200);
    expect(isSeasonal(seasonal, 40, 4, scratch)).toBe(true);
    expect(isSeasonal(plain, 40, 4, scratch)).toBe(false);
  });

  it('finds a yearly wave in three years of weeks', () => {
    const weekly = Float64Array.from(noisy(156, (t) => 200 + 40 * Math.sin((2 * Math.PI * t) / 52), 4));
    const plain = Float64Array.from(noisy(156, () => 200, 4));
    const scratch = new Float64Array(400);
    expect(isSeasonal(weekly, 156, 52, scratch)).toBe(true);
    expect(isSeasonal(plain, 156, 52, scratch)).toBe(false);
  });

  it('decomposes as R’s decompose: indices average to 1 (multiplicative)', () => {
    const y = Float64Array.from({ length: 16 }, (_, t) => (10 + t) * [1.2, 0.8, 1.1, 0.9][t % 4]);
    const index = new Float64Array(4);
    decompose(y, 16, 4, true, index, new Float64Array(16));
    expect(index.reduce((a, b) => a + b, 0) / 4).toBeCloseTo(1, 12);
    expect(index[0]).toBeGreaterThan(1.1);
    expect(index[1]).toBeLessThan(0.85);
  });
});
