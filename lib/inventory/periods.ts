/**
 * Calendar periods that demand is bucketed into. A period is named by an integer index so that
 * a series is just a run of consecutive indexes:
 * - `day`: the day number itself (days since 1970-01-01 UTC).
 * - `week`: ISO weeks, Monday to Sunday; index 0 is the week starting Monday 1970-01-05
 *   (1970-01-01 was a Thursday, so days 0..3 fall in week -1).
 * - `month`: calendar months; index 0 is January 1970.
 */
export type Period = 'day' | 'week' | 'month';

export const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/**
 * Average length of a period in days, for turning lead times and covers (days) into periods.
 * Months use the mean Gregorian month (365.2425 / 12), so a month-based figure is off by at most
 * about a day and a half against the real calendar.
 */
export function periodDays(period: Period): number {
  return period === 'day' ? 1 : period === 'week' ? 7 : 365.2425 / 12;
}

/** Periods in a year, for annualising and for yearly windows. */
export function periodsPerYear(period: Period): number {
  return period === 'day' ? 365 : period === 'week' ? 52 : 12;
}

const MONDAY_1970_01_05 = 4;

/** Month index (January 1970 = 0) of a day number: Hinnant's civil_from_days, integers only. */
function monthOfDay(day: number): number {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9; // 1..12
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return (year - 1970) * 12 + month - 1;
}

/** Day number of the first day of a month index: Hinnant's days_from_civil. */
function monthStartDay(index: number): number {
  const year0 = 1970 + Math.floor(index / 12);
  const month = index - Math.floor(index / 12) * 12 + 1; // 1..12
  const y = month <= 2 ? year0 - 1 : year0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The index of the period holding `day`. */
export function periodOf(period: Period, day: number): number {
  if (period === 'day') return day;
  if (period === 'week') return Math.floor((day - MONDAY_1970_01_05) / 7);
  return monthOfDay(day);
}

/** The first day of period `index`. */
export function periodStart(period: Period, index: number): number {
  if (period === 'day') return index;
  if (period === 'week') return index * 7 + MONDAY_1970_01_05;
  return monthStartDay(index);
}

/**
 * Vectorized `periodOf` over a column of days, written into `out` (one pass; months go through a
 * small lookup table over the column's day range rather than calendar arithmetic per row).
 */
export function periodsOfDays(period: Period, days: Int32Array, out: Int32Array, count = days.length): void {
  if (period === 'day') {
    out.set(days.subarray(0, count));
    return;
  }
  if (period === 'week') {
    for (let i = 0; i < count; i++) out[i] = Math.floor((days[i]! - MONDAY_1970_01_05) / 7);
    return;
  }
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const d = days[i]!;
    if (d < lo) lo = d;
    if (d > hi) hi = d;
  }
  if (count === 0) return;
  const table = new Int32Array(hi - lo + 1);
  let month = monthOfDay(lo);
  let nextStart = monthStartDay(month + 1);
  for (let d = lo; d <= hi; d++) {
    if (d >= nextStart) nextStart = monthStartDay(++month + 1);
    table[d - lo] = month;
  }
  for (let i = 0; i < count; i++) out[i] = table[days[i]! - lo]!;
}
