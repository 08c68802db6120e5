import { MAX_AMOUNT_TEXT, withinAmountLimit } from '../inventory/amounts';
import { fieldText, isBlank, numberProblem, parseNumber } from './fields';
import { grownFloat64 } from './columns';
import { quote } from './issues';
import { KindRows, type ImportContext } from './rows';

const ITEM = 0;
const NAME = 1;
const CATEGORY = 2;
const BASE_UOM = 3;
const UNIT_COST = 4;
const LEAD_TIME = 5;
const SERVICE_LEVEL = 6;
const MOQ = 7;
const CASE_PACK = 8;
const SUPPLIER = 9;
const UNIT_PRICE = 10;
const HOLDING_RATE = 11;
const LEAD_TIME_SD = 12;
const SUPPLIER_MAX = 100;

/**
 * Item master rows. An item already in the store is updated in place (name, category, cost,
 * lead time, service level, MOQ, case pack), as an analyst re-sending a corrected master
 * expects; its base unit cannot change, because every stored quantity is counted in it.
 */
export class ItemsRows extends KindRows {
  readonly kind = 'items' as const;
  code: string[] = [];
  name: string[] = [];
  category: string[] = [];
  baseUom: string[] = [];
  unitCost: Float64Array = new Float64Array(1024);
  leadTimeDays: Float64Array = new Float64Array(1024);
  serviceLevel: Float64Array = new Float64Array(1024);
  moq: Float64Array = new Float64Array(1024);
  casePack: Float64Array = new Float64Array(1024);
  /** '' when not given */
  supplier: string[] = [];
  unitPrice: Float64Array = new Float64Array(1024);
  holdingCostRate: Float64Array = new Float64Array(1024);
  leadTimeSdDays: Float64Array = new Float64Array(1024);
  private readonly firstRow = new Map<string, number>();

  row(text: string, b: Int32Array, fields: number, rowNo: number): void {
    if (fields !== this.width && !this.widthOk(text, b, fields, rowNo)) return;
    const get = (c: number) => {
      const f = this.field(c);
      return f < 0 ? '' : fieldText(text, b[2 * f]!, b[2 * f + 1]!);
    };
    const code = get(ITEM);
    if (code === '' && this.blankRow(text, b, fields)) return;
    let ok = true;
    if (code === '') {
      this.problem(rowNo, ITEM, 'item_id is empty');
      ok = false;
    } else if (this.firstRow.has(code)) {
      this.problem(rowNo, ITEM, `duplicate item_id ${quote(code)} (first at row ${this.firstRow.get(code)})`, code);
      ok = false;
    } else this.firstRow.set(code, rowNo);
    const named = code === '' ? undefined : code;
    const baseUom = get(BASE_UOM).toUpperCase();
    if (baseUom === '') {
      this.problem(rowNo, BASE_UOM, 'base_uom is empty', named);
      ok = false;
    }
    const number = (c: number, required: boolean, accept: (v: number) => boolean, rule: string): number => {
      const f = this.field(c);
      if (f < 0 || isBlank(text, b[2 * f]!, b[2 * f + 1]!)) {
        if (required) {
          this.problem(rowNo, c, `${this.label(c)} is empty; expected ${rule}`, named);
          ok = false;
        }
        return Number.NaN;
      }
      let v = parseNumber(text, b[2 * f]!, b[2 * f + 1]!, this.decimalComma);
      const raw = text.slice(b[2 * f]!, b[2 * f + 1]!).trim();
      if ((c === SERVICE_LEVEL || c === HOLDING_RATE) && raw.endsWith('%')) v = parseNumber(raw, 0, raw.length - 1, this.decimalComma) / 100;
      if (!accept(v) || !withinAmountLimit(v)) {
        this.problem(rowNo, c, accept(v) ? `expected at most ${MAX_AMOUNT_TEXT}, got ${quote(raw)}` : numberProblem(raw, this.decimalComma, rule), named);
        ok = false;
      }
      return v;
    };
    const unitCost = number(UNIT_COST, true, (v) => v >= 0, 'a cost of 0 or more');
    const leadTime = number(LEAD_TIME, true, (v) => v >= 0, 'a number of days, 0 or more');
    const serviceLevel = number(SERVICE_LEVEL, false, (v) => v > 0 && v < 1, 'a service level between 0 and 1 (0.95 or 95%)');
    const moq = number(MOQ, false, (v) => v >= 0, 'a minimum order quantity of 0 or more');
    const casePack = number(CASE_PACK, false, (v) => v > 0, 'a case pack above 0');
    const supplier = get(SUPPLIER).trim();
    // Suppliers name worksheet sheets and ERP files: printable text of a sensible length.
    if (supplier.length > SUPPLIER_MAX || /[\u0000-\u001f\u007f]/.test(supplier)) {
      this.problem(rowNo, SUPPLIER, `expected a supplier name of at most ${SUPPLIER_MAX} printable characters, got ${quote(supplier.slice(0, 40))}`, named);
      ok = false;
    }
    const unitPrice = number(UNIT_PRICE, false, (v) => v >= 0, 'a selling price of 0 or more');
    const holdingRate = number(HOLDING_RATE, false, (v) => v >= 0 && v <= 1, 'a yearly holding cost rate between 0 and 1 (0.25 or 25%)');
    const leadTimeSd = number(LEAD_TIME_SD, false, (v) => v >= 0, 'a lead-time standard deviation in days, 0 or more');
    if (!ok) return;
    const i = this.keepRow(rowNo);
    this.code.push(code);
    this.name.push(get(NAME));
    this.category.push(get(CATEGORY));
    this.baseUom.push(baseUom);
    this.unitCost[i] = unitCost;
    this.leadTimeDays[i] = leadTime;
    this.serviceLevel[i] = serviceLevel;
    this.moq[i] = moq;
    this.casePack[i] = casePack;
    this.supplier.push(supplier);
    this.unitPrice[i] = unitPrice;
    this.holdingCostRate[i] = holdingRate;
    this.leadTimeSdDays[i] = leadTimeSd;
  }

