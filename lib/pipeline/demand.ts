import { periodOf, periodStart, type Period } from '../inventory/periods';

/**
 * Buckets converted sales into an item × period demand matrix (item-major, so rows that arrive
 * grouped by item touch neighbouring memory). The period range is not known before the rows are
 * read, so it grows as rows arrive, by at least doubling, and is re-laid out only then.
 */
export class DemandAccumulator {
  readonly count: number;
  /** Per item: the first period with a sales row (INT32_MAX when none). */
  readonly firstPeriod: Int32Array;
  /** Per item: the last day with a positive sale (NaN when none). */
  readonly lastSaleDay: Float64Array;
  /** The last day any sales row has (NaN when none). */
  lastDay = Number.NaN;
  private readonly slotOf: Int32Array;
  private lo = 0;
  private span = 0;
  private data = new Float64Array(0);

  /** `itemKeys` are items.id in pipeline order; sales for other keys must not be added. */
  constructor(itemKeys: Int32Array) {
    this.count = itemKeys.length;
    let maxKey = 0;
    for (let i = 0; i < itemKeys.length; i++) maxKey = Math.max(maxKey, itemKeys[i]!);
    this.slotOf = new Int32Array(maxKey + 1).fill(-1);
    for (let i = 0; i < itemKeys.length; i++) this.slotOf[itemKeys[i]!] = i;
    this.firstPeriod = new Int32Array(this.count).fill(0x7fffffff);
    this.lastSaleDay = new Float64Array(this.count).fill(Number.NaN);
  }

  /** Adds `n` rows: item key, day, period index of the day, quantity in base units. */
  add(items: Int32Array, days: Int32Array, periods: Int32Array, quantity: Float64Array, n: number): void {
    if (n === 0) return;
    let min = periods[0]!;
    let max = min;
    let lastDay = days[0]!;
    for (let r = 1; r < n; r++) {
      const p = periods[r]!;
      if (p < min) min = p;
      if (p > max) max = p;
      if (days[r]! > lastDay) lastDay = days[r]!;
    }
    if (!(this.lastDay >= lastDay)) this.lastDay = lastDay;
    this.cover(min, max);
    const { slotOf, firstPeriod, lastSaleDay, data, lo, span } = this;
    for (let r = 0; r < n; r++) {
      const slot = slotOf[items[r]!]!;
      const p = periods[r]!;
      const q = quantity[r]!;
      data[slot * span + p - lo] += q;
      if (p < firstPeriod[slot]!) firstPeriod[slot] = p;
      if (q > 0 && !(lastSaleDay[slot]! >= days[r]!)) lastSaleDay[slot] = days[r]!;
    }
  }

  /** Grows the period range to hold [min, max]. */
  private cover(min: number, max: number): void {
    if (this.span > 0 && min >= this.lo && max < this.lo + this.span) return;
    const oldLo = this.lo;
    const oldSpan = this.span;
    let lo = oldSpan > 0 ? Math.min(oldLo, min) : min;
    let hi = oldSpan > 0 ? Math.max(oldLo + oldSpan, max + 1) : max + 1;
    if (oldSpan > 0) {
      // Grow by at least the old span in the direction needed, so re-layouts stay rare.
      if (lo < oldLo) lo = Math.min(lo, oldLo - oldSpan);
      if (hi > oldLo + oldSpan) hi = Math.max(hi, oldLo + 2 * oldSpan);
    }
    const span = hi - lo;
    const data = new Float64Array(this.count * span);
    for (let i = 0; i < this.count && oldSpan > 0; i++) {
      data.set(this.data.subarray(i * oldSpan, (i + 1) * oldSpan), i * span + oldLo - lo);
    }
    this.lo = lo;
    this.span = span;
    this.data = data;
  }

  /**
   * The history of each item from its first sales period up to and including `endPeriod`, packed
   * for the engine; `start[i]` is the period index of item i's first value (its series is empty
   * when it has no sales row on or before `endPeriod`).
   */
  series(endPeriod: number): { values: Float64Array; offsets: Int32Array; start: Int32Array } {
    const offsets = new Int32Array(this.count + 1);
    const start = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const first = this.firstPeriod[i]!;
      start[i] = first;
      offsets[i + 1] = offsets[i]! + (first <= endPeriod ? endPeriod - first + 1 : 0);
    }
    const values = new Float64Array(offsets[this.count]!);
    for (let i = 0; i < this.count; i++) {
      const length = offsets[i + 1]! - offsets[i]!;
      if (length === 0) continue;
      const from = i * this.span + this.firstPeriod[i]! - this.lo;
      values.set(this.data.subarray(from, from + length), offsets[i]!);
    }
    return { values, offsets, start };
  }
}

/**
 * The last complete period of data ending on `lastDay`: its own period when `lastDay` is that
 * period's last day, else the one before (a half-observed week would read as a drop in demand).
 */
export function lastCompletePeriod(period: Period, lastDay: number): number {
  const p = periodOf(period, lastDay);
  return periodStart(period, p + 1) - 1 === lastDay ? p : p - 1;
}
