import { MAX_HISTORY } from '../forecast';
import { periodOf, periodStart, type Period } from '../inventory/periods';
import { currentLifeStart } from './dormant';
import { sharedFloat64, sharedInt32 } from './shared-memory';

/**
 * The item × period demand matrix that converted sales are bucketed into (item-major, so rows
 * that arrive grouped by item touch neighbouring memory), with per-item marks. It is plain data
 * in shared memory: the load stage hands it from one fold to the next on the pool's serial lane,
 * and the prepare step reads it on a worker, without the main thread ever copying or touching it.
 * The period range is not known before the rows are read, so it grows as rows arrive, by at least
 * doubling, and is re-laid out only then. It holds no more than the last HELD_PERIODS periods any
 * row reached: the engine forecasts from no more, and one sale typed a century early would
 * otherwise widen every item's row by a century (at 100,000 items by week, 4 GB).
 */
export interface DemandState {
  count: number;
  /** items.id → position in the run's item order (-1: not an item). */
  slotOf: Int32Array;
  /** Per item: the first period and the first day with a sales row (INT32_MAX, NaN when none). */
  firstPeriod: Int32Array;
  firstDayOf: Float64Array;
  /** Per item: the last day with a positive sale (NaN when none). */
  lastSaleDay: Float64Array;
  /** The first and the last day any sales row has (NaN when none). */
  firstDay: number;
  lastDay: number;
  /** The last period any sales row has (-INT32_MAX when none): periods before it − HELD_PERIODS + 1 are not held. */
  lastPeriod: number;
  /** Periods [lo, lo + span) are held; item i's row starts at i × span. */
  lo: number;
  span: number;
  data: Float64Array;
}

/** The packed history series the engine takes: item i is values[offsets[i] .. offsets[i+1]). */
export interface History {
  values: Float64Array;
  offsets: Int32Array;
  /** Per item: the period index of its first value. */
  start: Int32Array;
}

/** An empty matrix for `itemKeys` (items.id in pipeline order). */
export function emptyDemand(itemKeys: Int32Array): DemandState {
  const count = itemKeys.length;
  let maxKey = 0;
  for (let i = 0; i < count; i++) maxKey = Math.max(maxKey, itemKeys[i]!);
  const slotOf = sharedInt32(maxKey + 1).fill(-1);
  for (let i = 0; i < count; i++) slotOf[itemKeys[i]!] = i;
  return {
    count,
    slotOf,
    firstPeriod: sharedInt32(count).fill(0x7fffffff),
    firstDayOf: sharedFloat64(count).fill(Number.NaN),
    lastSaleDay: sharedFloat64(count).fill(Number.NaN),
    firstDay: Number.NaN,
    lastDay: Number.NaN,
    lastPeriod: -0x7fffffff,
    lo: 0,
    span: 0,
    data: sharedFloat64(0),
  };
}

/**
 * Periods a row of the matrix holds, back from the last period any row reached: the engine's
 * longest history, and the last period, which may be a part-period left out of the history.
 */
const HELD_PERIODS = MAX_HISTORY + 1;

/** The oldest period the matrix still holds every row of. */
const oldestHeld = (state: DemandState) => state.lastPeriod - HELD_PERIODS + 1;

/**
 * Adds `n` rows (item key, day, period index of the day, quantity in base units) in their order:
 * every cell is a plain running sum over its rows, so adding the rows of a whole run in rowid
 * order gives the same bits as a row-by-row sum. A row older than HELD_PERIODS before the last
 * period seen so far marks its item's first period and last sale but adds to no cell: the held
 * range only moves forward, so no period it will hold has lost a row. Items must be in the
 * matrix. Mutates `state`.
 */
export function addSales(
  state: DemandState,
  items: Int32Array,
  days: Int32Array,
  periods: Int32Array,
  quantity: Float64Array,
  n: number,
): void {
  if (n === 0) return;
  let min = periods[0]!;
  let max = min;
  let firstDay = days[0]!;
  let lastDay = firstDay;
  for (let r = 1; r < n; r++) {
    const p = periods[r]!;
    if (p < min) min = p;
    if (p > max) max = p;
    const day = days[r]!;
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
  }
  if (!(state.firstDay <= firstDay)) state.firstDay = firstDay;
  if (!(state.lastDay >= lastDay)) state.lastDay = lastDay;
  if (max > state.lastPeriod) state.lastPeriod = max;
  const oldest = oldestHeld(state);
  if (min < oldest) {
    // Rows too old to hold: the range grows for the others only.
    min = max;
    for (let r = 0; r < n; r++) if (periods[r]! >= oldest && periods[r]! < min) min = periods[r]!;
  }
  if (max >= oldest) cover(state, min, max, oldest);
  const { slotOf, firstPeriod, firstDayOf, lastSaleDay, data, lo, span } = state;
  for (let r = 0; r < n; r++) {
    const slot = slotOf[items[r]!]!;
    const p = periods[r]!;
    const q = quantity[r]!;
    if (p >= oldest) data[slot * span + p - lo] += q;
    if (p < firstPeriod[slot]!) firstPeriod[slot] = p;
    if (!(firstDayOf[slot]! <= days[r]!)) firstDayOf[slot] = days[r]!;
    if (q > 0 && !(lastSaleDay[slot]! >= days[r]!)) lastSaleDay[slot] = days[r]!;
  }
}

