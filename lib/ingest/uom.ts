import { MAX_AMOUNT_TEXT, withinAmountLimit } from '../inventory/amounts';
import { Dictionary, grownFloat64, grownInt32, itemCode, unitCode } from './columns';
import { isBlank, numberProblem, parseNumber } from './fields';
import { quote } from './issues';
import { KindRows, type ImportContext } from './rows';
import { resolveItems } from './resolve';

const ITEM = 0;
const UOM = 1;
const FACTOR = 2;

/**
 * Unit conversions `item_id, uom, factor_to_base`: one `uom` equals `factor_to_base` of the
 * item's base unit. A blank item_id makes the factor apply to every item (an item's own factor
 * wins over it). A factor already stored for (item, uom) is replaced.
 */
export class UomRows extends KindRows {
  readonly kind = 'uom' as const;
  readonly items = new Dictionary(itemCode);
  readonly units = new Dictionary(unitCode);
  /** index into `items.values`, or -1 for every item */
  item: Int32Array = new Int32Array(1024);
  unit: Int32Array = new Int32Array(1024);
  factor: Float64Array = new Float64Array(1024);
  private readonly firstRow = new Map<string, number>();

  row(text: string, b: Int32Array, fields: number, rowNo: number): void {
    if (fields !== this.width && !this.widthOk(text, b, fields, rowNo)) return;
    const fi = this.field(ITEM);
    const fu = this.field(UOM);
    const ff = this.field(FACTOR);
    const item = this.items.lookup(text, b[2 * fi]!, b[2 * fi + 1]!);
    const unit = this.units.lookup(text, b[2 * fu]!, b[2 * fu + 1]!);
    if (unit < 0 && item < 0 && this.blankRow(text, b, fields)) return;
    let ok = true;
    if (unit < 0) {
      this.problem(rowNo, UOM, 'uom is empty');
      ok = false;
    } else {
      const key = `${item}\u0000${unit}`;
      const first = this.firstRow.get(key);
      if (first !== undefined) {
        const who = item < 0 ? 'all items' : `item ${quote(this.items.values[item]!)}`;
        this.problem(rowNo, UOM, `duplicate factor for ${this.units.values[unit]} of ${who} (first at row ${first})`, this.items.values[item]);
        ok = false;
      } else this.firstRow.set(key, rowNo);
    }
    const f0 = b[2 * ff]!;
    const f1 = b[2 * ff + 1]!;
    const factor = parseNumber(text, f0, f1, this.decimalComma);
    if (!(factor > 0) || !withinAmountLimit(factor)) {
      const raw = text.slice(f0, f1);
      this.problem(
        rowNo,
        FACTOR,
        isBlank(text, f0, f1)
          ? 'factor_to_base is empty'
          : factor !== factor
            ? numberProblem(raw, this.decimalComma)
            : factor > 0
              ? `a conversion factor must be at most ${MAX_AMOUNT_TEXT}, got ${quote(raw)}`
              : `a conversion factor must be above 0, got ${quote(raw)}`,
        this.items.values[item],
      );
      ok = false;
    }
    if (!ok) return;
    const i = this.keepRow(rowNo);
    this.item[i] = item;
    this.unit[i] = unit;
    this.factor[i] = factor;
  }

  protected grow(capacity: number): void {
    this.item = grownInt32(this.item, capacity);
    this.unit = grownInt32(this.unit, capacity);
    this.factor = grownFloat64(this.factor, capacity);
  }

  /** Adds the factors to the catalog, so later files of the import may use the units. */
  apply(ctx: ImportContext): void {
    const { catalog } = ctx;
    const itemIds = resolveItems(this.items.values, ctx);
    const unitIds = this.units.values.map((code) => ctx.tx.internUom(catalog, code));
    const item = new Int32Array(this.count);
    const uom = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const local = this.item[i]!;
      const code = this.units.values[this.unit[i]!]!;
      const id = local < 0 ? 0 : itemIds[local]!;
      if (id < 0) {
        this.problem(this.rowNo[i]!, ITEM, `unknown item ${quote(this.items.values[local]!)}: not in the store or in an items file of this import`, this.items.values[local]);
        continue;
      }
      if (id > 0 && catalog.baseUom.get(id) === code && this.factor[i] !== 1) {
        this.problem(this.rowNo[i]!, FACTOR, `${code} is the base unit of item ${quote(this.items.values[local]!)}; its factor is always 1`, this.items.values[local]);
        continue;
      }
      item[i] = id;
      uom[i] = unitIds[this.unit[i]!]!;
      catalog.factors.add(`${id}:${uom[i]}`);
    }
    if (!ctx.issues.any) ctx.tx.upsertUomFactors({ item, uom, factor: this.factor, count: this.count });
  }
}
