import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describePool, outlierRule, pooledSettings, type MemberPool } from '../forecast';
import { STATUSES, type Status } from '../inventory/health';
import { periodDays, periodOf, periodsPerYear, periodStart } from '../inventory/periods';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { processSingleton } from '../runtime/singleton';
import type { ResultMeta, RunOrigin, Store, StoreWriteOptions } from '../store';
import type { PackedSnapshot } from '../store/snapshot-columns';
import type { RunInputs } from './chunk';
import { planChunks } from './chunk-plan';
import { defaultChunkConcurrency } from './chunk-worker';
import type { Dispatch } from './dispatch';
import { dispatchLocal } from './dispatch-local';
import { chunkLeaseSeconds, dispatchToQueue } from './dispatch-queue';
import { lastCompletePeriod, type DemandState } from './demand';
import { DataChangedError, loadDemand, readCatalogueOnPool, type Catalogue } from './load';
import { acquireRunLock, FileRunLock, HEARTBEAT_INTERVAL_MS, type LockHolder, type RunLock } from './lock';
import { isExpired } from '../overrides/apply';
import { snapshotRetention } from '../runtime/config';
import { dayToIso } from '../store/days';
import { LEVELS, resolveParams, runKey, SEASON, type PipelineParams } from './params';
import { sharedPool, type WorkerPool } from './pool';
import type { PrepareResult } from './prepare';
import { ProgressTracker, STAGES, type ProgressEvent, type Stage } from './progress';
import { runMemberPool } from './member-pool';
import { injectedFault } from './test-hooks';

export interface RunOptions {
  store: Store;
  params?: Partial<PipelineParams>;
  origin: RunOrigin;
  /** Chosen by the caller when it must name the run before it starts; generated otherwise. */
  runId?: string;
  /** Recompute even when a completed result for the key exists (and do not resume). */
  force?: boolean;
  /** Cancels the run: in-flight chunks are dropped, finished ones stay committed, status `cancelled`. */
  signal?: AbortSignal;
  onProgress?: (event: ProgressEvent) => void;
  /** Called once when this run continues the result set of an earlier, unfinished run. */
  onResume?: (resume: ResumeInfo) => void;
  /** When another process holds the lock: 'fail' (default) throws LockBusyError; 'wait' waits. */
  lockWait?: 'wait' | 'fail';
  onLockWait?: (holder: LockHolder) => void;
  /** Default: the file lock in the store's folder. */
  lock?: RunLock;
  /** Default: the process's shared pool (server). */
  pool?: WorkerPool;
  /** What the lock file names as holder; default `server` or the command line. */
  command?: string;
  /** Items per worker task (database mode: per chunk job); default: guided by the pool's size (chunk-plan.ts). */
  chunkSize?: number;
  /**
   * Database mode: chunks this process computes itself while the run goes, besides the worker
   * processes; default one per thread plus one. 0: the run only coordinates (a server whose own
   * chunk worker already takes jobs of every run).
   */
  workChunks?: number;
  /**
   * How long the run's writes may wait in all for SQLite's write lock while another connection
   * holds it (an import), before the run fails with StoreBusyError; default 120 s. The wait is
   * asynchronous: the event loop stays free.
   */
  storeWaitLimitMs?: number;
  /** Called whenever one of the run's writes finds the store locked by another writer. */
  onStoreWait?: (info: { waitedMs: number }) => void;
}

export interface ResumeInfo {
  runId: string;
  /** The run that left the result set unfinished (null if its row is gone). */
  resumedFrom: string | null;
  done: number;
  total: number;
}

