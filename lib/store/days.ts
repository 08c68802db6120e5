/** Days are stored as integers counted from 1970-01-01 (UTC); these convert at the edges. */
const MS_PER_DAY = 86_400_000;

/** Parses `YYYY-MM-DD` (optionally followed by a time, which is ignored) to a day number, or NaN. */
export function parseIsoDay(text: string): number {
  if (text.length < 10) return Number.NaN;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(5, 7));
  const d = Number(text.slice(8, 10));
  if (text[4] !== '-' || text[7] !== '-' || !Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) {
    return Number.NaN;
  }
  if (text.length > 10 && text[10] !== 'T' && text[10] !== ' ') return Number.NaN;
  if (m < 1 || m > 12 || d < 1 || d > 31) return Number.NaN;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return Number.NaN; // 2023-02-30
  return ms / MS_PER_DAY;
}

export function dayToIso(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function dayOfDate(date: Date): number {
  return Math.floor(date.getTime() / MS_PER_DAY);
}

/**
 * The last day a sale or a stock position may be dated when recorded at `now`: today in UTC and
 * the day after, since the data's own time zone can run up to 14 hours ahead of UTC. A later date
 * is a typo (2062 for 2026), and one such row would move the run's as-of day years ahead.
 */
export function latestRecordDay(now: Date): number {
  return dayOfDate(now) + 1;
}

/** Why a record dated `day` is refused as lying in the future, for an error message. */
export function futureDayProblem(field: string, day: number, latestDay: number, what: string): string {
  return `${field} ${dayToIso(day)} is after today (${dayToIso(latestDay - 1)}): ${what} cannot be dated in the future`;
}
