import { describe, expect, it } from 'vitest';
import { ERROR_RMSSE, forecastBatch, forecastSeries, type BatchForecast, type ForecastSettings } from '@/lib/forecast';
import { survival } from '@/lib/forecast/engine/fading';
import { Spread } from '@/lib/forecast/engine/spread';

const weekly: ForecastSettings = { horizon: 26, season: 52, levels: [80, 95], nonNegative: true };
/** The 95% Laplace quantile in units of the spread (engine.ts): half-width = this × σ. */
const Q95 = Math.log(20) / Math.SQRT2;
/** The normal quantile of 95% service: the inventory's bound is Σ point + this × cumulativeSigma. */
const Z95 = 1.6448536269514722;

/** Deterministic uniform numbers in (0, 1). */
function uniforms(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Poisson counts with mean `mean(t)` (Knuth), from a fixed seed. */
function poisson(n: number, mean: (t: number) => number, seed: number): number[] {
  const u = uniforms(seed);
  return Array.from({ length: n }, (_, t) => {
    const limit = Math.exp(-mean(t));
    let k = 0;
    for (let p = u(); p > limit; p *= u()) k++;
    return k;
  });
}

function pack(series: number[][]) {
  const offsets = new Int32Array(series.length + 1);
  series.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.length));
  return { values: Float64Array.from(series.flat()), offsets };
}

/** Per-step spread σ(k) recovered from the 95% band: (upper − point) / quantile. */
const stepSpread = (r: BatchForecast, at: number) => (r.upper[1][at] - r.point[at]) / Q95;
/** Bands on the log scale (errorScale.ts) are point × exp(± w): upper × lower = point², with w > 0. */
const onLogScale = (r: BatchForecast, at: number) =>
  r.upper[1][at] > r.point[at] && Math.abs(r.upper[1][at] * r.lower[1][at] - r.point[at] ** 2) <= 1e-9 * r.point[at] ** 2;

