import { MAX_AMOUNT_TEXT, withinAmountLimit } from '../inventory/amounts';
import { futureDayProblem } from '../store/days';
import { canConvert } from '../store/formats';
import { Dictionary, grownFloat64, grownInt32, itemCode, unitCode } from './columns';
import { numberProblem, parseDay, parseNumber } from './fields';
import { quote } from './issues';
import { resolveBaseUnits, resolveItems } from './resolve';
import { KindRows, type ImportContext } from './rows';

const ITEM = 0;
const DATE = 1;
const QUANTITY = 2;
const UOM = 3;

/**
 * Sales rows `item_id, date, quantity[, uom]`: the hot path of big imports, read field by field
 * into columns. Rows are transactions: the same item and date may appear any number of times and
 * every row is kept (the pipeline sums them). A blank or missing unit is the item's base unit.
 */
export class SalesRows extends KindRows {
  readonly kind = 'sales' as const;
  readonly items = new Dictionary(itemCode);
  readonly units = new Dictionary(unitCode);
  /** index into `items.values`, replaced by items.id on validation */
  item: Int32Array = new Int32Array(1024);
  day: Int32Array = new Int32Array(1024);
  quantity: Float64Array = new Float64Array(1024);
  /** index into `units.values` or -1 for the base unit, replaced by uom_codes.id on validation */
  unit: Int32Array = new Int32Array(1024);
  private readonly fItem = this.field(ITEM);
  private readonly fDate = this.field(DATE);
  private readonly fQuantity = this.field(QUANTITY);
  private readonly fUom = this.field(UOM);
  /** codes and rows already handed over in batches */
  private sentItems = 0;
  private sentUnits = 0;
  private sentRows = 0;

  row(text: string, b: Int32Array, fields: number, rowNo: number): void {
    if (fields !== this.width && !this.widthOk(text, b, fields, rowNo)) return;
    let ok = true;
    const item = this.items.lookup(text, b[2 * this.fItem]!, b[2 * this.fItem + 1]!);
    if (item < 0) {
      if (this.blankRow(text, b, fields)) return;
      this.problem(rowNo, ITEM, 'item_id is empty');
      ok = false;
    }
    const d0 = b[2 * this.fDate]!;
    const d1 = b[2 * this.fDate + 1]!;
    const day = parseDay(text, d0, d1);
    const code = item < 0 ? undefined : this.items.values[item];
    if (day !== day) {
      this.problem(rowNo, DATE, `expected a date as YYYY-MM-DD, got ${quote(text.slice(d0, d1))}`, code);
      ok = false;
    }
    const q0 = b[2 * this.fQuantity]!;
    const q1 = b[2 * this.fQuantity + 1]!;
    const quantity = parseNumber(text, q0, q1, this.decimalComma);
    if (!(quantity >= 0) || !withinAmountLimit(quantity)) {
      const raw = quote(text.slice(q0, q1));
      this.problem(
        rowNo,
        QUANTITY,
        quantity < 0
          ? `quantity must not be negative, got ${raw}`
          : quantity === quantity
            ? `quantity must be at most ${MAX_AMOUNT_TEXT}, got ${raw}`
            : numberProblem(text.slice(q0, q1), this.decimalComma),
        code,
      );
      ok = false;
    }
    const unit = this.fUom < 0 ? -1 : this.units.lookup(text, b[2 * this.fUom]!, b[2 * this.fUom + 1]!);
    if (!ok) return;
    const i = this.keepRow(rowNo);
    this.item[i] = item;
    this.day[i] = day;
    this.quantity[i] = quantity;
    this.unit[i] = unit;
  }

  protected grow(capacity: number): void {
    this.item = grownInt32(this.item, capacity);
    this.day = grownInt32(this.day, capacity);
    this.quantity = grownFloat64(this.quantity, capacity);
    this.unit = grownInt32(this.unit, capacity);
  }

  /** Hands over the rows kept so far (with the codes first seen since the last batch) and starts afresh. */
  takeBatch(): SalesBatch {
    const batch: SalesBatch = {
      file: this.file,
      itemLabel: this.label(ITEM),
      dateLabel: this.label(DATE),
      uomLabel: this.label(UOM),
      count: this.count,
      item: this.item,
      day: this.day,
      quantity: this.quantity,
      unit: this.unit,
      rowNo: this.rowNo,
      newItems: this.items.values.slice(this.sentItems),
      newUnits: this.units.values.slice(this.sentUnits),
    };
    this.sentItems = this.items.values.length;
    this.sentUnits = this.units.values.length;
    this.sentRows += this.count;
    const capacity = Math.max(1024, this.count);
    this.count = 0;
    this.rowNo = new Int32Array(capacity);
    this.item = new Int32Array(capacity);
    this.day = new Int32Array(capacity);
    this.quantity = new Float64Array(capacity);
    this.unit = new Int32Array(capacity);
    return batch;
  }

