import type { Catalog } from './types';

/** Formats and checks shared by both store implementations and their callers; no I/O. */

/** A REAL column value: non-finite numbers (no stockout, endless cover) are stored as NULL. */
const real = (x: number) => (Number.isFinite(x) ? x : null);

/**
 * The stored form of one item's leaderboard: entries `from .. to` of the engine's columns, best
 * first; the entry of `pinned` (a label: the analyst's pinned model that the engine used) says so.
 */
export function leaderboardJson(
  modelNames: readonly string[],
  model: Int32Array,
  error: Float64Array,
  from: number,
  to: number,
  pinned = -1,
): string {
  const parts: string[] = [];
  for (let j = from; j < to; j++) {
    parts.push(JSON.stringify({ model: modelNames[model[j]!], error: real(error[j]!), ...(model[j] === pinned ? { pinned: true } : {}) }));
  }
  return `[${parts.join(',')}]`;
}

/** True when a quantity of `uom` for `item` can be converted to the item's base unit. */
export function canConvert(catalog: Catalog, item: number, uom: string): boolean {
  if (catalog.baseUom.get(item) === uom) return true;
  const id = catalog.uomIds.get(uom);
  if (id === undefined) return false;
  return catalog.factors.has(`${item}:${id}`) || catalog.factors.has(`0:${id}`);
}
