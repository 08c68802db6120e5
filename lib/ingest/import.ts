import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { log } from '../runtime/log';
import type { ImportTransaction, ReplacedSales, Store, StoreCounts } from '../store';
import { latestRecordDay } from '../store/days';
import { CsvReader } from './csv';
import { ImportError, IssueList } from './issues';
import { KINDS, resolveHeader, type Kind } from './kinds';
import { parseSource, type AnyRows } from './parse';
import { RepeatedDaysCounter, type RepeatedDays } from './repeats';
import type { ImportContext } from './rows';
import { SalesWriter } from './sales';
import type { FromSalesThread } from './sales-thread';
import { fingerprint, formatOf, ingestFile, type ImportSource, type SourceFingerprint } from './source';

export interface ImportedFile {
  file: string;
  kind: Kind;
  rows: number;
  /** true when the same bytes were imported before (or twice in this import): nothing written */
  skipped: boolean;
  /** A sales file's rows dated within the days their item already had sales for (absent: none). */
  repeated?: RepeatedDays;
}

export interface ImportOutcome {
  /** every file, in the order they were applied: items, uom, sales, inventory */
  imported: ImportedFile[];
  /** the data version after the import (unchanged when every file was skipped) */
  dataVersion: number;
  /** With `replaceSalesDays`: the stored sales rows removed and the item-days the import's sales replaced. */
  replaced?: ReplacedSales;
}

export interface ImportOptions {
  /**
   * The connection is this import's alone while it runs (the command line, the import thread).
   * Only then may the transaction stay open while big sales files stream into it from a parsing
   * thread; on a shared connection the whole commit is one synchronous step.
   */
  exclusive?: boolean;
  /**
   * The import's sales replace the stored sales of their items on the days they hold, instead of
   * adding to them: a corrected or re-exported extract. Days the files do not hold are untouched.
   */
  replaceSalesDays?: boolean;
  /** sales CSV files from this size on stream (default 16 MiB) */
  streamFromBytes?: number;
  /** rows per streamed batch (default 262,144) */
  streamBatchRows?: number;
  /**
   * Checked first inside the import's transaction (throw to refuse: nothing is written), so a
   * condition on the store (the demo's "only into an empty store") still holds at the commit.
   */
  precondition?: (store: StoreCounts) => Promise<void>;
  /** Runs inside the transaction, every row written, just before COMMIT (the test hook's place). */
  beforeCommit?: () => void;
  /**
   * The last day a sale or stock position may be dated; by default `latestRecordDay` of the
   * import's clock. The demo's fixed dates pass Infinity: they are no typo, and a machine whose
   * clock runs behind them must still start with the demo.
   */
  latestDay?: number;
}

const STREAM_FROM_BYTES = 16 << 20;
const STREAM_BATCH_ROWS = 1 << 18;

/** One file of an import after reading: parsed rows, a sales file to stream, or why it is skipped. */
export interface PreparedFile {
  source: ImportSource;
  print: SourceFingerprint;
  /** the earlier import of the same bytes */
  previous?: { kind: Kind; rows: number };
  /** the same bytes earlier in this import */
  twin?: PreparedFile;
  rows: AnyRows | null;
  /** a big sales file, read while it is written */
  stream?: { rows: number };
}

const kindOrder = (kind: Kind | undefined) => (kind ? KINDS.indexOf(kind) : KINDS.length);
const kindOf = (f: PreparedFile): Kind | undefined =>
  f.stream ? 'sales' : (f.rows?.kind ?? f.previous?.kind ?? (f.twin && kindOf(f.twin)));
const rowsOf = (f: PreparedFile): number => f.previous?.rows ?? (f.twin ? rowsOf(f.twin) : (f.stream?.rows ?? f.rows?.rowsRead ?? 0));

/** The kind a CSV's header says, from its first chunk, or null when that does not tell. */
async function peekKind(source: ImportSource): Promise<Kind | null> {
  let kind: Kind | null = null;
  const reader = new CsvReader({
    file: source.name,
    issues: new IssueList(),
    fits: (header) => !Array.isArray(resolveHeader(header, source.kind)),
    open: (header) => {
      const resolved = resolveHeader(header, source.kind);
      if (!Array.isArray(resolved)) kind = resolved.kind;
      return null;
    },
  });
  for await (const chunk of source.chunks()) {
    reader.push(chunk);
    break;
  }
  return kind;
}

/**
 * Reads every file (the slow part; it yields to the event loop between chunks), skipping files
 * whose bytes were imported before. Big sales CSV files are only marked for streaming when the
 * connection is exclusive. Problems go to `issues`.
 */
export async function prepareImport(
  store: Store,
  sources: readonly ImportSource[],
  issues: IssueList,
  options: ImportOptions = {},
): Promise<PreparedFile[]> {
  const files: PreparedFile[] = [];
  const byHash = new Map<string, PreparedFile>();
  for (const source of sources) {
    const print = await fingerprint(source);
    const file: PreparedFile = { source, print, rows: null };
    // Replacing days is meant to be repeatable: an extract imported before (added, and so counted
    // twice) is imported again to set its days right.
    const earlier = options.replaceSalesDays ? undefined : await store.imports.find(print.hash);
    const twin = byHash.get(print.hash);
    if (earlier && source.kind !== undefined && source.kind !== earlier.kind) {
      // Skipping would answer for a kind the analyst did not ask for.
      issues.add(source.name, 0, '', `these bytes were imported before as ${earlier.kind}, not ${source.kind}: a file holds one kind`);
    } else if (earlier) file.previous = { kind: earlier.kind as Kind, rows: earlier.rows };
    else if (twin) file.twin = twin;
    else {
      byHash.set(print.hash, file);
      const streamable =
        options.exclusive && formatOf(print.head) === 'csv' && print.bytes >= (options.streamFromBytes ?? STREAM_FROM_BYTES);
      if (streamable && (await peekKind(source)) === 'sales') file.stream = { rows: 0 };
      else file.rows = await parseSource(source, print, issues);
    }
    files.push(file);
  }
  return files;
}

