import path from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations';

/** A better-sqlite3 connection: only lib/store/sqlite sees one. */
export type Db = Database.Database;

export const DB_FILE = 'stockcast.db';

/**
 * Opens (creating and migrating) the database in `dir`. WAL lets readers run beside the one
 * writer; the busy timeout makes a second process wait for a write lock instead of failing at
 * once; synchronous=FULL because acknowledged imports and events must survive power loss too.
 */
export function openDb(dir: string): Db {
  const db = new Database(path.join(dir, DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  migrate(db);
  return db;
}

function migrate(db: Db): void {
  const applied = db.pragma('user_version', { simple: true }) as number;
  if (applied > migrations.length) {
    throw new Error(`store schema version ${applied} is newer than this program (${migrations.length})`);
  }
  // IMMEDIATE so that two processes opening a fresh store do not both migrate it.
  const run = db.transaction(() => {
    const now = db.pragma('user_version', { simple: true }) as number;
    for (let i = now; i < migrations.length; i++) db.exec(migrations[i]!);
    db.pragma(`user_version = ${migrations.length}`);
  });
  run.immediate();
}

export function dataVersion(db: Db): number {
  return (db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).get() as { value: number }).value;
}

/** Raises the data version; call inside the transaction that commits the change. */
export function bumpDataVersion(db: Db): number {
  return (
    db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'data_version' RETURNING value`).get() as {
      value: number;
    }
  ).value;
}
