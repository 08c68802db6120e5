/**
 * Numbers, dates and durations as the page shows them: grouped digits, sensible precision, units
 * spelled out. Pure and locale-fixed (en-US, dates in UTC where they are calendar days) so the
 * server and every browser print the same text.
 */
const DAY_MS = 86_400_000;
const EMPTY = '—';

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

const finite = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

export function formatCount(n: number | null | undefined): string {
  return finite(n) ? grouped.format(n) : EMPTY;
}

/** A quantity: whole units from 100 up, one decimal below, two below 1; optional unit. */
export function formatQuantity(x: number | null | undefined, unit?: string): string {
  if (!finite(x)) return EMPTY;
  const a = Math.abs(x);
  const text = a >= 100 ? grouped.format(x) : a >= 1 ? oneDecimal.format(x) : twoDecimals.format(x);
  return unit ? `${text} ${unit}` : text;
}

/** Money at unit cost, compact from 10,000 up: 9,950 · 48.2K · 1.3M. */
export function formatValue(x: number | null | undefined): string {
  if (!finite(x)) return EMPTY;
  return Math.abs(x) >= 10_000 ? compact.format(x) : grouped.format(x);
}

export function formatDecimal(x: number | null | undefined, digits = 2): string {
  return finite(x) ? x.toFixed(digits) : EMPTY;
}

export function formatPercent(x: number | null | undefined, digits = 0): string {
  return finite(x) ? `${(x * 100).toFixed(digits)}%` : EMPTY;
}

/** A span in days: "<1 day", "3.5 days", "12 days"; null or endless: `none`. */
export function formatDays(days: number | null | undefined, none = EMPTY): string {
  if (!finite(days)) return none;
  if (days < 1 && days > 0) return '<1 day';
  const text = days < 10 ? oneDecimal.format(days) : grouped.format(days);
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

/** A calendar day (days since 1970-01-01 UTC): "Nov 30, 2026". */
export function formatDay(day: number | null | undefined): string {
  if (!finite(day)) return EMPTY;
  return new Date(day * DAY_MS).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' });
}

/** A short calendar day for axes: "Nov 30" or, across years, "Nov '26". */
export function formatAxisDay(day: number, withYear = false): string {
  const date = new Date(day * DAY_MS);
  if (withYear) {
    return `${date.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short' })} '${String(date.getUTCFullYear()).slice(2)}`;
  }
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
}

export function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** A moment in the viewer's time zone: "Nov 23, 14:05:09". */
export function formatTime(iso: string | null | undefined, withSeconds = true): string {
  if (!iso) return EMPTY;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return EMPTY;
  return date.toLocaleString('en-US', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    // h23, not hour12: false, which Node's ICU renders as "24:05" and Chromium as "00:05" after midnight
    // (a hydration mismatch that made React re-render every page between 00:00 and 01:00).
    hourCycle: 'h23',
  });
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return EMPTY;
  const seconds = (now - Date.parse(iso)) / 1000;
  if (!Number.isFinite(seconds)) return EMPTY;
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  const days = Math.round(seconds / 86_400);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** "0.4 s", "12 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return EMPTY;
  if (seconds < 10) return `${oneDecimal.format(seconds)} s`;
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60);
    return `${m} min ${String(Math.round(seconds - m * 60)).padStart(2, '0')} s`;
  }
  const h = Math.floor(seconds / 3600);
  return `${h} h ${String(Math.round((seconds - h * 3600) / 60)).padStart(2, '0')} min`;
}

/** Remaining time for progress: "about 12 s left"; unknown: "". */
export function formatEta(seconds: number | null | undefined): string {
  if (!finite(seconds)) return '';
  if (seconds < 1) return 'almost done';
  return `about ${formatDuration(seconds)} left`;
}

export function formatRate(rate: number | null | undefined, unit: string): string {
  if (!finite(rate) || rate <= 0) return '';
  return `${rate >= 100 ? grouped.format(rate) : oneDecimal.format(rate)} ${unit}/s`;
}
