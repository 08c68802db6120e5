import type { Catalog, ItemStockRow, UnitDescription } from '../types';
import type { Sql } from './db';

export async function loadCatalog(sql: Sql): Promise<Catalog> {
  const itemIds = new Map<string, number>();
  const baseUom = new Map<number, string>();
  const items = await sql.query<[number, string, string]>({ text: 'SELECT id, item_id, base_uom FROM items', rowMode: 'array' });
  for (const row of items.rows) {
    itemIds.set(row[1], row[0]);
    baseUom.set(row[0], row[2]);
  }
  const uomIds = new Map<string, number>();
  const units = await sql.query<[number, string]>({ text: 'SELECT id, code FROM uom_codes', rowMode: 'array' });
  for (const row of units.rows) uomIds.set(row[1], row[0]);
  const factors = new Set<string>();
  const rows = await sql.query<[number, number]>({ text: 'SELECT item, uom FROM uom_factors', rowMode: 'array' });
  for (const row of rows.rows) factors.add(`${row[0]}:${row[1]}`);
  return { itemIds, baseUom, uomIds, factors };
}

/** Items with their latest inventory position (in the unit it was recorded in), by item code. */
export async function listItemsWithStock(sql: Sql, opts: { limit: number; offset: number; search?: string }): Promise<ItemStockRow[]> {
  // ILIKE: SQLite's LIKE ignores the case of ASCII letters.
  const like = opts.search ? `%${opts.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : null;
  const { rows } = await sql.query<ItemStockRow>(
    `SELECT i.item_id, i.name, i.category, i.base_uom, i.unit_cost, i.lead_time_days,
            inv.on_hand, inv.on_order, u.code AS stock_uom, inv.as_of
       FROM items i
       LEFT JOIN inventory inv
         ON inv.item = i.id AND inv.as_of = (SELECT max(as_of) FROM inventory WHERE item = i.id)
       LEFT JOIN uom_codes u ON u.id = inv.uom
      WHERE ($1::text IS NULL OR i.item_id ILIKE $1 OR i.name ILIKE $1)
      ORDER BY i.item_id
      LIMIT $2 OFFSET $3`,
    [like, opts.limit, opts.offset],
  );
  return rows;
}

export async function describeUnit(sql: Sql, itemKey: number, unit: number): Promise<UnitDescription> {
  const item = await sql.query<{ itemId: string; baseUom: string }>(`SELECT item_id AS "itemId", base_uom AS "baseUom" FROM items WHERE id = $1`, [itemKey]);
  const code = await sql.query<{ code: string }>('SELECT code FROM uom_codes WHERE id = $1', [unit]);
  return { item: item.rows[0] ?? null, unitCode: code.rows[0]?.code ?? `#${unit}` };
}

export async function count(sql: Sql, table: 'items' | 'imports' | 'inventory' | 'uom_factors'): Promise<number> {
  return (await sql.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
}
