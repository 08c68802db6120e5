import { openStore, type Store } from '@/lib/store';

/**
 * A real store with items SKU-0..SKU-(n-1) in base unit EA, a CASE factor for every item and a
 * BOX factor for SKU-0 only. Written with SQL: the file importer is not needed to test events.
 */
export function storeWithItems(dir: string, n = 10): Store {
  const store = openStore(dir);
  const { db } = store;
  db.transaction(() => {
    const item = db.prepare(
      `INSERT INTO items (item_id, name, category, base_uom, unit_cost, lead_time_days) VALUES (?, ?, 'test', 'EA', 1, 7)`,
    );
    for (let i = 0; i < n; i++) item.run(`SKU-${i}`, `Item ${i}`);
    db.exec(`INSERT INTO uom_codes (code) VALUES ('CASE'), ('BOX')`);
    db.exec(`INSERT INTO uom_factors (item, uom, factor) SELECT 0, id, 12 FROM uom_codes WHERE code = 'CASE'`);
    db.exec(`INSERT INTO uom_factors (item, uom, factor)
             SELECT (SELECT id FROM items WHERE item_id = 'SKU-0'), id, 6 FROM uom_codes WHERE code = 'BOX'`);
  })();
  return store;
}

export const sale = (item: string, date: string, quantity: number, uom = 'EA') =>
  JSON.stringify({ type: 'sale', item_id: item, date, quantity, uom });

export const stock = (item: string, asOf: string, onHand: number, uom = 'EA', onOrder?: number) =>
  JSON.stringify({ type: 'stock', item_id: item, on_hand: onHand, on_order: onOrder, uom, as_of: asOf });
