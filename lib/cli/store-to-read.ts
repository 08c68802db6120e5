import fs from 'node:fs';
import path from 'node:path';
import { databaseUrlFromEnv, DB_FILE, openStore, type Store } from '../store';
import { usageError } from './errors';

/**
 * The store for a command that only reads (an export): a data folder holding no store is a
 * mistyped path, so it is named and nothing is created there.
 */
export function openStoreToRead(dir: string): Store {
  if (!databaseUrlFromEnv() && !fs.existsSync(path.join(dir, DB_FILE))) {
    throw usageError(`no Stockcast data in ${dir}: check --data or STOCKCAST_DATA_DIR (an import creates it)`);
  }
  return openStore(dir);
}
