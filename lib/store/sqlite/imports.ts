import type { ImportRecord } from '../types';
import type { Db } from './db';

const COLUMNS = 'hash, name, kind, rows, imported_at AS importedAt, data_version AS dataVersion';

export function findImport(db: Db, hash: string): ImportRecord | undefined {
  return db.prepare(`SELECT ${COLUMNS} FROM imports WHERE hash = ?`).get(hash) as ImportRecord | undefined;
}

/** Call inside the import's transaction. The same bytes imported again (replacing sales days) move to the top. */
export function recordImport(db: Db, record: ImportRecord): void {
  db.prepare('DELETE FROM imports WHERE hash = ?').run(record.hash);
  db.prepare(
    `INSERT INTO imports (hash, name, kind, rows, imported_at, data_version)
     VALUES (@hash, @name, @kind, @rows, @importedAt, @dataVersion)`,
  ).run(record);
}

/** Imported files, newest first. */
export function listImports(db: Db, limit = 100): ImportRecord[] {
  return db.prepare(`SELECT ${COLUMNS} FROM imports ORDER BY id DESC LIMIT ?`).all(limit) as ImportRecord[];
}

export function countImports(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM imports').get() as { n: number }).n;
}