/** Grows the period range to hold [min, max], dropping the periods before `oldest`. */
function cover(state: DemandState, min: number, max: number, oldest: number): void {
  const { lo: oldLo, span: oldSpan, count } = state;
  if (oldSpan > 0 && min >= oldLo && max < oldLo + oldSpan) return;
  let lo = oldSpan > 0 ? Math.min(oldLo, min) : min;
  let hi = oldSpan > 0 ? Math.max(oldLo + oldSpan, max + 1) : max + 1;
  if (oldSpan > 0) {
    // Grow by at least the old span in the direction needed, so re-layouts stay rare.
    if (lo < oldLo) lo = Math.min(lo, oldLo - oldSpan);
    if (hi > oldLo + oldSpan) hi = Math.max(hi, oldLo + 2 * oldSpan);
  }
  lo = Math.max(lo, oldest);
  const span = hi - lo;
  const data = sharedFloat64(count * span);
  // The old periods still held: [from, to).
  const from = Math.max(lo, oldLo);
  const to = Math.min(hi, oldLo + oldSpan);
  for (let i = 0; i < count && to > from; i++) {
    data.set(state.data.subarray(i * oldSpan + from - oldLo, i * oldSpan + to - oldLo), i * span + from - lo);
  }
  state.lo = lo;
  state.span = span;
  state.data = data;
}

/**
 * The history of each item, packed for the engine, over the complete periods of the sales data up
 * to and including `endPeriod` (an item's series is empty when it has no sales row on or before
 * it): from the item's first sales period, or from the data's first complete period if that is
 * later (`firstCompletePeriod`). An item that sold before the periods the matrix holds starts at
 * its first sale within them. Sales before a silence of `minSilence` periods or more that ended
 * the item's earlier life are left out (dormant.ts); `firstPeriod` still marks them, and
 * `setAside` lists the items (positions) that lost sales so, or sales before the periods held
 * followed by such a silence. The data's first day is that of the items not set aside: one sale
 * typed decades early must not make every item's first part-period count as a period.
 */
export function demandSeries(
  state: DemandState,
  period: Period,
  endPeriod: number,
  minSilence: number,
): { history: History; setAside: Int32Array } {
  const { count, firstPeriod, firstDayOf, data, lo, span } = state;
  // No row reached [oldestHeld, lo): those periods had no demand.
  const oldest = oldestHeld(state);
  const held = Math.max(oldest, lo);
  const start = sharedInt32(count);
  const setAside: number[] = [];
  let firstDay = Infinity;
  for (let i = 0; i < count; i++) {
    const row = i * span - lo;
    let first = firstPeriod[i]!;
    let silent = false;
    if (first < held) {
      first = held;
      while (first < endPeriod && !(data[row + first]! > 0)) first++;
      silent = first - oldest >= minSilence;
    }
    if (first < endPeriod) {
      const life = currentLifeStart(data, row + first, row + endPeriod, minSilence) - row;
      silent ||= life > first;
      first = life;
    }
    if (silent) setAside.push(i);
    else if (firstDayOf[i]! < firstDay) firstDay = firstDayOf[i]!;
    start[i] = first;
  }
  if (firstDay === Infinity) firstDay = state.firstDay;
  const startPeriod = Number.isFinite(firstDay) ? firstCompletePeriod(period, firstDay) : endPeriod + 1;
  const offsets = sharedInt32(count + 1);
  for (let i = 0; i < count; i++) {
    const first = Math.max(start[i]!, startPeriod);
    start[i] = first;
    offsets[i + 1] = offsets[i]! + (first <= endPeriod ? endPeriod - first + 1 : 0);
  }
  const values = sharedFloat64(offsets[count]!);
  for (let i = 0; i < count; i++) {
    const length = offsets[i + 1]! - offsets[i]!;
    if (length === 0) continue;
    const from = i * span + start[i]! - lo;
    values.set(data.subarray(from, from + length), offsets[i]!);
  }
  return { history: { values, offsets, start }, setAside: Int32Array.from(setAside) };
}

/**
 * The first complete period of data starting on `firstDay`: its own period when `firstDay` is that
 * period's first day, else the one after (a week seen from its Friday would read as a dip, and a
 * trend from it).
 */
export function firstCompletePeriod(period: Period, firstDay: number): number {
  const p = periodOf(period, firstDay);
  return periodStart(period, p) === firstDay ? p : p + 1;
}

/**
 * The last complete period of data ending on `lastDay`: its own period when `lastDay` is that
 * period's last day, else the one before (a half-observed week would read as a drop in demand).
 */
export function lastCompletePeriod(period: Period, lastDay: number): number {
  const p = periodOf(period, lastDay);
  return periodStart(period, p + 1) - 1 === lastDay ? p : p - 1;
}
