import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Refusal, type RefusalKind } from '../runtime/refusal';
import type { DemoSize } from '../demo/load';
import { counter } from '../metrics/registry';
import { dataDirFromEnv } from '../runtime/config';
import { onShutdown } from '../runtime/shutdown';
import { forgetProcessSingleton, processSingleton } from '../runtime/singleton';
import type { ImportOutcome } from './import';
import { ImportError, type ImportIssue } from './issues';
import { ingestFile } from './source';
import type { UploadBody } from './upload';

export type ToImportThread =
  | { type: 'import'; id: number; upload: UploadBody }
  /** Generate the demo data set and import it, only into an empty store (else refused, 409). */
  | { type: 'demo'; id: number; size: DemoSize }
  | { type: 'close' };
export type FromImportThread =
  | { type: 'ready' }
  | { type: 'closed' }
  | { type: 'imported'; id: number; outcome: ImportOutcome }
  | { type: 'invalid'; id: number; issues: ImportIssue[]; total: number }
  | { type: 'refused'; id: number; kind: RefusalKind; code: string; message: string }
  | { type: 'failed'; id: number; error: string };

const files = counter('stockcast_import_files_total', 'Uploaded files, by outcome (imported, skipped, rejected)', ['outcome']);
const rows = counter('stockcast_import_rows_total', 'Rows committed by uploads, by file kind', ['kind']);

type Waiter = { resolve: (o: ImportOutcome) => void; reject: (e: Error) => void; upload: boolean };

/**
 * The server's handle on the import thread (started on first use, one per process). A thread
 * that dies fails the imports in flight (their transactions roll back with its connection) and
 * the next import starts a fresh one.
 */
class ImportThread {
  private worker: Worker | null = null;
  private seq = 0;
  private closing = false;
  private readonly waiting = new Map<number, Waiter>();
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly dataDir: string) {}

  run(upload: UploadBody): Promise<ImportOutcome> {
    // The body moves to the thread without a copy.
    return this.send((id) => ({ type: 'import', id, upload }), [upload.body.buffer as ArrayBuffer]);
  }

  loadDemo(size: DemoSize): Promise<ImportOutcome> {
    return this.send((id) => ({ type: 'demo', id, size }));
  }

  private send(message: (id: number) => Extract<ToImportThread, { id: number }>, transfer: ArrayBuffer[] = []): Promise<ImportOutcome> {
    if (this.closing) return Promise.reject(new Refusal('unavailable', 'shutting_down', 'the server is shutting down; try again shortly'));
    const worker = this.worker ?? this.start();
    const id = ++this.seq;
    const sent = message(id);
    const done = new Promise<ImportOutcome>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, upload: sent.type === 'import' });
      worker.postMessage(sent, transfer);
    });
    this.inFlight.add(done);
    const forget = () => this.inFlight.delete(done);
    done.then(forget, forget);
    return done;
  }

  /** Refuses new imports, lets those in flight commit or fail, then closes the thread. */
  async close(): Promise<void> {
    this.closing = true;
    await Promise.allSettled([...this.inFlight]);
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies ToImportThread);
    await exited;
  }

  private start(): Worker {
    const boot = ingestFile('thread-boot.mjs');
    const entry = pathToFileURL(ingestFile('thread.ts')).href;
    const worker = new Worker(boot, { workerData: { entry, dataDir: this.dataDir } });
    worker.on('message', (message: FromImportThread) => {
      if (!('id' in message)) return;
      const waiter = this.waiting.get(message.id);
      this.waiting.delete(message.id);
      if (!waiter) return;
      if (message.type === 'imported') {
        for (const f of waiter.upload ? message.outcome.imported : []) {
          files.inc({ outcome: f.skipped ? 'skipped' : 'imported' });
          if (!f.skipped) rows.inc({ kind: f.kind }, f.rows);
        }
        waiter.resolve(message.outcome);
      } else if (message.type === 'invalid') {
        if (waiter.upload) files.inc({ outcome: 'rejected' });
        waiter.reject(new ImportError(message.issues, message.total));
      } else if (message.type === 'refused') {
        waiter.reject(new Refusal(message.kind, message.code, message.message));
      } else {
        waiter.reject(new Error(`import failed: ${message.error}`));
      }
    });
    worker.on('error', () => {}); // reported through 'exit' below
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = null;
      const error = new Error(`import thread exited (code ${code})`);
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}

function importThread(): ImportThread {
  return processSingleton('importThread', () => {
    const created = new ImportThread(dataDirFromEnv());
    onShutdown(
      'import-thread',
      async () => {
        await created.close();
        forgetProcessSingleton('importThread');
      },
      'intake',
    );
    return created;
  });
}

/**
 * Imports an upload (multipart body, field `file`, optional `kind`) on the import thread, all or
 * nothing. Rejects with ImportError for invalid data and a Refusal for a malformed request.
 */
export function importUpload(upload: UploadBody): Promise<ImportOutcome> {
  return importThread().run(upload);
}

/**
 * Generates the demo data set of `size` and imports it on the import thread, only into an empty
 * store: the check and the import are one transaction there, so two requests cannot both load it.
 * Rejects with a Refusal (conflict) when the store holds data.
 */
export function loadDemoOnImportThread(size: DemoSize): Promise<ImportOutcome> {
  return importThread().loadDemo(size);
}
