import { MAX_AMOUNT_TEXT, withinAmountLimit } from '../inventory/amounts';
import { NO_DUE_DAY } from '../store';
import { canConvert } from '../store/formats';
import { futureDayProblem } from '../store/days';
import { Dictionary, grownFloat64, grownInt32, itemCode, unitCode } from './columns';
import { civilDay, isBlank, numberProblem, parseDay, parseNumber } from './fields';
import { quote } from './issues';
import { KindRows, type ImportContext } from './rows';
import { pairCache, resolveBaseUnits, resolveItems } from './resolve';

const ITEM = 0;
const ON_HAND = 1;
const ON_ORDER = 2;
const UOM = 3;
const AS_OF = 4;
const DUE = 5;

/** Keys (item, day) of one file into one number: days from 1900 fit in 17 bits. */
const DAY_OFFSET = -civilDay(1900, 1, 1);
const DAY_SPAN = 131072;

/**
 * Stock positions `item_id, on_hand, on_order, uom, as_of[, on_order_due]`, one per item and
 * date. A blank on_order is 0; a blank unit is the item's base unit. A position already stored
 * for the same item and date is replaced (a corrected snapshot).
 */
export class InventoryRows extends KindRows {
  readonly kind = 'inventory' as const;
  readonly items = new Dictionary(itemCode);
  readonly units = new Dictionary(unitCode);
  item: Int32Array = new Int32Array(1024);
  asOf: Int32Array = new Int32Array(1024);
  onHand: Float64Array = new Float64Array(1024);
  onOrder: Float64Array = new Float64Array(1024);
  unit: Int32Array = new Int32Array(1024);
  due: Int32Array = new Int32Array(1024);
  private readonly firstRow = new Map<number, number>();

  row(text: string, b: Int32Array, fields: number, rowNo: number): void {
    if (fields !== this.width && !this.widthOk(text, b, fields, rowNo)) return;
    const at = (c: number) => 2 * this.field(c);
    const item = this.items.lookup(text, b[at(ITEM)]!, b[at(ITEM) + 1]!);
    if (item < 0 && this.blankRow(text, b, fields)) return;
    let ok = true;
    const code = item < 0 ? undefined : this.items.values[item];
    if (item < 0) {
      this.problem(rowNo, ITEM, 'item_id is empty');
      ok = false;
    }
    const amount = (c: number, blankIsZero: boolean): number => {
      const a = b[at(c)]!;
      const z = b[at(c) + 1]!;
      if (blankIsZero && isBlank(text, a, z)) return 0;
      const v = parseNumber(text, a, z, this.decimalComma);
      if (v >= 0 && withinAmountLimit(v)) return v;
      const raw = text.slice(a, z);
      const name = this.label(c);
      this.problem(
        rowNo,
        c,
        isBlank(text, a, z)
          ? `${name} is empty`
          : v < 0
            ? `${c === ON_HAND ? 'negative on-hand' : `negative ${name}`} ${quote(raw)}; stock positions are 0 or more`
            : v === v
              ? `${name} must be at most ${MAX_AMOUNT_TEXT}, got ${quote(raw)}`
              : numberProblem(raw, this.decimalComma),
        code,
      );
      ok = false;
      return v;
    };
    const onHand = amount(ON_HAND, false);
    const onOrder = amount(ON_ORDER, true);
    const day = (c: number, optional: boolean): number => {
      const f = this.field(c);
      if (f < 0) return NO_DUE_DAY;
      const a = b[2 * f]!;
      const z = b[2 * f + 1]!;
      if (optional && isBlank(text, a, z)) return NO_DUE_DAY;
      const d = parseDay(text, a, z);
      if (d !== d) {
        this.problem(rowNo, c, `expected a date as YYYY-MM-DD, got ${quote(text.slice(a, z))}`, code);
        ok = false;
      }
      return d;
    };
    const asOf = day(AS_OF, false);
    const due = day(DUE, true);
    const unit = this.field(UOM) < 0 ? -1 : this.units.lookup(text, b[at(UOM)]!, b[at(UOM) + 1]!);
    if (ok) {
      const key = item * DAY_SPAN + asOf + DAY_OFFSET;
      const first = this.firstRow.get(key);
      if (first !== undefined) {
        this.problem(rowNo, AS_OF, `duplicate position for item ${quote(code!)} on this date (first at row ${first})`, code);
        return;
      }
      this.firstRow.set(key, rowNo);
    }
    if (!ok) return;
    const i = this.keepRow(rowNo);
    this.item[i] = item;
    this.asOf[i] = asOf;
    this.onHand[i] = onHand;
    this.onOrder[i] = onOrder;
    this.unit[i] = unit;
    this.due[i] = due;
  }

  protected grow(capacity: number): void {
    this.item = grownInt32(this.item, capacity);
    this.asOf = grownInt32(this.asOf, capacity);
    this.onHand = grownFloat64(this.onHand, capacity);
    this.onOrder = grownFloat64(this.onOrder, capacity);
    this.unit = grownInt32(this.unit, capacity);
    this.due = grownInt32(this.due, capacity);
  }

  apply(ctx: ImportContext): void {
    const itemIds = resolveItems(this.items.values, ctx);
    const unitIds = this.units.values.map((code) => ctx.tx.internUom(ctx.catalog, code));
    const baseIds = resolveBaseUnits(itemIds, ctx);
    const pairs = pairCache(itemIds.length, unitIds.length);
    const { item, unit } = this;
    for (let i = 0; i < this.count; i++) {
      const local = item[i]!;
      const code = this.items.values[local];
      if (this.asOf[i]! > ctx.latestDay) {
        this.problem(this.rowNo[i]!, AS_OF, futureDayProblem('as_of', this.asOf[i]!, ctx.latestDay, 'a stock position'), code);
      }
      const id = itemIds[local]!;
      if (id < 0) {
        this.problem(this.rowNo[i]!, ITEM, `unknown item ${quote(code!)}: not in the store or in an items file of this import`, code);
        continue;
      }
      const u = unit[i]!;
      if (u >= 0) {
        const pair = local * unitIds.length + u;
        const known = pairs?.[pair] || (canConvert(ctx.catalog, id, this.units.values[u]!) ? 1 : 2);
        if (pairs) pairs[pair] = known;
        if (known === 2) {
          this.problem(
            this.rowNo[i]!,
            UOM,
            `no conversion from ${this.units.values[u]} to the base unit ${ctx.catalog.baseUom.get(id)} of item ${quote(code!)}; add it to a uom file`,
            code,
          );
        }
      }
      unit[i] = u < 0 ? baseIds[local]! : unitIds[u]!;
      item[i] = id;
    }
    if (!ctx.issues.any) {
      ctx.tx.upsertInventory({ item, asOf: this.asOf, onHand: this.onHand, onOrder: this.onOrder, uom: unit, due: this.due, count: this.count });
    }
  }
}