export interface RunSummary {
  runId: string;
  key: string;
  dataVersion: number;
  params: PipelineParams;
  origin: RunOrigin;
  /** Items in the results. */
  items: number;
  /** Items this run computed (the rest were resumed). */
  computed: number;
  /** Wall-clock seconds of this call (a cache hit: the lookup). */
  seconds: number;
  statusCounts: Record<Status, number>;
  /**
   * Seconds per stage. load: wall time of the load phase (reading sales on the worker threads,
   * converting, bucketing). convert: worker time (summed over threads). bucket: worker time for
   * periods plus the serial lane's time folding rows into the matrix and preparing the series
   * and classes. tournament (the engine, which also computes the intervals and grades of the
   * confidence stage, so confidence is 0 here) and inventory: worker time summed over threads.
   * persist: main-thread time committing batches (waits for the store's lock excluded).
   */
  stageSeconds: Record<Stage, number>;
  /** Wall time of the forecast phase (tournament through persist). */
  forecastSeconds: number;
  /** Wall time of the member pool's held-back test, before the forecast phase (member-pool.ts); absent in runs stored before it. */
  poolSeconds?: number;
  /** The member pool's decision (what regular demand was forecast by, and on what evidence); absent in runs stored before it. */
  pool?: MemberPool;
  salesRows: number;
  threads: number;
  resumedFrom?: { runId: string | null; itemsDone: number };
  /**
   * The analyst's overrides: how many the run could apply, how many have expired (all their
   * periods passed) and the codes of items with overrides that are not in the item list.
   */
  overrides?: { active: number; expired: number; withoutItem: string[] };
  /**
   * Items whose sales before a silence of a year or more (a relaunch, or a year typed wrong) were
   * left out of their history (dormant.ts): how many, and the first SET_ASIDE_LISTED codes.
   */
  setAside?: { items: number; itemIds: string[] };
  /**
   * Items with a period whose demand was far beyond any other of theirs (`outlierRule`: a quantity
   * typed wrong), which their forecast and classes leave out (lib/forecast, outliers.ts):
   * how many, and the SET_ASIDE_LISTED largest in money with the period's first day, its demand
   * and the demand around it that stood in for it (base units).
   */
  outliers?: { items: number; listed: OutlierPeriod[] };
  cached?: boolean;
  startedAt: string;
  endedAt: string;
}

export interface OutlierPeriod {
  itemId: string;
  /** The period's first day, ISO. */
  day: string;
  demand: number;
  typical: number;
}

/** The run was cancelled (AbortSignal, SIGINT/SIGTERM, server shutdown). */
export class RunCancelledError extends Error {
  constructor(reason: string) {
    super(`pipeline run cancelled: ${reason}`);
    this.name = 'RunCancelledError';
  }
}

/** Run ids sort by start: `20261123-001500-3fa9c1`. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${crypto.randomBytes(3).toString('hex')}`;
}

/** A completed run's summary, marked cached, or null when there is none for the key. */
export async function cachedSummary(store: Store, key: string): Promise<RunSummary | null> {
  const started = performance.now();
  const run = await store.runs.findCompleted(key);
  if (!run || !run.summary) return null;
  return { ...(run.summary as RunSummary), cached: true, seconds: (performance.now() - started) / 1000 };
}

function reasonText(signal: AbortSignal): string {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason.message : String(reason ?? 'aborted');
}

/** Runs in flight in this process, so that server shutdown can cancel them and wait. */
const activeRuns = processSingleton('pipelineActiveRuns', () => new Set<{ cancel(): void; done: Promise<unknown> }>());

/**
 * One pipeline run, under the cross-process lock: load → convert → bucket → tournament →
 * confidence → inventory → persist. See index.ts for the contract.
 */
