/**
 * Validated events, laid out by column in one ArrayBuffer so that a batch moves to the writer
 * thread by transfer (no copy, no per-event objects). Sales and stock events share the layout:
 * `day` is a sale's date or a stock position's as_of, `amount` is quantity or on_hand.
 */
export const SALE = 0;
export const STOCK = 1;
/** `due` of a stock event without on_order_due. */
export const NO_DAY = -0x80000000;

/** Bytes per event: amount, onOrder (f64); item, day, unit, due (i32); kind (u8). */
export const EVENT_BYTES = 8 + 8 + 4 + 4 + 4 + 4 + 1;

export interface BatchColumns {
  amount: Float64Array;
  onOrder: Float64Array;
  item: Int32Array;
  day: Int32Array;
  /** Process-wide unit key (see UnitKeys), mapped to uom_codes ids by the writer. */
  unit: Int32Array;
  due: Int32Array;
  kind: Uint8Array;
}

/** Views over a batch buffer holding room for `capacity` events. */
export function columns(buffer: ArrayBuffer, capacity: number): BatchColumns {
  let at = 0;
  const take = <T>(make: (b: ArrayBuffer, o: number, n: number) => T, size: number): T => {
    const view = make(buffer, at, capacity);
    at += size * capacity;
    return view;
  };
  return {
    amount: take((b, o, n) => new Float64Array(b, o, n), 8),
    onOrder: take((b, o, n) => new Float64Array(b, o, n), 8),
    item: take((b, o, n) => new Int32Array(b, o, n), 4),
    day: take((b, o, n) => new Int32Array(b, o, n), 4),
    unit: take((b, o, n) => new Int32Array(b, o, n), 4),
    due: take((b, o, n) => new Int32Array(b, o, n), 4),
    kind: take((b, o, n) => new Uint8Array(b, o, n), 1),
  };
}

/** A finished batch: what travels through the queue to the writer; `columns(buffer, length)`. */
export interface EventBatch {
  buffer: ArrayBuffer;
  length: number;
  sales: number;
  stock: number;
}

/**
 * Collects one request's validated events. Starts small (most requests are small) and doubles as
 * events arrive, so memory follows the events actually received; the grown buffer is reused for
 * the request's next batch.
 */
export class BatchBuilder {
  private capacity: number;
  private cols: BatchColumns;
  length = 0;
  sales = 0;
  stock = 0;

  constructor(initialCapacity = 256) {
    this.capacity = initialCapacity;
    this.cols = columns(new ArrayBuffer(this.capacity * EVENT_BYTES), this.capacity);
  }

  addSale(item: number, day: number, quantity: number, unit: number): void {
    const i = this.slot();
    const c = this.cols;
    c.kind[i] = SALE;
    c.item[i] = item;
    c.day[i] = day;
    c.amount[i] = quantity;
    c.onOrder[i] = 0;
    c.unit[i] = unit;
    c.due[i] = NO_DAY;
    this.sales++;
  }

  addStock(item: number, asOf: number, onHand: number, onOrder: number, unit: number, due: number): void {
    const i = this.slot();
    const c = this.cols;
    c.kind[i] = STOCK;
    c.item[i] = item;
    c.day[i] = asOf;
    c.amount[i] = onHand;
    c.onOrder[i] = onOrder;
    c.unit[i] = unit;
    c.due[i] = due;
    this.stock++;
  }

  /**
   * Hands over the collected events in a buffer of exactly their size (what the queue counts is
   * what the batch holds) and starts an empty batch, reusing this builder's buffer.
   */
  take(): EventBatch {
    const n = this.length;
    const buffer = new ArrayBuffer(n * EVENT_BYTES);
    copyColumns(this.cols, columns(buffer, n), n);
    const batch: EventBatch = { buffer, length: n, sales: this.sales, stock: this.stock };
    this.length = this.sales = this.stock = 0;
    return batch;
  }

  private slot(): number {
    if (this.length === this.capacity) this.grow();
    return this.length++;
  }

  private grow(): void {
    const capacity = this.capacity * 2;
    const next = columns(new ArrayBuffer(capacity * EVENT_BYTES), capacity);
    copyColumns(this.cols, next, this.length);
    this.capacity = capacity;
    this.cols = next;
  }
}

function copyColumns(from: BatchColumns, to: BatchColumns, n: number): void {
  to.amount.set(from.amount.subarray(0, n));
  to.onOrder.set(from.onOrder.subarray(0, n));
  to.item.set(from.item.subarray(0, n));
  to.day.set(from.day.subarray(0, n));
  to.unit.set(from.unit.subarray(0, n));
  to.due.set(from.due.subarray(0, n));
  to.kind.set(from.kind.subarray(0, n));
}
