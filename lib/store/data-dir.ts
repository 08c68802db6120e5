import fs from 'node:fs';
import path from 'node:path';

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
