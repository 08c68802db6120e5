import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../../runtime/log';
import type { StoreWriteOptions } from '../types';
import type { Db } from './db';

/**
 * The pipeline's writes on the process's main connection, made so that they never hold up the
 * event loop waiting for SQLite's write lock. Another connection (an import on its thread or in
 * the command line, the events writer, another process) may hold that lock for many seconds;
 * better-sqlite3's busy handler waits synchronously, which on the server's main thread froze
 * every request for up to the connection's busy timeout (10 s) and then failed the run.
 *
 * Each write is one `BEGIN IMMEDIATE` transaction tried with a busy timeout of a few
 * milliseconds; while the lock is taken it is tried again after an asynchronous pause that grows
 * to STORE_RETRY_MAX_MS, up to a bound in total (`waitLimitMs`), after which the run fails with
 * StoreBusyError. Once BEGIN IMMEDIATE holds the lock, nothing in the transaction waits again
 * (WAL: the commit needs no further lock).
 *
 * Nor do they wait for the disk: everything the pipeline writes can be computed again, so its
 * commits skip the fsync (WAL, synchronous=NORMAL). They survive a killed process, which is what
 * resume needs; power loss may drop the last few, which the next run recomputes. The connection's
 * own setting (FULL, for acknowledged imports and events) is back before anything else runs.
 *
 * These commits also never checkpoint: SQLite's automatic checkpoint runs in the committing
 * connection once the WAL passes 1,000 pages, copying them into the database file and syncing it
 * (measured: 60–160 ms on the main thread, every ~25 result commits). The run checkpoints on a
 * worker instead (`kind: 'checkpoint'`).
 */
export const STORE_SYNC_WAIT_MS = 5;
export const STORE_RETRY_MAX_MS = 250;
export const DEFAULT_STORE_WAIT_LIMIT_MS = 120_000;

/** The store stayed locked by another writer for longer than the run may wait. */
export class StoreBusyError extends Error {
  constructor(file: string, waitedMs: number, what: string) {
    super(
      `the store was locked by another writer for ${(waitedMs / 1000).toFixed(1)} s (an import in progress, ` +
        `or another process writing to ${file}), so the pipeline could not ${what} and stopped; ` +
        `finished items are kept and the next run resumes them`,
    );
    this.name = 'StoreBusyError';
  }
}

const isBusy = (err: unknown) => typeof (err as { code?: unknown })?.code === 'string' && (err as { code: string }).code.startsWith('SQLITE_BUSY');

/**
 * Runs `write` in one IMMEDIATE transaction once the write lock can be had, waiting for it
 * asynchronously. `what` completes "could not …" in the error. `write` may run more than once
 * (a busy store rolls it back), so it must only write to the store.
 */
export async function writeToStore<T>(db: Db, what: string, write: () => T, options: StoreWriteOptions = {}): Promise<T> {
  const limit = options.waitLimitMs ?? DEFAULT_STORE_WAIT_LIMIT_MS;
  const started = performance.now();
  let pause = 1;
  let waiting = false;
  for (;;) {
    const attempt = tryWrite(db, write);
    if (attempt.done) {
      if (waiting) log.info({ waitedMs: Math.round(performance.now() - started) }, `pipeline: the store is free again (${what})`);
      return attempt.value;
    }
    const waited = performance.now() - started;
    if (!waiting) log.info(`pipeline: the store is locked by another writer; waiting to ${what}`);
    waiting = true;
    options.onWait?.(waited);
    if (options.signal?.aborted) throw options.signal.reason;
    if (waited >= limit) throw new StoreBusyError(db.name, waited, what);
    pause = Math.min(pause * 2, STORE_RETRY_MAX_MS, Math.max(1, limit - waited));
    await sleep(pause, undefined, { signal: options.signal }).catch(() => {});
  }
}

function tryWrite<T>(db: Db, write: () => T): { done: true; value: T } | { done: false } {
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const autoCheckpoint = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma(`busy_timeout = ${STORE_SYNC_WAIT_MS}`);
  db.pragma('wal_autocheckpoint = 0');
  db.pragma('synchronous = NORMAL');
  try {
    return { done: true, value: db.transaction(write).immediate() };
  } catch (err) {
    if (isBusy(err)) return { done: false };
    throw err;
  } finally {
    // The connection's own settings are back before anything else runs on it.
    db.pragma(`busy_timeout = ${busyTimeout}`);
    db.pragma(`wal_autocheckpoint = ${autoCheckpoint}`);
    db.pragma(`synchronous = ${synchronous}`);
  }
}
