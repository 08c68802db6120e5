import { FIRST_DAY, LAST_DAY } from '../ingest/fields';
import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '../inventory/amounts';
import { futureDayProblem, latestRecordDay } from '../store/days';
import { NO_DAY, type BatchBuilder } from './batch';
import { converts, type EventCatalog, type UnitKeys } from './catalog';
import type { EventFields } from './parse';

/**
 * Checks events' fields against the catalog and appends the valid ones to a batch.
 *
 * Rules (the same as for imported files): a known item; a unit that converts to the item's base
 * unit; ISO dates (YYYY-MM-DD, a time part is ignored) from 1900 to 2199, a sale's date and a stock
 * position's as_of no later than `latestDay`; JSON numbers that are finite; sale quantity, on_hand
 * and on_order not negative and at most MAX_AMOUNT; `on_order` and `on_order_due` optional (absent
 * or null).
 */
export class EventValidator {
  /** The last day a sale or a stock position may be dated: the service sets it from its clock per request. */
  latestDay: number;

  constructor(
    readonly catalog: EventCatalog,
    private readonly units: UnitKeys,
    now = new Date(),
  ) {
    this.latestDay = latestRecordDay(now);
  }

  /** Appends the event to `batch` and returns null, or returns why it is rejected (naming field and value). */
  add(f: EventFields, batch: BatchBuilder): string | null {
    const type = f.type;
    if (type !== 'sale' && type !== 'stock') {
      return type === undefined ? 'missing field "type"' : `type must be "sale" or "stock", got ${show(type)}`;
    }
    const code = f.item_id;
    if (typeof code !== 'string' || code === '') return requiredString('item_id', code);
    const item = this.catalog.itemIds.get(code);
    if (item === undefined) return `unknown item ${show(code)}`;
    const uom = f.uom;
    if (typeof uom !== 'string' || uom === '') return requiredString('uom', uom);
    if (!converts(this.catalog, item, uom)) return `unit ${show(uom)} has no conversion factor for item ${show(code)}`;

    if (type === 'sale') {
      const day = this.recordDay('date', f.date, 'a sale');
      if (typeof day === 'string') return day;
      const quantity = amountField('quantity', f.quantity);
      if (typeof quantity === 'string') return quantity;
      batch.addSale(item, day, quantity, this.units.key(uom));
      return null;
    }
    const asOf = this.recordDay('as_of', f.as_of, 'a stock position');
    if (typeof asOf === 'string') return asOf;
    const onHand = amountField('on_hand', f.on_hand);
    if (typeof onHand === 'string') return onHand;
    let onOrder = 0;
    if (f.on_order !== undefined && f.on_order !== null) {
      const value = amountField('on_order', f.on_order);
      if (typeof value === 'string') return value;
      onOrder = value;
    }
    let due = NO_DAY;
    if (f.on_order_due !== undefined && f.on_order_due !== null) {
      const value = this.day('on_order_due', f.on_order_due);
      if (typeof value === 'string') return value;
      due = value;
    }
    batch.addStock(item, asOf, onHand, onOrder, this.units.key(uom), due);
    return null;
  }

  /** A day number, or the error. */
  private day(name: string, value: unknown): number | string {
    if (value === undefined) return `missing field "${name}"`;
    const day = typeof value === 'string' ? isoDay(value) : Number.NaN;
    if (Number.isNaN(day)) return `${name} must be an ISO date (YYYY-MM-DD), got ${show(value)}`;
    if (day < FIRST_DAY || day > LAST_DAY) return `${name} must be a date from 1900 to 2199, got ${show(value)}`;
    return day;
  }

  /** The day of a sale or a stock position, which cannot lie in the future, or the error. */
  private recordDay(name: string, value: unknown, what: string): number | string {
    const day = this.day(name, value);
    return typeof day === 'number' && day > this.latestDay ? futureDayProblem(name, day, this.latestDay, what) : day;
  }
}

function requiredString(name: string, value: unknown): string {
  return value === undefined ? `missing field "${name}"` : `${name} must be a non-empty string, got ${show(value)}`;
}

/** A finite number from 0 to MAX_AMOUNT, or the error. */
function amountField(name: string, value: unknown): number | string {
  if (value === undefined) return `missing field "${name}"`;
  if (typeof value !== 'number') return `${name} must be a number, got ${show(value)}`;
  if (!Number.isFinite(value)) return `${name} must be finite, got ${show(value)}`;
  if (value < 0) return `${name} must not be negative, got ${value}`;
  if (value > MAX_AMOUNT) return `${name} must be at most ${MAX_AMOUNT_TEXT}, got ${value}`;
  return value;
}

/** A value quoted for an error message, cut short so one bad line cannot flood the response. */
function show(value: unknown): string {
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/**
 * `YYYY-MM-DD`, optionally followed by `T` or a space and a time (ignored), to days since
 * 1970-01-01; NaN when malformed or impossible (2023-02-30). Reads digits in place, no Date.
 */
export function isoDay(text: string): number {
  const n = text.length;
  if (n < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  if (n > 10 && text.charCodeAt(10) !== 84 && text.charCodeAt(10) !== 32) return Number.NaN;
  const y = digits(text, 0, 4);
  const m = digits(text, 5, 7);
  const d = digits(text, 8, 10);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Number.NaN;
  return daysFromCivil(y, m, d);
}

function digits(text: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
