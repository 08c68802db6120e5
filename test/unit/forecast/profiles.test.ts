import { describe, expect, it } from 'vitest';
import { seasonProfiles } from '@/lib/forecast';

/** Weekly demand with a two-week peak on the same calendar day each year (the year is 52.18 weeks). */
function calendarPeak(n: number, seed: number): Float64Array {
  const weeksPerYear = 365.2425 / 7;
  let s = seed;
  return Float64Array.from({ length: n }, (_, t) => {
    s = (s * 16807) % 2147483647;
    const phase = ((t / weeksPerYear) % 1) * weeksPerYear;
    const gap = Math.min(Math.abs(phase - 30), weeksPerYear - Math.abs(phase - 30));
    return (100 + 100 * Math.exp(-(gap * gap) / 2)) * (0.95 + 0.1 * (s / 2147483647));
  });
}

describe('shared season profiles', () => {
  it('a category with 20 years of weeks gets this year’s peak, not one blurred over two decades', () => {
    const n = 20 * 52;
    const items = 8;
    const values = new Float64Array(items * n);
    const offsets = Int32Array.from({ length: items + 1 }, (_, i) => i * n);
    for (let i = 0; i < items; i++) values.set(calendarPeak(n, i + 1), i * n);
    const profile = seasonProfiles({ values, offsets }, new Int32Array(items), new Int32Array(items), 1, 52).subarray(0, 52);
    // The peak's week in the last cycle of the history (phase = t mod 52, all items start at 0).
    const last = calendarPeak(n, 1).subarray(n - 52);
    const truePhase = (n - 52 + last.indexOf(Math.max(...last))) % 52;
    // Where the profile's excess over 1 is centred, in weeks from this year's peak: pooled over all
    // 20 years, 1.4 weeks early and lower at the peak's week (1.32); over the last five, on it.
    let mass = 0;
    let moment = 0;
    for (let d = -10; d <= 10; d++) {
      const excess = Math.max(0, profile[(truePhase + d + 52) % 52] - 1);
      mass += excess;
      moment += d * excess;
    }
    expect(Math.abs(moment / mass)).toBeLessThan(0.5);
    expect(profile[truePhase]).toBeGreaterThan(1.38);
  });
});