describe('cumulative spread (safety stock rests on it)', () => {
  // Odd and ordinary series of every kind: noise, trends, random walks, seasons, intermittent,
  // dying and short ones.
  const u = uniforms(4242);
  const series: number[][] = [];
  for (let i = 0; i < 240; i++) {
    const n = 1 + Math.floor(u() * 160);
    const kind = i % 8;
    let walk = 100;
    series.push(
      Array.from({ length: n }, (_, t) => {
        const e = u() - 0.5;
        if (kind === 0) return 50 + 20 * e;
        if (kind === 1) return 10 + 3 * t + 15 * e;
        if (kind === 2) return (walk += 10 * e);
        if (kind === 3) return 100 + 40 * Math.sin((2 * Math.PI * t) / 52) + 10 * e;
        if (kind === 4) return u() < 0.7 ? 0 : Math.round(1 + 4 * u());
        if (kind === 5) return t < n * 0.7 ? Math.round(20 + 10 * e) : 0;
        if (kind === 6) return Math.max(0, 200 - 2 * t + 30 * e);
        return t % 13 === 0 ? 500 : 20 + 5 * e;
      }),
    );
  }
  const results = [weekly, { horizon: 8, season: 4, levels: [80, 95] }].map((s) => forecastBatch(pack(series), s));

  it('grows by at most each step’s spread (σ of a sum ≤ sum of the σs), so σ(k) ≤ σ(1) + (k − 1) × the largest step spread', () => {
    let checked = 0;
    for (const r of results) {
      const h = r.horizon;
      for (let i = 0; i < r.count; i++) {
        // Intermittent demand's bounds are quantiles [0, q] (spread.ts), and log-scale bands are
        // point × exp(± w): neither is point ± σ.
        if (r.errorKind[i] === ERROR_RMSSE || onLogScale(r, i * h)) continue;
        checked++;
        let largest = 0;
        for (let k = 0; k < h; k++) {
          const at = i * h + k;
          const step = stepSpread(r, at);
          largest = Math.max(largest, step);
          const tolerance = 1e-9 * (1 + r.cumulativeSigma[i * h] + k * largest);
          // σ(1) is the one-step spread, or more where the one-step errors' upper tail is heavier
          // than the spread says (the measured 95% quantile over its normal quantile).
          if (k === 0) expect(r.cumulativeSigma[at], `series ${i}`).toBeGreaterThanOrEqual(step - tolerance);
          else {
            expect(r.cumulativeSigma[at], `series ${i} step ${k + 1}`).toBeLessThanOrEqual(r.cumulativeSigma[at - 1] + step + tolerance);
            expect(r.cumulativeSigma[at]).toBeGreaterThanOrEqual(r.cumulativeSigma[at - 1]);
          }
          expect(r.cumulativeSigma[at]).toBeLessThanOrEqual(r.cumulativeSigma[i * h] + k * largest + tolerance);
        }
      }
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('promotion-like spikes (6% of weeks at three times the sales): the 95% lead-time bound holds them, and plain noise keeps its bound', () => {
    const coverage = (spikes: number) => {
      const u = uniforms(777);
      const count = 1000;
      const n = 156;
      const h = 8;
      const history: number[][] = [];
      const future: number[][] = [];
      for (let i = 0; i < count; i++) {
        const weeks = poisson(n + h, () => 40, 1 + Math.floor(u() * 1e6)).map((v) => (u() < spikes ? 3 * v : v));
        history.push(weeks.slice(0, n));
        future.push(weeks.slice(n));
      }
      const r = forecastBatch(pack(history), { ...weekly, horizon: h });
      return [1, 2, 4, 8].map((k) => {
        let covered = 0;
        for (let i = 0; i < count; i++) {
          let point = 0;
          let actual = 0;
          for (let j = 0; j < k; j++) {
            point += r.point[i * h + j];
            actual += future[i][j];
          }
          if (actual <= point + Z95 * r.cumulativeSigma[i * h + k - 1]) covered++;
        }
        return covered / count;
      });
    };
    // A bound of z × the root mean square covered 0.904–0.943 of the spiky sums (0.918 on average).
    const spiky = coverage(0.06);
    for (const c of spiky) expect(c).toBeGreaterThanOrEqual(0.92);
    expect(spiky.reduce((a, b) => a + b) / spiky.length).toBeGreaterThanOrEqual(0.93);
    for (const c of coverage(0)) {
      expect(c).toBeGreaterThanOrEqual(0.93);
      expect(c).toBeLessThanOrEqual(0.98);
    }
  });

  it('noise around a level: per-step bands stay flat and σ(k)/σ(1) stays below k', () => {
    const r = forecastSeries(poisson(156, () => 40, 7), weekly);
    const s = r.cumulativeSigma;
    const step = (k: number) => (r.upper[1][k - 1] - r.point[k - 1]) / Q95;
    // The shrinkage toward spreads growing like k and k(k + 1)/2 that this replaced gave
    // 10.6 here, and σ(6)/σ(1) = 8.2, σ(26)/σ(1) = 143.
    expect(step(26) / step(1)).toBeLessThan(1.5);
    for (let k = 2; k <= 26; k++) expect(s[k - 1] / s[0], `k=${k}`).toBeLessThanOrEqual(k);
    // About √k or more: independent noise sums like √k, and the level the forecast carries
    // forward errs alike at every step (so not much below √k, whatever the sample).
    expect(s[25] / s[0]).toBeGreaterThan(0.9 * Math.sqrt(26));
  });

  it('a trending history widens the long steps by at least the trend itself (it may break after the history ends)', () => {
    const u = uniforms(3);
    const line = Array.from({ length: 60 }, (_, t) => 100 + 8 * t + (u() - 0.5));
    const r = forecastSeries(line, { horizon: 8, season: 1, levels: [80, 95] });
    const step = (k: number) => (r.upper[1][k - 1] - r.point[k - 1]) / Q95;
    // The line itself is forecast almost exactly (one-step spread under 1); at step 8 the band
    // allows for the slope of 8 per step being off by its own size over the 7 steps since step 1.
    expect(step(1)).toBeLessThan(1);
    expect(step(8)).toBeGreaterThan(7 * 8);
    expect(r.cumulativeSigma[7]).toBeGreaterThan(8 * ((7 * 8) / 2));
  });
});

describe('steps past the measured ones (histories short for their horizon)', () => {
  /** A spread over h steps measured on y[0..n) against forecasts G (origin-major, h per origin), no trend. */
  function measured(n: number, h: number, error: (t: number, k: number) => number) {
    const y = new Float64Array(n);
    const G = new Float64Array(n * h);
    for (let t = 1; t < n; t++) for (let k = 0; k < h && t + k < n; k++) G[(t - 1) * h + k] = y[t + k] - error(t, k);
    const spread = new Spread(h);
    spread.backtest(G, n, y, 0);
    spread.measure(G, n, y, new Float64Array(n));
    return spread;
  }

  it('errors that do not grow with the horizon keep their spread, and their sums grow like independent ones', () => {
    // 12 points: steps 1–7 have three or more in-sample errors (past the warm-up), 8–20 none.
    const { sigma, cumSigma } = measured(12, 20, (t) => (t % 2 ? 1 : -1));
    // The random walk this replaced took σ(20) to about √14 × σ(7).
    expect(sigma[19]).toBeCloseTo(sigma[6], 12);
    for (let k = 7; k < 20; k++) expect(cumSigma[k] ** 2 - cumSigma[k - 1] ** 2).toBeCloseTo(sigma[0] ** 2, 9);
  });

  it('errors that grow faster than a random walk are carried on at a random walk’s pace, no faster', () => {
    const { sigma } = measured(12, 20, (t, k) => (k + 1) * (t % 2 ? 1 : -1));
    for (let k = 8; k < 20; k++) expect(sigma[k] ** 2 - sigma[k - 1] ** 2).toBeCloseTo(sigma[0] ** 2, 9);
  });

  it('new items by day (14 to 60 days of sales, 91 days ahead): the lead-time bound covers without ballooning', () => {
    // Poisson demand around a steady level. Before, steps past the measured ones (past about
    // n − n/4 days) grew as a random walk's with sums fully correlated: the median 56-day σ of a
    // 14-day history was 103 × σ·√56 (27 × at 28 days), of a 30-day one 36 ×.
    const daily: ForecastSettings = { horizon: 91, season: 7, levels: [80, 95], nonNegative: true };
    const limits: Record<number, Record<number, number>> = { 14: { 28: 15, 56: 40 }, 30: { 56: 15 } };
    for (const n of [14, 30, 60]) {
      const series = Array.from({ length: 200 }, (_, i) => poisson(n + 91, () => 40, 1000 + i));
      const r = forecastBatch(pack(series.map((s) => s.slice(0, n))), daily);
      for (const k of [7, 28, 56]) {
        let covered = 0;
        const ratios: number[] = [];
        for (let i = 0; i < series.length; i++) {
          let points = 0;
          let actual = 0;
          for (let j = 0; j < k; j++) {
            points += r.point[i * 91 + j];
            actual += series[i][n + j];
          }
          const sigma = r.cumulativeSigma[i * 91 + k - 1];
          if (actual <= points + 1.6449 * sigma) covered++;
          ratios.push(sigma / Math.sqrt(40 * k));
        }
        ratios.sort((a, b) => a - b);
        expect(covered / series.length, `n=${n} k=${k}`).toBeGreaterThanOrEqual(0.93);
        const limit = limits[n]?.[k];
        if (limit !== undefined) expect(ratios[series.length >> 1], `n=${n} k=${k}`).toBeLessThan(limit);
      }
    }
  });
});

describe('error scale (errorScale.ts)', () => {
  const yearly = { horizon: 8, season: 1, levels: [80, 95] };

  it('errors that grow with the level: bands on the log scale, reaching further above the point than below', () => {
    const u = uniforms(11);
    const growing = Array.from({ length: 80 }, (_, t) => 10 * 1.04 ** t * (1 + 0.15 * (u() - 0.5)));
    const r = forecastSeries(growing, yearly);
    for (let k = 0; k < 8; k++) {
      const p = r.point[k];
      for (const level of [0, 1]) {
        expect(r.upper[level][k] * r.lower[level][k], `step ${k + 1}`).toBeCloseTo(p * p, 6);
        expect(r.upper[level][k] - p).toBeGreaterThan(p - r.lower[level][k]);
      }
    }
  });

  it('errors that grow with the level: the lead-time bound at 95% service takes the bands’ proportional shape', () => {
    const u = uniforms(11);
    const growing = Array.from({ length: 80 }, (_, t) => 10 * 1.04 ** t * (1 + 0.15 * (u() - 0.5)));
    const r = forecastSeries(growing, yearly);
    const z95 = 1.6448536269514722;
    // One step: the spread of the log error, read off the 80% band (point × exp(± quantile × s)).
    const s1 = Math.log(r.upper[0][0] / r.point[0]) / (Math.log(5) / Math.SQRT2);
    expect(r.point[0] + z95 * r.cumulativeSigma[0]).toBeCloseTo(r.point[0] * Math.exp(z95 * s1), 6);
    // Above the bound a spread of one size either side would give: the log band's mean half-width.
    const symmetric = (r.upper[0][0] - r.lower[0][0]) / 2 / (Math.log(5) / Math.SQRT2);
    expect(r.cumulativeSigma[0]).toBeGreaterThan(symmetric);
    for (let k = 1; k < 8; k++) expect(r.cumulativeSigma[k]).toBeGreaterThan(r.cumulativeSigma[k - 1]);
  });

  it('errors that grow with the level: the lead-time spread never falls as the lead time grows, however large the errors', () => {
    // Strictly positive demand whose errors are proportional to it (log scale): promotion spikes,
    // an alternating pattern and a season heading into its trough. A sum's log spread over k
    // steps, read back in units from the summed points, can shrink where the log errors are large
    // or the points fall; safety stock for a longer lead time must not.
    const u = uniforms(21);
    const series = [
      Array.from({ length: 150 }, (_, t) => (t % 17 === 16 ? 400 : 5) * (1 + 0.2 * (u() - 0.5))),
      Array.from({ length: 30 }, (_, t) => (t % 2 ? 1 : 100)),
      Array.from({ length: 156 }, (_, t) => 30 * Math.exp(1.2 * Math.cos((2 * Math.PI * (t + 10)) / 52)) * (1 + 0.8 * (u() - 0.5))),
    ];
    let onLog = 0;
    for (const settings of [weekly, { horizon: 6, season: 4, levels: [80, 95], nonNegative: true }]) {
      const r = forecastBatch(pack(series), settings);
      const h = r.horizon;
      for (let i = 0; i < r.count; i++) {
        if (onLogScale(r, i * h)) onLog++;
        for (let k = 1; k < h; k++) expect(r.cumulativeSigma[i * h + k], `series ${i}, h ${h}, step ${k + 1}`).toBeGreaterThanOrEqual(r.cumulativeSigma[i * h + k - 1]);
      }
    }
    expect(onLog).toBeGreaterThanOrEqual(3);
  });

  it('log errors too large for a long horizon: every bound and lead-time spread stays finite', () => {
    // Demand swinging by four orders of magnitude day to day: its log errors, carried 91 days
    // ahead, overflow point × exp(width); such a series takes its spread in units instead.
    const swinging = Array.from({ length: 8 }, (_, t) => (t % 2 ? 1000 : 0.1));
    const r = forecastSeries(swinging, { horizon: 91, season: 7, levels: [80, 95], nonNegative: true });
    for (let k = 0; k < 91; k++) {
      expect(Number.isFinite(r.cumulativeSigma[k]), `step ${k + 1}`).toBe(true);
      for (const level of [0, 1]) {
        expect(Number.isFinite(r.upper[level][k])).toBe(true);
        expect(r.lower[level][k]).toBeGreaterThanOrEqual(0);
        expect(r.upper[level][k]).toBeGreaterThanOrEqual(r.point[k]);
      }
    }
  });

  it('errors that grow with the level: a sum’s log spread is the log ratio of the summed actuals to the summed forecasts', () => {
    // A forecast of 100 every period against demand of 100 with a week at 300 every 10: the log
    // errors summed over four weeks say log 3 / 4 per week (a geometric mean of 1.32), the sum
    // 600 / 400 = 1.5.
    const n = 200;
    const h = 4;
    const y = Float64Array.from({ length: n }, (_, t) => (t % 10 === 5 ? 300 : 100));
    const G = new Float64Array(n * h).fill(100);
    const ratios = new Spread(h, true);
    ratios.backtest(G, n, y, 0);
    ratios.measure(G, n, y, new Float64Array(n));
    const logs = new Spread(h);
    const logY = y.map(Math.log);
    logs.backtest(G.map(Math.log), n, logY, 0);
    logs.measure(G.map(Math.log), n, logY, new Float64Array(n));
    // Every step alike: the same log errors.
    for (let k = 0; k < h; k++) expect(ratios.sigma[k]).toBeCloseTo(logs.sigma[k], 12);
    // The sums: k × log(Σ actual / Σ forecast), root mean square over the origins past the warm-up.
    let squares = 0;
    let count = 0;
    for (let t = Math.floor(n * 0.25); t + h <= n; t++) {
      let sum = 0;
      for (let k = 0; k < h; k++) sum += y[t + k];
      squares += (h * Math.log(sum / (100 * h))) ** 2;
      count++;
    }
    const small = Math.sqrt(n / (n - 5));
    expect(ratios.cumSigma[h - 1]).toBeCloseTo(Math.sqrt(squares / count) * small, 9);
    expect(ratios.cumSigma[h - 1]).toBeGreaterThan(1.1 * logs.cumSigma[h - 1]);
  });

  it('errors of one size at every level: bands of one width either side of the point', () => {
    const u = uniforms(12);
    const line = Array.from({ length: 80 }, (_, t) => 100 + 3 * t + 10 * (u() - 0.5));
    const r = forecastSeries(line, yearly);
    for (let k = 0; k < 8; k++) {
      const above = r.upper[1][k] - r.point[k];
      expect(above).toBeGreaterThan(0);
      expect(r.point[k] - r.lower[1][k], `step ${k + 1}`).toBeCloseTo(above, 9);
    }
  });
});

describe('fading demand', () => {
  it('an item that stopped selling half a year ago forecasts under one unit a quarter', () => {
    const r = forecastSeries([...poisson(104, () => 5, 11), ...new Array(26).fill(0)], weekly);
    expect(r.point.slice(0, 13).reduce((a, b) => a + b, 0)).toBeLessThan(1);
    expect(r.cumulativeSigma[12]).toBeLessThan(1);
  });

  // A slow mover: sells in ~40% of weeks, longest gap 10 weeks; its forecast (a moving average
  // over one to two seasons) would hold up for a year of silence without the fade.
  const u = uniforms(17);
  const slow = Array.from({ length: 104 }, () => (u() < 0.4 ? 1 + Math.floor(u() * 3) : 0));
  while (slow[slow.length - 1] === 0) slow.pop();
  const quarter = (silentWeeks: number) => {
    const r = forecastSeries([...slow, ...new Array(silentWeeks).fill(0)], weekly);
    return r.point.slice(0, 13).reduce((a, b) => a + b, 0);
  };

  it('a slow mover silent for much longer than its usual gaps fades toward zero, step by step', () => {
    const q = [20, 24, 30, 40].map(quarter);
    for (let j = 1; j < q.length; j++) expect(q[j]).toBeLessThan(q[j - 1]);
    expect(q[2]).toBeLessThan(1);
    expect(q[3]).toBeLessThan(0.05);
  });

  it('silence within twice the longest earlier gap leaves the forecast alone', () => {
    const y = Float64Array.from([...slow, ...new Array(16).fill(0)]);
    expect(survival(y, y.length)).toBe(1);
    const longer = Float64Array.from([...slow, ...new Array(40).fill(0)]);
    expect(survival(longer, longer.length)).toBeLessThan(0.05);
  });

  it('an intermittent seller within its usual gaps keeps its forecast', () => {
    // Sells every fourth to eighth week; ends seven empty weeks after its last sale.
    const y: number[] = [];
    for (let t = 0, next = 0, g = 0; t < 120; t++) {
      if (t === next) {
        y.push(2);
        next = t + 4 + (g++ % 5);
      } else y.push(0);
    }
    while (y[y.length - 1] === 0) y.pop();
    const r = forecastSeries([...y, ...new Array(7).fill(0)], weekly);
    expect(r.point.slice(0, 13).reduce((a, b) => a + b, 0)).toBeGreaterThan(2);
  });
});
