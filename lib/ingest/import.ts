import { log } from '../runtime/log';
import { bumpDataVersion, dataVersion, type Db } from '../store';
import { nextItemId } from '../store/bulk';
import { loadCatalog } from '../store/catalog';
import { findImport, recordImport, type ImportRecord } from '../store/imports';
import { ImportError, IssueList } from './issues';
import { KINDS, type Kind } from './kinds';
import { parseSource, type AnyRows } from './parse';
import { fingerprint, type ImportSource, type SourceFingerprint } from './source';

export interface ImportedFile {
  file: string;
  kind: Kind;
  rows: number;
  /** true when the same bytes were imported before (or twice in this import): nothing written */
  skipped: boolean;
}

export interface ImportOutcome {
  /** every file, in the order they were applied: items, uom, sales, inventory */
  imported: ImportedFile[];
  /** the data version after the import (unchanged when every file was skipped) */
  dataVersion: number;
}

/** One file of an import after reading: parsed rows, or why it is skipped. */
export interface PreparedFile {
  source: ImportSource;
  print: SourceFingerprint;
  /** the earlier import of the same bytes */
  previous?: { kind: Kind; rows: number };
  /** the same bytes earlier in this import */
  twin?: PreparedFile;
  rows: AnyRows | null;
}

const kindOrder = (kind: Kind | undefined) => (kind ? KINDS.indexOf(kind) : KINDS.length);
const kindOf = (f: PreparedFile): Kind | undefined => f.rows?.kind ?? f.previous?.kind ?? f.twin?.rows?.kind;
const rowsOf = (f: PreparedFile): number => f.previous?.rows ?? (f.rows ?? f.twin?.rows)?.count ?? 0;

/**
 * Reads every file (the slow part; it yields to the event loop between chunks), skipping files
 * whose bytes were imported before. Problems go to `issues`.
 */
export async function prepareImport(db: Db, sources: readonly ImportSource[], issues: IssueList): Promise<PreparedFile[]> {
  const files: PreparedFile[] = [];
  const byHash = new Map<string, PreparedFile>();
  for (const source of sources) {
    const print = await fingerprint(source);
    const file: PreparedFile = { source, print, rows: null };
    const earlier = findImport(db, print.hash);
    const twin = byHash.get(print.hash);
    if (earlier) file.previous = { kind: earlier.kind as Kind, rows: earlier.rows };
    else if (twin) file.twin = twin;
    else {
      byHash.set(print.hash, file);
      file.rows = await parseSource(source, print, issues);
    }
    files.push(file);
  }
  return files;
}

/**
 * Validates every prepared file against the store (and the files before it, in the order items,
 * uom, sales, inventory) and writes them in ONE transaction that raises the data version once.
 * Any problem in any file throws ImportError and nothing is written.
 */
export function commitImport(db: Db, files: PreparedFile[], issues: IssueList, now = new Date()): ImportOutcome {
  const ordered = files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => kindOrder(kindOf(a.f)) - kindOrder(kindOf(b.f)) || a.i - b.i)
    .map(({ f }) => f);
  const commit = db.transaction(() => {
    const live = ordered.filter((f) => f.rows);
    for (const f of live) {
      const earlier = findImport(db, f.print.hash); // imported by another writer meanwhile
      if (earlier) f.previous = { kind: earlier.kind as Kind, rows: earlier.rows };
    }
    const writing = live.filter((f) => !f.previous);
    const ctx = { db, catalog: loadCatalog(db), issues, nextItemId: nextItemId(db) };
    const plans = writing.map((f) => f.rows!.validate(ctx));
    if (issues.any) throw ImportError.from(issues);
    if (writing.length === 0) return dataVersion(db);
    for (const plan of plans) plan.write(db);
    const version = bumpDataVersion(db);
    for (const f of writing) {
      const record: ImportRecord = {
        hash: f.print.hash,
        name: f.source.name,
        kind: f.rows!.kind,
        rows: f.rows!.count,
        importedAt: now.toISOString(),
        dataVersion: version,
      };
      recordImport(db, record);
    }
    return version;
  });
  const version = commit.immediate();
  const imported = ordered.map((f) => ({
    file: f.source.name,
    kind: kindOf(f)!,
    rows: rowsOf(f),
    skipped: Boolean(f.previous || f.twin),
  }));
  return { imported, dataVersion: version };
}

/**
 * Imports files all or nothing: items, uom, sales and inventory files in any mix and order.
 * Resolves with what was imported or skipped and the new data version; rejects with
 * ImportError (listing file, row, column and problem) when any file is invalid, and then
 * nothing is written.
 */
export async function importFiles(db: Db, sources: readonly ImportSource[]): Promise<ImportOutcome> {
  const started = performance.now();
  const issues = new IssueList();
  const files = await prepareImport(db, sources, issues);
  const outcome = commitImport(db, files, issues);
  log.info(
    { files: outcome.imported, dataVersion: outcome.dataVersion, ms: Math.round(performance.now() - started) },
    'import finished',
  );
  return outcome;
}
