import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { dataDirFromEnv } from '../runtime/config';
import { onShutdown } from '../runtime/shutdown';
import { forgetProcessSingleton, processSingleton } from '../runtime/singleton';
import { assertReadable } from './faults';
import { migrations } from './migrations';

export type Db = Database.Database;

export const DB_FILE = 'stockcast.db';

/** The data folder cannot be created or written: a start-up error that names the folder. */
export class DataDirError extends Error {
  constructor(
    readonly dir: string,
    cause: unknown,
  ) {
    super(`data folder ${dir} is not writable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'DataDirError';
  }
}

export interface Store {
  readonly dir: string;
  readonly db: Db;
  close(): void;
}

/** Creates the folder when missing and proves it writable before SQLite touches it. */
export function ensureDataDir(dir: string): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
    const probe = path.join(dir, `.write-probe-${process.pid}`);
    fs.writeFileSync(probe, '');
    fs.unlinkSync(probe);
  } catch (err) {
    throw new DataDirError(dir, err);
  }
}

/**
 * Opens (creating and migrating) the store in `dir`. WAL lets readers run beside the one writer;
 * the busy timeout makes a second process wait for a write lock instead of failing at once;
 * synchronous=FULL because acknowledged imports and events must survive power loss too. A file
 * SQLite cannot read fails with StoreCorruptError before anything writes to it.
 */
export function openStore(dir: string): Store {
  ensureDataDir(dir);
  const file = path.join(dir, DB_FILE);
  assertReadable(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -65536');
  migrate(db);
  return {
    dir,
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
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

/**
 * The process's one store (one writer connection per process), for the data folder named by the
 * environment. Closed by the shutdown hooks.
 */
export function getStore(): Store {
  return processSingleton('store', () => {
    const store = openStore(dataDirFromEnv());
    onShutdown('store', () => closeStore(), 'storage');
    return store;
  });
}

export function closeStore(): void {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  g[Symbol.for('stockcast.store')]?.close();
  forgetProcessSingleton('store');
}

/** The current data version; it rises with every committed import or event batch. */
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
