import type { Catalog } from '../types';
import type { Db } from './db';

export function loadCatalog(db: Db): Catalog {
  const itemIds = new Map<string, number>();
  const baseUom = new Map<number, string>();
  for (const row of db.prepare('SELECT id, item_id, base_uom FROM items').raw().iterate() as Iterable<
    [number, string, string]
  >) {
    itemIds.set(row[1], row[0]);
    baseUom.set(row[0], row[2]);
  }
  const uomIds = new Map<string, number>();
  for (const row of db.prepare('SELECT id, code FROM uom_codes').raw().iterate() as Iterable<[number, string]>) {
    uomIds.set(row[1], row[0]);
  }
  const factors = new Set<string>();
  for (const row of db.prepare('SELECT item, uom FROM uom_factors').raw().iterate() as Iterable<[number, number]>) {
    factors.add(`${row[0]}:${row[1]}`);
  }
  return { itemIds, baseUom, uomIds, factors };
}

/** Interns a unit code inside the caller's transaction, returning its id. */
export function internUom(db: Db, catalog: Catalog, code: string): number {
  let id = catalog.uomIds.get(code);
  if (id === undefined) {
    id = Number(db.prepare('INSERT INTO uom_codes (code) VALUES (?)').run(code).lastInsertRowid);
    catalog.uomIds.set(code, id);
  }
  return id;
}
