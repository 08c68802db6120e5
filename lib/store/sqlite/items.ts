import type { ItemStockRow } from '../types';
import type { Db } from './db';

/** Items with their latest inventory position (in the unit it was recorded in), by item code. */
export function listItemsWithStock(db: Db, opts: { limit: number; offset: number; search?: string }): ItemStockRow[] {
  const like = opts.search ? `%${opts.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  return db
    .prepare(
      `SELECT i.item_id, i.name, i.category, i.base_uom, i.unit_cost, i.lead_time_days,
              inv.on_hand, inv.on_order, u.code AS stock_uom, inv.as_of
         FROM items i
         LEFT JOIN inventory inv
           ON inv.item = i.id AND inv.as_of = (SELECT MAX(as_of) FROM inventory WHERE item = i.id)
         LEFT JOIN uom_codes u ON u.id = inv.uom
        WHERE (@like IS NULL OR i.item_id LIKE @like ESCAPE '\\' OR i.name LIKE @like ESCAPE '\\')
        ORDER BY i.item_id
        LIMIT @limit OFFSET @offset`,
    )
    .all({ like, limit: opts.limit, offset: opts.offset }) as ItemStockRow[];
}

export function countItems(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
}
