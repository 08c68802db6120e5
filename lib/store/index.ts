import path from 'node:path';
import { dataDirFromEnv } from '../runtime/config';
import { onShutdown } from '../runtime/shutdown';
import { forgetProcessSingleton, processSingleton } from '../runtime/singleton';
import { ensureDataDir } from './data-dir';
import { assertReadable } from './faults';
import { isDatabaseUrl } from './location';
import { openPostgresStore } from './postgres/store';
import { DB_FILE } from './sqlite/db';
import { openSqliteStore } from './sqlite/store';
import type { Store } from './types';

export type * from './types';
export { NO_DUE_DAY } from './types';
export { DB_FILE } from './sqlite/db';
export { StoreBusyError } from './sqlite/writes';
export { RunClaimLostError } from './claims';
export { DataDirError, ensureDataDir } from './data-dir';

/**
 * `STOCKCAST_DATABASE_URL=postgres://…` selects PostgreSQL as the store; unset, the embedded
 * SQLite file in the data folder.
 */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const url = env.STOCKCAST_DATABASE_URL?.trim();
  if (!url) return null;
  if (!isDatabaseUrl(url)) throw new Error(`STOCKCAST_DATABASE_URL must start with postgres:// or postgresql://, got ${JSON.stringify(url)}`);
  return url;
}

/**
 * Opens (creating and migrating) the store: the database at `url` (PostgreSQL, migrated before
 * its first query), or the SQLite file in the data folder `dir`, which a file SQLite cannot read
 * fails with StoreCorruptError before anything writes to it. The folder is made either way (the
 * run lock lives there).
 */
export function openStore(dir: string, url: string | null = databaseUrlFromEnv()): Store {
  ensureDataDir(dir);
  if (url) return openPostgresStore(dir, url);
  assertReadable(path.join(dir, DB_FILE));
  return openSqliteStore(dir);
}

/** Another store on the same data as one with this `dir` and `location` (a thread's own connection). */
export function openStoreAt(dir: string, location: string): Store {
  return openStore(dir, isDatabaseUrl(location) ? location : null);
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

export async function closeStore(): Promise<void> {
  const g = globalThis as unknown as Record<symbol, Store | undefined>;
  const store = g[Symbol.for('stockcast.store')];
  forgetProcessSingleton('store');
  await store?.close();
}
