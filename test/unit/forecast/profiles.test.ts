import { describe, expect, it } from 'vitest';
import { seasonProfiles, yearSeasons } from '@/lib/forecast';
import { profileStrength } from '@/lib/forecast/profiles';

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

  it('by day: the year from the weeks, read back per day smoothly, each series placed by its own first day', () => {
    // Two years of days with a cosine year (peak on day 60 of the 364) and a weekend lift, the
    // series starting on different days of the year (and of the week).
    const items = 12;
    const n = 728;
    const starts = Int32Array.from({ length: items }, (_, i) => 20_000 + 37 * i);
    const season = (day: number) => 1 + 0.5 * Math.cos((2 * Math.PI * ((day % 364) - 60)) / 364);
    const values = new Float64Array(items * n);
    const offsets = Int32Array.from({ length: items + 1 }, (_, i) => i * n);
    let s = 7;
    for (let i = 0; i < items; i++) {
      for (let t = 0; t < n; t++) {
        s = (s * 16807) % 2147483647;
        const day = starts[i]! + t;
        values[i * n + t] = 50 * season(day) * (day % 7 >= 5 ? 1.4 : 1) * (0.9 + 0.2 * (s / 2147483647));
      }
    }
    const year = yearSeasons({ values, offsets }, new Int32Array(items), starts, 1, 7);
    expect(year.length).toBe(364);
    expect(Array.from(year.phase)).toEqual(Array.from(starts, (d) => d % 364));
    const profile = year.profiles.subarray(0, 364);
    let mean = 0;
    let worst = 0;
    let step = 0;
    for (let p = 0; p < 364; p++) {
      mean += profile[p]! / 364;
      worst = Math.max(worst, Math.abs(profile[p]! - season(p)));
      step = Math.max(step, Math.abs(profile[(p + 1) % 364]! - profile[p]!));
    }
    expect(mean).toBeCloseTo(1, 6);
    // The weekly profile is smoothed over neighbouring weeks, so its peak is a little lower.
    expect(worst).toBeLessThan(0.1);
    // No weekend lift (weeks hold it whole) and no step at a week's start: a day moves at most
    // about a seventh of a week's change.
    expect(step).toBeLessThan(0.02);
  });

  describe('a series’ own strength against its group’s profile', () => {
    // A winter profile (peak in week 2, half again the year's mean) and items whose own swing is
    // 1.6 times the group's: indices 1 + 1.6·(s − 1), from 0.2 in summer to 1.8 in winter.
    const m = 52;
    const profile = Float64Array.from({ length: m }, (_, p) => 1 + 0.5 * Math.cos((2 * Math.PI * (p - 2)) / m));
    function item(n: number, phase0: number, trendPerWeek: number, seed: number, own = 1.6, promotions: number[] = []): Float64Array {
      let s = seed;
      return Float64Array.from({ length: n }, (_, t) => {
        s = (s * 16807) % 2147483647;
        const index = 1 + own * (profile[(phase0 + t) % m] - 1);
        return 100 * (1 + trendPerWeek * t) * index * (0.9 + 0.2 * (s / 2147483647)) * (promotions.includes(t) ? 3 : 1);
      });
    }

    it('a winter line launched in spring (30 weeks, all of them outside its winter) gets its own swing, not a multiple of it', () => {
      for (const [phase0, seed] of [[14, 1], [10, 2], [20, 3]] as const) {
        const y = item(30, phase0, 0, seed);
        // Its mean sits far below its level: c / mean(y) read the swing as 2.3 to 2.8 (and a fitted
        // trend over part of a cycle can take the season's slope for its own).
        expect(profileStrength(y, y.length, profile, 0, m, phase0), `from week ${phase0}`).toBeGreaterThan(1.6 * 0.85);
        expect(profileStrength(y, y.length, profile, 0, m, phase0), `from week ${phase0}`).toBeLessThan(1.6 * 1.15);
      }
    });

    it('two years with a trend: the swing is still its own', () => {
      for (const [phase0, seed] of [[0, 4], [30, 5]] as const) {
        const y = item(104, phase0, 0.004, seed);
        const beta = profileStrength(y, y.length, profile, 0, m, phase0);
        // Relative to the level at the history's middle, where the trend has lifted it by a fifth.
        expect(beta, `from week ${phase0}`).toBeGreaterThan(1.6 * 0.85);
        expect(beta, `from week ${phase0}`).toBeLessThan(1.6 * 1.15);
      }
    });

    it('promotion weeks do not hide a season: the swing is fitted robustly (Huber), as the profiles clip their ratios', () => {
      // A milder swing (0.4 of the group's) and nine weeks at three times the sales: least squares
      // read the spikes as noise large enough to reject the season on four of these five.
      for (const seed of [1, 2, 3, 4, 5]) {
        const y = item(104, 10, 0, seed, 0.4, [9, 10, 30, 47, 48, 66, 80, 81, 95]);
        const beta = profileStrength(y, y.length, profile, 0, m, 10);
        expect(beta, `seed ${seed}`).toBeGreaterThan(0.4 * 0.85);
        expect(beta, `seed ${seed}`).toBeLessThan(0.4 * 1.15);
      }
    });
  });
});
