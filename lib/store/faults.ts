import fs from 'node:fs';
import Database from 'better-sqlite3';

/** The database file exists but SQLite cannot read it: a start-up error; the file is not touched. */
export class StoreCorruptError extends Error {
  constructor(
    readonly file: string,
    cause: unknown,
  ) {
    super(
      `the store ${file} is not a readable SQLite database (${cause instanceof Error ? cause.message : String(cause)}); ` +
        'it was left as it is for recovery: restore it from a backup, or move it away to start with an empty store',
    );
    this.name = 'StoreCorruptError';
  }
}

const CORRUPT = /^SQLITE_(NOTADB|CORRUPT)/;

/**
 * Reads the file's header and schema on a read-only connection before the store opens it for
 * writing (journal mode, migrations), so a damaged file is reported and never written to.
 */
export function assertReadable(file: string): void {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(file, { readonly: true, fileMustExist: true });
    probe.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    if (CORRUPT.test(String((err as { code?: unknown }).code ?? ''))) throw new StoreCorruptError(file, err);
    throw err;
  } finally {
    probe?.close();
  }
}

/** Whether a write failed because the disk (the data folder's file system) is full. */
export function isDiskFull(err: unknown): boolean {
  const text = err instanceof Error ? `${(err as { code?: unknown }).code ?? ''} ${err.message}` : String(err);
  return /SQLITE_FULL|database or disk is full|ENOSPC|no space left on device/i.test(text);
}

export const diskFullMessage = (dir: string) => `the data folder ${dir} is full (no space left on its disk)`;