  protected grow(capacity: number): void {
    this.unitCost = grownFloat64(this.unitCost, capacity);
    this.leadTimeDays = grownFloat64(this.leadTimeDays, capacity);
    this.serviceLevel = grownFloat64(this.serviceLevel, capacity);
    this.moq = grownFloat64(this.moq, capacity);
    this.casePack = grownFloat64(this.casePack, capacity);
    this.unitPrice = grownFloat64(this.unitPrice, capacity);
    this.holdingCostRate = grownFloat64(this.holdingCostRate, capacity);
    this.leadTimeSdDays = grownFloat64(this.leadTimeSdDays, capacity);
  }

  /** Gives new items their ids and adds them to the catalog, so later files of the import see them. */
  apply(ctx: ImportContext): void {
    const { catalog } = ctx;
    const firstNewId = ctx.nextItemId;
    const id = new Int32Array(this.count);
    for (let i = 0; i < this.count; i++) {
      const existing = catalog.itemIds.get(this.code[i]!);
      if (existing === undefined) {
        id[i] = ctx.nextItemId++;
        catalog.itemIds.set(this.code[i]!, id[i]!);
        catalog.baseUom.set(id[i]!, this.baseUom[i]!);
        continue;
      }
      id[i] = existing;
      const stored = catalog.baseUom.get(existing);
      if (stored !== this.baseUom[i]) {
        this.problem(
          this.rowNo[i]!,
          BASE_UOM,
          `item ${quote(this.code[i]!)} is counted in ${stored} in the store; its base unit cannot change to ${this.baseUom[i]} (its stored quantities are in ${stored})`,
          this.code[i],
        );
      }
    }
    const { code, name, category, baseUom, unitCost, leadTimeDays, serviceLevel, moq, casePack, supplier, unitPrice, holdingCostRate, leadTimeSdDays, count } = this;
    if (!ctx.issues.any) {
      ctx.tx.upsertItems({
        id, firstNewId, code, name, category, baseUom, unitCost, leadTimeDays, serviceLevel, moq, casePack,
        supplier, unitPrice, holdingCostRate, leadTimeSdDays, count,
      });
    }
  }
}
