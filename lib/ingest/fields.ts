/**
 * Field parsers that read straight from the row text between two offsets, so that the hot path
 * allocates no substring for numbers and dates. Each returns NaN for a value it cannot accept.
 */
import { parseIsoDay } from '../store/days';
import { quote } from './issues';


/** Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function civilDay(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The dates a file or an event may state: 1900-01-01 to 2199-12-31. */
export const FIRST_DAY = civilDay(1900, 1, 1);
export const LAST_DAY = civilDay(2199, 12, 31);

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** Day number of the first of each month from 1900-01 to 2200-01: a date is one lookup. */
const MONTH_START = new Int32Array(300 * 12 + 1);
for (let k = 0; k < MONTH_START.length; k++) MONTH_START[k] = civilDay(1900 + Math.floor(k / 12), (k % 12) + 1, 1);

/**
 * An ISO date `YYYY-MM-DD` (a time after it, `T…` or ` …`, is ignored) between 1900 and 2199,
 * as days since 1970-01-01. Other spellings (03/04/2024) are refused: they are ambiguous.
 */
export function parseDay(s: string, a: number, b: number): number {
  if (b - a === 10 && s.charCodeAt(a + 4) === 45 && s.charCodeAt(a + 7) === 45) {
    const y = digit(s, a) * 1000 + digit(s, a + 1) * 100 + digit(s, a + 2) * 10 + digit(s, a + 3);
    const m = digit(s, a + 5) * 10 + digit(s, a + 6);
    const d = digit(s, a + 8) * 10 + digit(s, a + 9);
    if (y >= 1900 && y <= 2199 && m >= 1 && m <= 12 && d >= 1) {
      const month = (y - 1900) * 12 + m - 1;
      const first = MONTH_START[month]!;
      if (d <= MONTH_START[month + 1]! - first) return first + d - 1;
    }
    return Number.NaN;
  }
  const day = parseIsoDay(s.slice(a, b).trim());
  return day >= FIRST_DAY && day <= LAST_DAY ? day : Number.NaN;
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^[+-]?\d+,\d+$/;
/**
 * `1.000` or `12,500` in a file whose decimals may be written with either mark (delimited by `;`
 * or tab): one thousand with a thousands separator, or one with three decimals. Spreadsheets
 * write both, so such a value is refused rather than read a thousand times too small or too large.
 */
const GROUPED_THOUSANDS = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/;

/**
 * A plain decimal number (`12`, `-3.5`, `1e3`). Plain digits are read without a substring; an
 * integer of up to 15 digits divided by a power of ten rounds exactly as `Number()` does.
 * `decimalComma` also accepts `12,5` (files delimited by `;` or tab, as European spreadsheets
 * write them), and refuses `1.000` and `1,000` there (GROUPED_THOUSANDS). Hex, `Infinity` and
 * thousands separators are refused; an exponent past the float range reads as ±Infinity, as
 * `Number()` reads it, and each field bounds its amounts (MAX_AMOUNT).
 */
export function parseNumber(s: string, a: number, b: number, decimalComma = false): number {
  let i = a;
  let negative = false;
  const sign = s.charCodeAt(i);
  if (sign === 45 || sign === 43) {
    negative = sign === 45;
    i++;
  }
  let value = 0;
  let digits = 0;
  let scale = -1;
  for (; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === 46 && scale < 0) scale = 0;
    else break;
  }
  if (i === b && digits > 0 && digits <= 15) {
    if (decimalComma && scale === 3 && digits <= 6 && GROUPED_THOUSANDS.test(s.slice(a, b))) return Number.NaN;
    if (scale > 0) value /= 10 ** scale;
    return negative ? -value : value;
  }
  const text = s.slice(a, b).trim();
  if (NUMBER.test(text)) return Number(text);
  if (decimalComma && DECIMAL_COMMA.test(text) && !GROUPED_THOUSANDS.test(text)) return Number(text.replace(',', '.'));
  return Number.NaN;
}

/** The problem with a field `parseNumber` refused: `expected` (a number, a cost of 0 or more, …), or the ambiguity. */
export function numberProblem(raw: string, decimalComma: boolean, expected = 'a number'): string {
  const text = raw.trim();
  if (decimalComma && GROUPED_THOUSANDS.test(text)) {
    return `${quote(text)} is ambiguous here: a thousands separator or a decimal mark? Write numbers without thousands separators (1000), decimals as 1.5 or 1,5`;
  }
  return `expected ${expected}, got ${quote(raw)}`;
}

/** True when the field holds nothing but spaces. */
export function isBlank(s: string, a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The field's text without surrounding spaces (substring only when there are any). */
export function fieldText(s: string, a: number, b: number): string {
  if (b > a && (s.charCodeAt(a) === 32 || s.charCodeAt(b - 1) === 32 || s.charCodeAt(a) === 9 || s.charCodeAt(b - 1) === 9)) {
    return s.slice(a, b).trim();
  }
  return s.slice(a, b);
}
