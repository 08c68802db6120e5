import type { ImportContext } from './rows';

/** items.id for each item code, or -1 when unknown. */
export function resolveItems(codes: readonly string[], ctx: ImportContext): Int32Array {
  const ids = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) ids[i] = ctx.catalog.itemIds.get(codes[i]!) ?? -1;
  return ids;
}

/** uom_codes.id of each item's base unit (for rows that leave the unit blank), -1 when unknown. */
export function resolveBaseUnits(itemIds: Int32Array, ctx: ImportContext): Int32Array {
  const ids = new Int32Array(itemIds.length).fill(-1);
  for (let i = 0; i < itemIds.length; i++) {
    const base = itemIds[i]! >= 0 ? ctx.catalog.baseUom.get(itemIds[i]!) : undefined;
    if (base !== undefined) ids[i] = ctx.tx.internUom(ctx.catalog, base);
  }
  return ids;
}

/**
 * Whether (item, unit) converts, remembered per distinct pair of a file: 0 unchecked, 1 yes,
 * 2 no. Null for absurd files with millions of distinct pairs; those check every row.
 */
export function pairCache(items: number, units: number): Int8Array | null {
  return items * units <= 1 << 24 ? new Int8Array(items * units) : null;
}
