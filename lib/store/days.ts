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
