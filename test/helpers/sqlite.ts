import Database from 'better-sqlite3';
import type { Store } from '@/lib/store';

const connections = new WeakMap<Store, Database.Database>();

/**
 * A second connection to an embedded store's file, for tests that check (or, to set up a case,
 * change) what is stored beneath the store's own functions: the store hands out no connection.
 */
export function sqlite(store: Store): Database.Database {
  let db = connections.get(store);
  if (!db || !db.open) {
    db = new Database(store.location, { fileMustExist: true });
    db.pragma('busy_timeout = 10000');
    connections.set(store, db);
  }
  return db;
}

export type Sqlite = Database.Database;

/** Raises the data version as a committed change does; call inside a transaction on `db`. */
export function bumpDataVersion(db: Database.Database): number {
  return db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value`).pluck().get() as number;
}