export async function runPipeline(options: RunOptions): Promise<RunSummary> {
  const params = resolveParams(options.params);
  const { store } = options;
  const key = runKey(await store.dataVersion(), params);
  if (!options.force) {
    const cached = await cachedSummary(store, key);
    if (cached) return cached;
  }
  const runId = options.runId ?? newRunId();
  // A database keeps the lock for every machine on it; the embedded store's is the file beside it.
  const lock = options.lock ?? store.runLock ?? new FileRunLock(store.dir);
  const command = options.command ?? (options.origin === 'server' ? 'server' : `stockcast ${process.argv.slice(2).join(' ')}`);
  const held = await acquireRunLock(lock, { runId, command, key }, {
    wait: options.lockWait ?? 'fail',
    signal: options.signal,
    onWait: options.onLockWait,
  }).catch((err: unknown) => {
    if (options.signal?.aborted) throw new RunCancelledError(`while waiting for the lock (${reasonText(options.signal)})`);
    throw err;
  });

  const cancel = new AbortController();
  setMaxListeners(0, cancel.signal); // every task in flight listens to it
  const onAbort = () => cancel.abort(new RunCancelledError(reasonText(options.signal!)));
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) onAbort();
  const heartbeat = setInterval(() => {
    held.heartbeat().catch((err: unknown) => cancel.abort(err));
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
  const entry = { cancel: () => cancel.abort(new RunCancelledError('the server is shutting down')), done: Promise.resolve() as Promise<unknown> };
  activeRuns.add(entry);
  onShutdown(
    'pipeline-runs',
    async () => {
      for (const run of activeRuns) run.cancel();
      await Promise.allSettled([...activeRuns].map((run) => run.done));
    },
    'work',
  );
  try {
    const work = runLocked({ ...options, params, runId, signal: cancel.signal, pool: options.pool ?? sharedPool() });
    entry.done = work;
    return await work;
  } finally {
    clearInterval(heartbeat);
    options.signal?.removeEventListener('abort', onAbort);
    activeRuns.delete(entry);
    await held.release();
  }
}

type LockedOptions = RunOptions & { params: PipelineParams; runId: string; signal: AbortSignal; pool: WorkerPool };

async function runLocked(options: LockedOptions): Promise<RunSummary> {
  const { store, params, runId } = options;
  // Waiting for the lock may have let another process compute this very key.
  if (!options.force) {
    const cached = await cachedSummary(store, runKey(await store.dataVersion(), params));
    if (cached) return cached;
  }
  const startedAt = Date.now();
  const writes = storeWrites(options);
  const version = await store.dataVersion();
  const interrupted = await store.runs.start(
    {
      id: runId,
      key: runKey(version, params),
      dataVersion: version,
      params,
      origin: options.origin,
      startedAt,
      pid: process.pid,
      host: os.hostname(),
    },
    writes,
  );
  if (interrupted > 0) log.info({ interrupted }, 'pipeline: marked runs left by stopped processes as interrupted');
  try {
    return await execute(options, startedAt);
  } catch (err) {
    const cancelled = options.signal.aborted && options.signal.reason instanceof RunCancelledError;
    const error = cancelled ? (options.signal.reason as Error) : err;
    const message = error instanceof Error ? error.message : String(error);
    const end = { status: cancelled ? ('cancelled' as const) : ('failed' as const), endedAt: Date.now(), error: message };
    // Not for the run's whole wait: the run is over, and shutdown waits for this.
    const waitLimitMs = Math.min(writes.waitLimitMs ?? FINISH_WAIT_LIMIT_MS, FINISH_WAIT_LIMIT_MS);
    await store.runs.end(runId, end, { ...writes, signal: undefined, waitLimitMs }).catch(
      (recordError: unknown) => {
        // The row stays `running`; the next run marks it interrupted.
        log.warn({ runId, err: recordError }, 'pipeline: could not record how the run ended');
      },
    );
    throw error;
  }
}

/** The longest a run that failed or was cancelled waits for the store to record so. */
const FINISH_WAIT_LIMIT_MS = 5_000;
/** Item rows of pruned result sets deleted per transaction. */
const PRUNED_ROWS_PER_COMMIT = 1_000;

function storeWrites(options: LockedOptions): StoreWriteOptions {
  return {
    signal: options.signal,
    waitLimitMs: options.storeWaitLimitMs,
    onWait: options.onStoreWait ? (waitedMs) => options.onStoreWait!({ waitedMs }) : undefined,
  };
}

async function execute(options: LockedOptions, startedAt: number): Promise<RunSummary> {
  const { store, params, runId, pool, signal } = options;
  const writes = storeWrites(options);
  const progress = new ProgressTracker(runId, options.onProgress);
  const stageSeconds = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

  // Load, convert, bucket: again from the start if an import commits while we read.
  let catalogue: Catalogue;
  let demand: DemandState;
  let salesRows = 0;
  for (let attempt = 1; ; attempt++) {
    catalogue = await readCatalogueOnPool(store.location, pool, signal);
    try {
      const loaded = await loadDemand({ store, catalogue, period: params.period, pool, progress, signal });
      demand = loaded.demand;
      stageSeconds.load = loaded.timings.loadSeconds;
      stageSeconds.convert = loaded.timings.convertSeconds;
      stageSeconds.bucket = loaded.timings.bucketSeconds;
      salesRows = loaded.timings.rows;
      break;
    } catch (err) {
      if (!(err instanceof DataChangedError) || attempt >= 3) throw err;
      log.info({ runId }, 'pipeline: data changed while loading, reading again');
    }
  }

  const key = runKey(catalogue.dataVersion, params);
  if (catalogue.overridesWithoutItem.length > 0) {
    log.warn({ runId, items: catalogue.overridesWithoutItem }, 'pipeline: overrides for items not in the item list are not applied');
  }
  const frame = timeFrame(params, catalogue, demand);
  const engineSettings = { horizon: params.horizon, season: SEASON[params.period], levels: LEVELS, nonNegative: true };
  const prepared = await pool.run<PrepareResult>(
    {
      kind: 'prepare',
      demand,
      period: params.period,
      endPeriod: frame.historyEndPeriod,
      periodsPerYear: periodsPerYear(params.period),
      unitCost: catalogue.unitCost,
      season: SEASON[params.period],
      categoryGroup: catalogue.categoryGroup,
      categoryCount: catalogue.categoryCount,
      settings: engineSettings,
    },
    { signal },
  );
  stageSeconds.bucket += prepared.seconds;
  const setAside = await setAsideItems(store, catalogue, prepared.setAside);
  if (setAside.items > 0) {
    log.warn({ runId, ...setAside }, 'pipeline: sales before a silence of a year or more are left out of these items\' histories');
  }
  const outliers = await outlierItems(store, catalogue, prepared, params.period);
  if (outliers.items > 0) {
    log.warn({ runId, ...outliers }, `pipeline: a ${params.period}'s demand ${outlierRule(params.period)} is left out of these items' forecasts`);
  }
  const decided = await runMemberPool(pool, { settings: engineSettings, history: prepared.history, seasons: prepared.seasons }, prepared.poolSample, signal);
  log.info({ runId, pool: decided.pool, seconds: decided.seconds }, `pipeline: ${describePool(decided.pool)}`);
  const inputs: RunInputs = {
    catalogue,
    history: prepared.history,
    lastSaleDay: demand.lastSaleDay,
    classes: prepared.classes,
    seasons: prepared.seasons,
    periodDays: frame.periodDays,
    period: params.period,
    forecastStartPeriod: frame.historyEndPeriod + 1,
    forecastStartDay: frame.forecastStartDay,
    asOfDay: frame.asOfDay,
  };

  // Continue an unfinished result set for the key, or start one.
  const meta: ResultMeta = {
    period: params.period,
    horizon: params.horizon,
    periodDays: periodDays(params.period),
    levels: LEVELS,
    forecastStartPeriod: frame.historyEndPeriod + 1,
    forecastStartDay: frame.forecastStartDay,
    asOfDay: frame.asOfDay,
    itemsTotal: catalogue.count,
    pool: decided.pool,
  };
  let resumedFrom: RunSummary['resumedFrom'];
  const done = new Uint8Array(catalogue.count);
  const found = options.force ? null : await store.results.findResumable(key);
  const resumable = found && found.meta.itemsTotal === catalogue.count ? found : null;
  if (resumable) {
    const stored = await store.results.storedItemKeys(resumable.id);
    const slot = new Map<number, number>();
    catalogue.key.forEach((k, i) => slot.set(k, i));
    for (const k of stored) {
      const i = slot.get(k);
      if (i !== undefined) done[i] = 1;
    }
    const previous = await store.runs.lastOfResultSet(resumable.id);
    resumedFrom = { runId: previous?.id ?? null, itemsDone: stored.length };
    options.onResume?.({ runId, resumedFrom: resumedFrom.runId, done: stored.length, total: catalogue.count });
    log.info({ runId, resumedFrom }, `pipeline: resuming run ${resumedFrom.runId}: ${stored.length} of ${catalogue.count} items already done`);
  }
  const itemsSaved = resumedFrom?.itemsDone ?? 0;
  const resultSet = await store.runs.attach(
    runId,
    {
      key,
      dataVersion: catalogue.dataVersion,
      params,
      meta,
      resume: resumable ? resumable.id : null,
      itemsTotal: catalogue.count,
      itemsDone: itemsSaved,
      resumedFrom: resumedFrom?.runId ?? null,
    },
    writes,
  );

  // Tournament, confidence and inventory on the pool (or the queue's workers); persist as each
  // chunk comes back.
  const todo = Int32Array.from(done.keys()).filter((i) => !done[i]);
  const total = catalogue.count;
  for (const stage of ['tournament', 'confidence', 'inventory', 'persist'] as const) progress.begin(stage, total, itemsSaved);
  const fault = injectedFault(store.dir);
  if (fault) throw fault;
  const checkpoints = new Checkpoints(pool, store);
  const forecastStarted = performance.now();
  const dispatch: Dispatch = {
    store,
    pool,
    runId,
    resultSet,
    todo,
    itemsStored: itemsSaved,
    chunks: planChunks(todo.length, pool.threads, options.chunkSize),
    settings: pooledSettings(engineSettings, decided.pool),
    inputs,
    signal,
    writes,
    progress,
    stageSeconds,
  };
  if (store.chunkQueue) {
    const workChunks = options.workChunks ?? defaultChunkConcurrency(pool);
    await dispatchToQueue(dispatch, store.chunkQueue, { leaseSeconds: chunkLeaseSeconds(), workChunks });
  } else {
    await dispatchLocal(dispatch, () => checkpoints.request());
  }
  // From the stored rows: a retried chunk's items count once.
  const statusCounts = Object.assign(
    Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    await store.results.countByStatus(resultSet),
  );

  // Finish: the result set, the run row and the summary commit together.
  const endedAt = Date.now();
  const summary: RunSummary = {
    runId,
    key,
    dataVersion: catalogue.dataVersion,
    params,
    origin: options.origin,
    items: total,
    computed: todo.length,
    seconds: (endedAt - startedAt) / 1000,
    statusCounts,
    stageSeconds,
    forecastSeconds: (performance.now() - forecastStarted) / 1000,
    poolSeconds: decided.seconds,
    pool: decided.pool,
    salesRows,
    threads: pool.threads,
    overrides: overrideCounts(catalogue, frame.forecastStartDay),
    ...(setAside.items > 0 ? { setAside } : {}),
    ...(outliers.items > 0 ? { outliers } : {}),
    ...(resumedFrom ? { resumedFrom } : {}),
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
  };
  // The snapshot, packed on a worker (it reads every result), is committed with the completion:
  // a crash cannot keep one without the other.
  const packed = await pool.run<PackedSnapshot | null>({ kind: 'snapshot', location: store.location, resultSet }, { signal });
  await store.runs.complete(
    runId,
    {
      resultSet,
      key,
      dataVersion: catalogue.dataVersion,
      itemsTotal: total,
      endedAt,
      summary,
      ...(packed ? { snapshot: { packed, keep: snapshotRetention() } } : {}),
    },
    { ...writes, signal: undefined },
  );
  await deletePrunedResults(options, writes);
  checkpoints.request();
  await checkpoints.settled();
  return summary;
}

/**
 * The store's upkeep after result commits (SQLite: WAL checkpoints, which the main thread's
 * commits skip, see lib/store/sqlite/writes.ts) on the serial lane, idle while the pool
 * forecasts, one at a time. A failed one is only logged: the next one, or SQLite's own in
 * another connection, copies the same pages.
 */
class Checkpoints {
  private running: Promise<void> | null = null;

  constructor(
    private readonly pool: WorkerPool,
    private readonly store: Store,
  ) {}

  request(): void {
    const task = this.store.results.maintenanceTask();
    if (this.running || !task) return;
    this.running = this.pool
      .run<void>(task, { serial: true })
      .catch((err: unknown) => log.warn({ err }, 'pipeline: WAL checkpoint on the worker failed'))
      .finally(() => {
        this.running = null;
      });
  }

  async settled(): Promise<void> {
    await this.running;
  }
}

/**
 * The item rows of pruned result sets, a slice per transaction. Best effort: the run has
 * completed; rows left (a cancel, a store locked for long) are deleted after the next run.
 */
async function deletePrunedResults(options: LockedOptions, writes: StoreWriteOptions): Promise<void> {
  try {
    while (!options.signal.aborted) {
      const deleted = await options.store.results.deleteOrphaned(PRUNED_ROWS_PER_COMMIT, writes);
      if (deleted === 0) return;
      await nextTurn();
    }
  } catch (err) {
    log.warn({ runId: options.runId, err }, 'pipeline: old results are left to delete after the next run');
  }
}

interface TimeFrame {
  periodDays: number;
  historyEndPeriod: number;
  forecastStartDay: number;
  asOfDay: number;
}

/**
 * History runs over the complete periods of the sales data, up to the last one they cover to its
 * last day (an extract that ends mid-week would read as a dip; where it starts is decided by
 * `demandSeries`); the forecast starts the period after; stock is taken as of the day after the
 * last sale (with no sales at all: the day after the latest stock record). No clock is read, so
 * the same data always give the same results.
 */
function timeFrame(params: PipelineParams, catalogue: Catalogue, demand: DemandState): TimeFrame {
  let lastDay = demand.lastDay;
  if (!Number.isFinite(lastDay)) {
    lastDay = 0;
    for (let i = 0; i < catalogue.count; i++) if (catalogue.stockAsOf[i]! > lastDay) lastDay = catalogue.stockAsOf[i]!;
  }
  const historyEndPeriod = Number.isFinite(demand.lastDay)
    ? lastCompletePeriod(params.period, lastDay)
    : periodOf(params.period, lastDay + 1) - 1;
  return {
    periodDays: periodDays(params.period),
    historyEndPeriod,
    forecastStartDay: periodStart(params.period, historyEndPeriod + 1),
    asOfDay: lastDay + 1,
  };
}

/** Item codes a summary lists: enough to find a mistyped year, few enough for a log line. */
const SET_ASIDE_LISTED = 20;

async function setAsideItems(store: Store, catalogue: Catalogue, positions: Int32Array): Promise<NonNullable<RunSummary['setAside']>> {
  if (positions.length === 0) return { items: 0, itemIds: [] };
  const codes = await store.reads.itemCodes(Array.from(positions, (i) => catalogue.key[i]!));
  return { items: positions.length, itemIds: codes.slice(0, SET_ASIDE_LISTED) };
}

/** The items with a period set aside as a quantity typed wrong, the largest in money above the demand around it first. */
async function outlierItems(store: Store, catalogue: Catalogue, prepared: PrepareResult, period: PipelineParams['period']): Promise<NonNullable<RunSummary['outliers']>> {
  const { at, typical } = prepared.outliers;
  const { values, offsets, start } = prepared.history;
  const found: { i: number; demand: number; typical: number }[] = [];
  for (let i = 0; i < at.length; i++) if (at[i]! >= 0) found.push({ i, demand: values[offsets[i]! + at[i]!]!, typical: typical[i]! });
  const excessValue = (f: (typeof found)[number]) => (f.demand - f.typical) * (catalogue.unitCost[f.i]! || 0);
  found.sort((a, b) => excessValue(b) - excessValue(a) || a.i - b.i);
  const listed: OutlierPeriod[] = [];
  for (const { i, demand, typical } of found.slice(0, SET_ASIDE_LISTED)) {
    const [itemId] = await store.reads.itemCodes([catalogue.key[i]!]);
    if (itemId !== undefined) listed.push({ itemId, day: dayToIso(periodStart(period, start[i]! + at[i]!)), demand, typical });
  }
  return { items: found.length, listed };
}

function overrideCounts(catalogue: Catalogue, forecastStartDay: number): NonNullable<RunSummary['overrides']> {
  let expired = 0;
  for (const lastDay of catalogue.overrides.lastDay) if (isExpired(lastDay, forecastStartDay)) expired++;
  return { active: catalogue.overrides.count - expired, expired, withoutItem: [...new Set(catalogue.overridesWithoutItem)] };
}
