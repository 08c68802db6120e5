/**
 * The Stockcast pipeline: stored sales and stock → per-item forecasts and inventory health.
 *
 * Stages: load (the catalogue and the sales read on worker threads, one snapshot of the current
 * data version) → convert (every sale to its item's base unit, one vectorized pass per chunk; a
 * unit without a factor fails the run naming item and unit) → bucket (day | week | month; rows
 * folded into the demand matrix on the pool's serial lane, in rowid order; series and ABC/XYZ
 * classes prepared on a worker) → tournament (the engine, on the worker pool, chunks of items,
 * results consumed as they complete) → confidence (the engine's 80/95% intervals and grade) →
 * inventory health (lib/inventory, in the same worker task) → persist (from the main thread, in
 * transactions of 32 items). In database mode (a store with a `chunkQueue`) the chunks from the
 * tournament on go to the queue instead (dispatch-queue.ts): any process's chunk worker
 * (chunk-worker.ts: servers, `stockcast worker`, the run's own process unless
 * `options.workChunks` is 0) computes and commits them, and the run waits on the rows.
 *
 * The main thread's event loop stays free during a run: every O(rows) and O(items × periods)
 * step runs on a worker, the big arrays travel in shared memory (handles, not copies), result
 * commits are a few ms each with a turn of the loop between them and skip the fsync, WAL
 * checkpoints run on the serial lane, and writes that find SQLite's write lock held by another
 * connection (an import) wait for it asynchronously (lib/store/sqlite/writes.ts). Measured by
 * `npm run bench -- --only pipeline`.
 *
 * ## API for the backend (lib/service)
 *
 * - `runPipeline(options: RunOptions): Promise<RunSummary>`
 *   - `options.store` (Store), `options.origin` ('server' | 'cli'), `options.params?`
 *     (`{ period?: 'day' | 'week' | 'month'; horizon?: number }`, defaults: week; horizon
 *     DEFAULT_HORIZON = day 91, week 26, month 12), `options.runId?` (name the run before it
 *     starts), `options.force?` (recompute: no cache, no resume), `options.signal?` (AbortSignal:
 *     cancel), `options.onProgress?(event: ProgressEvent)`, `options.onResume?(info: ResumeInfo)`,
 *     `options.lockWait?` ('fail' default: throw LockBusyError | 'wait'),
 *     `options.onLockWait?(holder: LockHolder)`, `options.lock?` (RunLock; default the file lock
 *     in the store's folder), `options.pool?` (WorkerPool; default `sharedPool()`),
 *     `options.storeWaitLimitMs?` (default 120,000: how long the run's writes may wait in all
 *     for SQLite's write lock held by another connection, asynchronously, before the run fails
 *     with StoreBusyError), `options.onStoreWait?({ waitedMs })` (a write found the store locked).
 *   - Cache: when a completed run exists for `runKey(dataVersion, params)` and not `force`, its
 *     summary comes back at once with `cached: true` (checked again after waiting for the lock).
 *   - Resume: an unfinished result set for the key (a run killed, even with SIGKILL, or
 *     cancelled) is continued: stored items are not computed again; results are bit-identical to
 *     an uninterrupted run (the engine is deterministic and per-series independent; demand sums
 *     are folded in rowid order; ABC/XYZ depend on history only).
 *   - Cancel: abort the signal: no new chunks start, in-flight ones are dropped (their worker
 *     threads are terminated and replaced by the pool), finished chunks are already committed; the
 *     run row becomes `cancelled`, the promise rejects with RunCancelledError, the lock is released.
 *   - Failure: the run row becomes `failed` with the message; the promise rejects with the error
 *     (PipelineDataError for data that cannot be processed; StoreBusyError when another writer
 *     held the store past `storeWaitLimitMs`: then the row may stay `running` until the next run
 *     marks it `interrupted`); the lock is released.
 *   - Server shutdown: runs register the `pipeline-runs` hook (phase `work`), which cancels the
 *     active ones and waits for them; the shared pool's `pipeline-pool` hook is in `resources`.
 * - `runKey(dataVersion: number, params: PipelineParams): string` and
 *   `resolveParams(params?: Partial<PipelineParams>): PipelineParams` (throws ParamsError).
 * - `cachedSummary(store: Store, key: string): RunSummary | null` — the cache lookup alone.
 * - `readLockHolder(dataDir: string): Promise<LockHolder | null>` — who runs now (any process).
 * - Run table and results: the store's own functions (`store.runs`, `store.results`, see
 *   lib/store/types.ts).
 * - `sharedPool(): WorkerPool` (process singleton, closed by the shutdown hooks; its threads
 *   run at nice SERVER_WORKER_NICE = 10 so that the event loop gets a core first) and
 *   `createPool({ threads?, niceIncrement? }): WorkerPool` (the command line's own; call `destroy()`). Threads
 *   default to every core (`STOCKCAST_WORKERS` overrides), plus one serial lane (`run(task,
 *   { serial: true })`) for the work that must run in order. Workers run `worker.cjs` (tsx's
 *   require hook, then worker-tasks.ts), found beside this module when running from source and
 *   under `<cwd>/lib/pipeline` inside the Next.js server bundle.
 * - The lock: `RunLock` (interface: `tryAcquire`, `read`, `location`), `FileRunLock`,
 *   `acquireRunLock`, `LockBusyError` (its message is the command line's contract),
 *   `LockLostError`, `readLockHolderSync(dataDir)`. `<data dir>/pipeline.lock`, heartbeat every
 *   2 s from the main thread; taken over when its pid is gone (same host) or its heartbeat is
 *   older than 30 s. A PostgreSQL advisory lock can implement `RunLock` beside the file one.
 *
 * - `forecastSeriesInParallel(pool, batch, settings, onProgress?)`: `stockcast forecast`'s series
 *   (no store, no lock) on the pool: the member pool's test, then chunks of series, each on a
 *   thread; the same figures as one `forecastBatch` over them all.
 *
 * Progress events (`ProgressEvent`): `{ runId, stage, done, total, unit, rate, etaSeconds,
 * elapsedSeconds }` for every stage, at most one per stage per 200 ms plus each stage's last.
 */
export { DEFAULT_HORIZON, LEVELS, MAX_HORIZON, ParamsError, resolveParams, runKey, SEASON, type PipelineParams } from './params';
export {
  acquireRunLock,
  FileRunLock,
  LockBusyError,
  LockLostError,
  readLockHolder,
  readLockHolderSync,
  type HeldLock,
  type LockHolder,
  type RunLock,
} from './lock';
export { createPool, defaultThreads, SERVER_WORKER_NICE, sharedPool, type RunTaskOptions, type WorkerPool } from './pool';
export { forecastSeriesInParallel, type SeriesForecasts } from './series-forecast';
export { STAGES, type ProgressEvent, type Stage } from './progress';
export { PipelineDataError } from './load';
export { defaultChunkConcurrency, startChunkWorker, type ChunkWorkerOptions } from './chunk-worker';
export { ChunkFailedError } from './dispatch-queue';
export { StoreBusyError } from '../store';
export {
  cachedSummary,
  newRunId,
  RunCancelledError,
  runPipeline,
  type ResumeInfo,
  type RunOptions,
  type RunSummary,
} from './run';
export type { RunRecord, RunStatus } from '../store';
