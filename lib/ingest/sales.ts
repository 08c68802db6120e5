import { canConvert, internUom } from '../store/catalog';
import { insertSales } from '../store/bulk';
import { Dictionary, grownFloat64, grownInt32, itemCode, unitCode } from './columns';
import { parseDay, parseNumber } from './fields';
import { quote } from './issues';
import { KindRows, type ValidateContext, type WritePlan } from './rows';

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
    if (day !== day) {
      this.problem(rowNo, DATE, `expected a date as YYYY-MM-DD, got ${quote(text.slice(d0, d1))}`);
      ok = false;
    }
    const q0 = b[2 * this.fQuantity]!;
    const q1 = b[2 * this.fQuantity + 1]!;
    const quantity = parseNumber(text, q0, q1, this.decimalComma);
    if (!(quantity >= 0)) {
      this.problem(
        rowNo,
        QUANTITY,
        quantity < 0 ? `quantity must not be negative, got ${quote(text.slice(q0, q1))}` : `expected a number, got ${quote(text.slice(q0, q1))}`,
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

  validate(ctx: ValidateContext): WritePlan {
    const itemIds = resolveItems(this.items.values, ctx);
    const unitIds = this.units.values.map((code) => internUom(ctx.db, ctx.catalog, code));
    const baseIds = resolveBaseUnits(itemIds, ctx);
    const pairs = pairCache(itemIds.length, unitIds.length);
    const { item, unit } = this;
    for (let i = 0; i < this.count; i++) {
      const local = item[i]!;
      const id = itemIds[local]!;
      if (id < 0) {
        this.problem(this.rowNo[i]!, ITEM, `unknown item ${quote(this.items.values[local]!)}: not in the store or in an items file of this import`);
        continue;
      }
      const u = unit[i]!;
      if (u < 0) {
        unit[i] = baseIds[local]!;
      } else {
        const pair = local * unitIds.length + u;
        let known = pairs ? pairs[pair]! : 0;
        if (known === 0) {
          known = canConvert(ctx.catalog, id, this.units.values[u]!) ? 1 : 2;
          if (pairs) pairs[pair] = known;
        }
        if (known === 2) {
          this.problem(
            this.rowNo[i]!,
            UOM,
            `no conversion from ${this.units.values[u]} to the base unit ${ctx.catalog.baseUom.get(id)} of item ${quote(this.items.values[local]!)}; add it to a uom file`,
          );
        }
        unit[i] = unitIds[u]!;
      }
      item[i] = id;
    }
    const count = this.count;
    return { write: (db) => insertSales(db, { item, day: this.day, quantity: this.quantity, uom: unit, count }) };
  }
}

/**
 * Whether (item, unit) converts, remembered per distinct pair of a file: 0 unchecked, 1 yes,
 * 2 no. Null for absurd files with millions of distinct pairs; those check every row.
 */
export function pairCache(items: number, units: number): Int8Array | null {
  return items * units <= 1 << 24 ? new Int8Array(items * units) : null;
}

/** items.id for each distinct item code, or -1 when unknown. */
export function resolveItems(codes: readonly string[], ctx: ValidateContext): Int32Array {
  const ids = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) ids[i] = ctx.catalog.itemIds.get(codes[i]!) ?? -1;
  return ids;
}

/** uom_codes.id of each item's base unit (for rows that leave the unit blank), -1 when unknown. */
export function resolveBaseUnits(itemIds: Int32Array, ctx: ValidateContext): Int32Array {
  const ids = new Int32Array(itemIds.length).fill(-1);
  for (let i = 0; i < itemIds.length; i++) {
    const base = itemIds[i]! >= 0 ? ctx.catalog.baseUom.get(itemIds[i]!) : undefined;
    if (base !== undefined) ids[i] = internUom(ctx.db, ctx.catalog, base);
  }
  return ids;
}