  override get rowsRead(): number {
    return this.sentRows + this.count;
  }

  apply(ctx: ImportContext): void {
    new SalesWriter(ctx).add(this.takeBatch());
  }
}

/**
 * Sales rows in transit from a reader to the import's transaction: columns (valid to `count`)
 * whose item and unit are indices into the file's code lists, which batches extend in order.
 */
export interface SalesBatch {
  file: string;
  itemLabel: string;
  dateLabel: string;
  uomLabel: string;
  count: number;
  item: Int32Array;
  day: Int32Array;
  quantity: Float64Array;
  /** -1: the item's base unit */
  unit: Int32Array;
  rowNo: Int32Array;
  newItems: string[];
  newUnits: string[];
}

/**
 * Checks one file's sales batches against the store and the files applied before (known item, a
 * factor for the unit) and against the import's clock (no date past `latestDay`), and inserts them
 * while the import has no problem. Codes resolve once per file, conversions once per (item, unit)
 * pair.
 */
export class SalesWriter {
  private readonly items: string[] = [];
  private readonly units: string[] = [];
  private itemIds = new Int32Array(0);
  private baseIds = new Int32Array(0);
  private unitIds: number[] = [];
  /**
   * Per unit, by item index: 0 unchecked, 1 converts, 2 does not. Dropped (every row checked)
   * for absurd files with millions of distinct pairs.
   */
  private converts: Int8Array[] | null = [];

  constructor(private readonly ctx: ImportContext) {}

  add(batch: SalesBatch): void {
    const { ctx } = this;
    this.learn(batch);
    const { item, day, unit, rowNo, count } = batch;
    const { itemIds, baseIds, unitIds } = this;
    for (let i = 0; i < count; i++) {
      if (day[i]! > ctx.latestDay) {
        ctx.issues.add(batch.file, rowNo[i]!, batch.dateLabel, futureDayProblem('date', day[i]!, ctx.latestDay, 'a sale'), this.items[item[i]!]);
      }
      const local = item[i]!;
      const id = itemIds[local]!;
      if (id < 0) {
        ctx.issues.add(batch.file, rowNo[i]!, batch.itemLabel, `unknown item ${quote(this.items[local]!)}: not in the store or in an items file of this import`, this.items[local]);
        continue;
      }
      const u = unit[i]!;
      if (u < 0) {
        unit[i] = baseIds[local]!;
      } else {
        const known = this.converts?.[u];
        let converts = known ? known[local]! : 0;
        if (converts === 0) {
          converts = canConvert(ctx.catalog, id, this.units[u]!) ? 1 : 2;
          if (known) known[local] = converts;
        }
        if (converts === 2) {
          ctx.issues.add(
            batch.file,
            rowNo[i]!,
            batch.uomLabel,
            `no conversion from ${this.units[u]} to the base unit ${ctx.catalog.baseUom.get(id)} of item ${quote(this.items[local]!)}; add it to a uom file`,
            this.items[local],
          );
        }
        unit[i] = unitIds[u]!;
      }
      item[i] = id;
    }
    if (ctx.issues.any) return;
    ctx.repeats?.add(batch.file, item, day, count);
    ctx.tx.insertSales({ item, day, quantity: batch.quantity, uom: unit, count });
  }

  /** Resolves the codes first seen in this batch. */
  private learn(batch: SalesBatch): void {
    const { ctx } = this;
    if (batch.newItems.length) {
      for (const code of batch.newItems) this.items.push(code);
      const ids = resolveItems(batch.newItems, ctx);
      const bases = resolveBaseUnits(ids, ctx);
      const grow = (old: Int32Array, add: Int32Array) => {
        const next = new Int32Array(old.length + add.length);
        next.set(old);
        next.set(add, old.length);
        return next;
      };
      this.itemIds = grow(this.itemIds, ids);
      this.baseIds = grow(this.baseIds, bases);
    }
    for (const code of batch.newUnits) {
      this.units.push(code);
      this.unitIds.push(ctx.tx.internUom(ctx.catalog, code));
    }
    if (this.converts && this.items.length * this.units.length > 1 << 24) this.converts = null;
    if (this.converts) {
      for (let u = 0; u < this.units.length; u++) {
        const old = this.converts[u];
        if (old?.length === this.items.length) continue;
        const next = new Int8Array(this.items.length);
        if (old) next.set(old);
        this.converts[u] = next;
      }
    }
  }
}
