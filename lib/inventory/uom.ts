/**
 * Unit-of-measure conversion to each item's base unit, as one vectorized pass over columns.
 *
 * Factors sit in a dense table indexed by (item key, unit id): `factor[item * unitSlots + unit]`
 * is how many base units one `unit` is for that item, NaN when the item has no such factor (and
 * for item keys that name no item). Precedence: the item's own base unit is 1; then a factor
 * given for that item; then a factor given for all items (`uom_factors.item = 0`).
 */
export interface UomTable {
  itemSlots: number;
  unitSlots: number;
  factor: Float64Array;
}

export interface UomTableInput {
  /** Item keys (items.id) that exist. */
  itemKeys: Int32Array;
  /** Unit id of each item's base unit (parallel to itemKeys); -1 when that code was never interned. */
  baseUnit: Int32Array;
  /** Factor rows: item key (0 = all items), unit id, factor to base. */
  factorItem: Int32Array;
  factorUnit: Int32Array;
  factorValue: Float64Array;
}

export function buildUomTable(input: UomTableInput): UomTable {
  let itemSlots = 1;
  for (let i = 0; i < input.itemKeys.length; i++) itemSlots = Math.max(itemSlots, input.itemKeys[i]! + 1);
  let unitSlots = 1;
  for (let i = 0; i < input.baseUnit.length; i++) unitSlots = Math.max(unitSlots, input.baseUnit[i]! + 1);
  for (let i = 0; i < input.factorUnit.length; i++) unitSlots = Math.max(unitSlots, input.factorUnit[i]! + 1);

  const general = new Float64Array(unitSlots).fill(Number.NaN);
  for (let f = 0; f < input.factorItem.length; f++) {
    if (input.factorItem[f] === 0) general[input.factorUnit[f]!] = input.factorValue[f]!;
  }
  const factor = new Float64Array(itemSlots * unitSlots).fill(Number.NaN);
  for (let i = 0; i < input.itemKeys.length; i++) factor.set(general, input.itemKeys[i]! * unitSlots);
  for (let f = 0; f < input.factorItem.length; f++) {
    const item = input.factorItem[f]!;
    if (item > 0 && item < itemSlots) factor[item * unitSlots + input.factorUnit[f]!] = input.factorValue[f]!;
  }
  for (let i = 0; i < input.itemKeys.length; i++) {
    const base = input.baseUnit[i]!;
    if (base >= 0) factor[input.itemKeys[i]! * unitSlots + base] = 1;
  }
  return { itemSlots, unitSlots, factor };
}

/** The factor for one (item, unit), NaN when there is none. */
export function factorOf(table: UomTable, item: number, unit: number): number {
  if (item < 0 || item >= table.itemSlots || unit < 0 || unit >= table.unitSlots) return Number.NaN;
  return table.factor[item * table.unitSlots + unit]!;
}

/**
 * out[i] = quantity[i] × factor(item[i], unit[i]) for the first `count` rows. Returns the index of
 * the first row that has no factor (its output is NaN), or -1 when every row converted; the caller
 * names the item and unit in its error.
 */
export function convertToBase(
  table: UomTable,
  item: Int32Array,
  unit: Int32Array,
  quantity: Float64Array,
  out: Float64Array,
  count = quantity.length,
): number {
  const { factor, itemSlots, unitSlots } = table;
  let missing = -1;
  for (let i = 0; i < count; i++) {
    const it = item[i]!;
    const u = unit[i]!;
    // Out-of-range keys read as NaN through the bounds check folded into one comparison each.
    const f = it >= 0 && it < itemSlots && u >= 0 && u < unitSlots ? factor[it * unitSlots + u]! : Number.NaN;
    const q = quantity[i]! * f;
    out[i] = q;
    if (f !== f && missing < 0) missing = i;
  }
  return missing;
}