/** Streams a big sales file from a parsing thread into the open transaction; resolves with its row count. */
function streamSales(file: PreparedFile, ctx: ImportContext, batchRows: number): Promise<number> {
  const boot = ingestFile('thread-boot.mjs');
  const entry = pathToFileURL(ingestFile('sales-thread.ts')).href;
  const { source, print } = file;
  const writer = new SalesWriter(ctx);
  return new Promise<number>((resolve, reject) => {
    let rows = 0;
    let settled = false;
    const worker = new Worker(boot, {
      workerData: { entry, origin: source.origin, name: source.name, kind: source.kind, bytes: print.bytes, batchRows },
    });
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      reject(err);
    };
    worker.on('message', (message: FromSalesThread) => {
      if (settled) return;
      if (message.type === 'batch') {
        try {
          writer.add(message.batch);
          rows += message.batch.count;
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
        }
        return;
      }
      ctx.issues.merge(message.issues, message.total);
      settled = true;
      resolve(rows);
    });
    worker.on('error', (err) => fail(err));
    worker.on('exit', (code) => fail(new Error(`sales parsing thread for ${source.name} exited (code ${code})`)));
  });
}

/**
 * Checks every prepared file against the store and the files before it, in the order items,
 * uom, sales, inventory, and writes them in ONE transaction that raises the data version once.
 * Any problem in any file throws ImportError and the transaction is rolled back: nothing written.
 * Without streamed files nothing in it waits on SQLite, so a shared connection is not interleaved.
 */
export async function commitImport(
  store: Store,
  files: PreparedFile[],
  issues: IssueList,
  options: ImportOptions = {},
  now = new Date(),
): Promise<ImportOutcome> {
  const ordered = files
    .map((f, i) => ({ f, i }))
    .sort((a, b) => kindOrder(kindOf(a.f)) - kindOrder(kindOf(b.f)) || a.i - b.i)
    .map(({ f }) => f);
  const replacing = options.replaceSalesDays === true;
  const tx: ImportTransaction = await store.imports.begin({ replaceSalesDays: replacing });
  let replaced: ReplacedSales | undefined;
  let version: number;
  let repeats: RepeatedDaysCounter | null = null;
  try {
    await options.precondition?.(tx);
    for (const f of ordered) {
      if (!replacing && (f.rows || f.stream) && !f.previous && !f.twin) {
        const earlier = await tx.findImport(f.print.hash); // imported by another writer meanwhile
        if (earlier) f.previous = { kind: earlier.kind as Kind, rows: earlier.rows };
      }
    }
    const writing = ordered.filter((f) => (f.rows || f.stream) && !f.previous && !f.twin);
    const writesSales = writing.some((f) => kindOf(f) === 'sales');
    // Replaced days are meant to be stored again: only added ones can count twice.
    if (writesSales && !replacing) repeats = new RepeatedDaysCounter(await tx.salesSpans());
    const ctx: ImportContext = {
      tx,
      catalog: await tx.loadCatalog(),
      issues,
      nextItemId: await tx.nextItemId(),
      latestDay: options.latestDay ?? latestRecordDay(now),
      repeats,
    };
    for (const f of writing) {
      if (f.stream) f.stream.rows = await streamSales(f, ctx, options.streamBatchRows ?? STREAM_BATCH_ROWS);
      else f.rows!.apply(ctx);
    }
    if (issues.any) {
      const order = new Map(ordered.map((f, i) => [f.source.name, i]));
      issues.listed.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0) || a.row - b.row);
      throw ImportError.from(issues);
    }
    if (writesSales && replacing) replaced = await tx.replaceSalesDays();
    version = writing.length ? await tx.bumpDataVersion() : await tx.dataVersion();
    for (const f of writing) {
      await tx.recordImport({
        hash: f.print.hash,
        name: f.source.name,
        kind: kindOf(f)!,
        rows: rowsOf(f),
        importedAt: now.toISOString(),
        dataVersion: version,
      });
    }
    options.beforeCommit?.();
    await tx.commit();
  } catch (err) {
    await tx.rollback();
    throw err;
  }
  const imported = ordered.map((f): ImportedFile => {
    const repeated = repeats?.of(f.source.name);
    return { file: f.source.name, kind: kindOf(f)!, rows: rowsOf(f), skipped: Boolean(f.previous || f.twin), ...(repeated ? { repeated } : {}) };
  });
  return { imported, dataVersion: version, ...(replaced ? { replaced } : {}) };
}

/**
 * Imports files all or nothing: items, uom, sales and inventory files in any mix and order.
 * Resolves with what was imported or skipped and the new data version; rejects with
 * ImportError (listing file, row, column and problem) when any file is invalid, and then
 * nothing is written.
 */
export async function importFiles(store: Store, sources: readonly ImportSource[], options: ImportOptions = {}): Promise<ImportOutcome> {
  const started = performance.now();
  const issues = new IssueList();
  const files = await prepareImport(store, sources, issues, options);
  const outcome = await commitImport(store, files, issues, options);
  log.info(
    { files: outcome.imported, dataVersion: outcome.dataVersion, ms: Math.round(performance.now() - started) },
    'import finished',
  );
  return outcome;
}
