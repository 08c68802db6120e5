import { describe, expect, it } from 'vitest';
import { PERIODS, periodOf, periodsOfDays, periodStart } from '@/lib/inventory';

const MS_PER_DAY = 86_400_000;

/** Slow, obviously-correct references through Date. */
function referencePeriod(period: string, day: number): number {
  const date = new Date(day * MS_PER_DAY);
  if (period === 'day') return day;
  if (period === 'month') return (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth();
  // ISO week: the Monday on or before the day, counted in weeks from Monday 1970-01-05.
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return (day - sinceMonday - 4) / 7;
}

describe('periods', () => {
  it('match a Date-based reference for every day from 1967 to 2052', () => {
    const days = new Int32Array(31_000);
    for (let i = 0; i < days.length; i++) days[i] = i - 1000;
    for (const period of PERIODS) {
      const vectorized = new Int32Array(days.length);
      periodsOfDays(period, days, vectorized);
      for (let i = 0; i < days.length; i++) {
        const want = referencePeriod(period, days[i]!);
        if (periodOf(period, days[i]!) !== want || vectorized[i] !== want) {
          throw new Error(`${period} of day ${days[i]}: want ${want}, got ${periodOf(period, days[i]!)} / ${vectorized[i]}`);
        }
        // A period's start is the first day that maps to it.
        const start = periodStart(period, want);
        expect(start <= days[i]!).toBe(true);
        if (referencePeriod(period, start) !== want || referencePeriod(period, start - 1) !== want - 1) {
          throw new Error(`${period} ${want} starts on ${start}`);
        }
      }
    }
  });

  it('weeks start on Monday and months on the 1st', () => {
    expect(new Date(periodStart('week', periodOf('week', 19_905)) * MS_PER_DAY).toISOString().slice(0, 10)).toBe(
      '2024-07-01',
    ); // day 19905 = Wed 2024-07-03
    expect(new Date(periodStart('month', periodOf('month', 19_905)) * MS_PER_DAY).toISOString().slice(0, 10)).toBe(
      '2024-07-01',
    );
  });
});
