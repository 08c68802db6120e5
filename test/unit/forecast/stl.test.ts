/** STL (lib/forecast/stl.ts) on constructed series whose decomposition is known. */
import { describe, expect, it } from 'vitest';
import { stl, StlScratch, stlWindows } from '../../../lib/forecast/stl';

const m = 12;
const n = 96;
const season = (t: number) => 10 * Math.sin((2 * Math.PI * t) / m) + 4 * Math.cos((4 * Math.PI * t) / m);

function decompose(y: Float64Array, window: number | 'periodic', period = m) {
  const seasonal = new Float64Array(y.length);
  const trend = new Float64Array(y.length);
  stl(y, y.length, period, seasonal, trend, stlWindows(y.length, period, window), new StlScratch(y.length, period));
  return { seasonal, trend };
}

describe('stl', () => {
  // Two inner passes (R's default) leave a small leak between the parts: within 2.5% of the wave's range.
  it('recovers a pure seasonal wave on a linear trend', () => {
    const y = Float64Array.from({ length: n }, (_, t) => 50 + 0.5 * t + season(t));
    for (const window of [11, 'periodic'] as const) {
      const { seasonal, trend } = decompose(y, window);
      for (let t = m; t < n - m; t++) {
        expect(Math.abs(seasonal[t] - season(t))).toBeLessThan(0.5);
        expect(Math.abs(trend[t] - (50 + 0.5 * t))).toBeLessThan(0.05);
      }
    }
  });

  it('periodic window: one seasonal value per phase, summing to about zero over a cycle', () => {
    let state = 7;
    const noise = () => ((state = (state * 16807) % 2147483647) / 2147483647 - 0.5) * 6;
    const y = Float64Array.from({ length: 75 }, (_, t) => 20 + Math.sqrt(t) + season(t) + noise());
    const { seasonal } = decompose(y, 'periodic');
    for (let t = m; t < y.length; t++) expect(seasonal[t]).toBe(seasonal[t - m]);
    let cycle = 0;
    for (let t = 0; t < m; t++) cycle += seasonal[t];
    expect(Math.abs(cycle / m)).toBeLessThan(0.5);
    // A windowed (non-periodic) fit lets the seasonal shape drift between cycles.
    const windowed = decompose(y, 11).seasonal;
    expect(windowed.some((v, t) => t >= m && Math.abs(v - windowed[t - m]) > 1e-6)).toBe(true);
  });

  it('long seasons (weekly data, m = 52) and R default windows', () => {
    const w = stlWindows(156, 52, 'periodic');
    expect([w.trend, w.lowPass, w.seasonalDegree]).toEqual([79, 53, 0]);
    expect(stlWindows(60, 12, 11)).toMatchObject({ trend: 21, lowPass: 13, seasonalJump: 2, trendJump: 3, lowPassJump: 2 });
    const y = Float64Array.from({ length: 156 }, (_, t) => 100 + 30 * Math.exp(-(((t % 52) - 5) ** 2) / 8) + 0.1 * t);
    const { seasonal, trend } = decompose(y, 'periodic', 52);
    expect(seasonal[5]).toBeGreaterThan(seasonal[30] + 20);
    for (let t = 0; t < 156; t++) expect(Number.isFinite(trend[t])).toBe(true);
  });

  it('refuses fewer than two full periods', () => {
    const y = new Float64Array(24);
    expect(() => stl(y, 24, 12, new Float64Array(24), new Float64Array(24), stlWindows(24, 12, 'periodic'), new StlScratch(24, 12))).toThrow(/two periods/);
  });
});
