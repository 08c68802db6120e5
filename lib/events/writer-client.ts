import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UnitKeys } from './catalog';
import type { FromWriter, TransactionResult, WriterOp } from './wire';

/**
 * The server's handle on the writer thread: sends transactions in order and resolves each with
 * its result. If the thread dies, every transaction in flight fails and the next one starts a
 * fresh thread (its temp tables are gone, which the staged-count check in the writer detects).
 */
export class WriterThread {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: TransactionResult) => void; reject: (e: Error) => void }>();
  private sentUnits = 0;

  /** `store`: the data folder and location of the store to write to (the thread opens its own). */
  constructor(
    private readonly store: { dir: string; location: string },
    private readonly delayMs: number,
    private readonly units: UnitKeys,
  ) {}

  commit(ops: WriterOp[]): Promise<TransactionResult> {
    const worker = this.worker ?? this.start();
    const seq = ++this.seq;
    const newUnits = this.units.codes.slice(this.sentUnits);
    this.sentUnits = this.units.codes.length;
    const transfer: ArrayBuffer[] = [];
    for (const op of ops) if (op.kind !== 'discard' && op.batch) transfer.push(op.batch.buffer);
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      worker.postMessage({ type: 'apply', seq, ops, newUnits }, transfer);
    });
  }

  /** Closes the thread's connection and waits for it to exit (call when nothing is in flight). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' });
    await exited;
  }

  private start(): Worker {
    const boot = eventsFile('writer-boot.mjs');
    const entry = pathToFileURL(eventsFile('writer-thread.ts')).href;
    const worker = new Worker(boot, { workerData: { entry, dataDir: this.store.dir, location: this.store.location, delayMs: this.delayMs } });
    worker.on('message', (message: FromWriter) => {
      if (message.type !== 'applied' && message.type !== 'failed') return;
      const waiter = this.waiting.get(message.seq);
      this.waiting.delete(message.seq);
      if (message.type === 'applied') waiter?.resolve(message.result);
      else waiter?.reject(new Error(message.error));
    });
    let crash = '';
    worker.on('error', (err) => (crash = `: ${err.message}`)); // reported through 'exit' below
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = null;
        this.sentUnits = 0; // a new thread learns every unit code again
      }
      const error = new Error(`event writer thread exited (code ${code})${crash}`);
      for (const waiter of this.waiting.values()) waiter.reject(error);
      this.waiting.clear();
    });
    this.worker = worker;
    return worker;
  }
}

/**
 * A file of lib/events on disk, for starting the writer thread. From source (command line, tests)
 * it sits beside this module whatever the working directory; inside the Next.js server bundle this
 * module lives in the build folder, so it is found from the project root (the server's working
 * directory) instead.
 */
function eventsFile(name: string): string {
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), name),
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'events', name),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}
