import crypto from 'node:crypto';
import { setMaxListeners } from 'node:events';
import os from 'node:os';
import type { ForecastSettings } from '../forecast/types';
import { abcClasses, annualDemand, demandVariability, xyzClasses } from '../inventory/classes';
import { DEFAULT_HEALTH_SETTINGS, STATUSES, type Status } from '../inventory/health';
import { periodDays, periodOf, periodsPerYear, periodStart } from '../inventory/periods';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { processSingleton } from '../runtime/singleton';
import { dataVersion, type Store } from '../store';
import {
  completeResultSet,
  countByStatus,
  createResultSet,
  findResumableResultSet,
  insertItemResults,
  pruneResultSets,
  storedItemKeys,
  type ItemResultBatch,
  type ResultMeta,
} from '../store/results';
import {
  assignRun,
  findCompletedRun,
  finishRun,
  insertRun,
  lastRunOfResultSet,
  markInterruptedRuns,
  setRunProgress,
  type RunOrigin,
} from '../store/runs';
import { lastCompletePeriod, type DemandAccumulator } from './demand';
import { DataChangedError, loadDemand, readCatalogue, type Catalogue } from './load';
import { acquireRunLock, FileRunLock, HEARTBEAT_INTERVAL_MS, type LockHolder, type RunLock } from './lock';
import { LEVELS, resolveParams, runKey, SEASON, type PipelineParams } from './params';
import { sharedPool, type WorkerPool } from './pool';
import { ProgressTracker, STAGES, type ProgressEvent, type Stage } from './progress';
import { beforeChunk, injectedFault } from './test-hooks';
import type { ForecastResult, ForecastTask } from './worker-tasks';

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
  /** Items per worker task; default sized to the pool. */
  chunkSize?: number;
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
   * periods plus main-thread time folding rows into the matrix. tournament (the engine, which also
   * computes the intervals and grades of the confidence stage, so confidence is 0 here) and
   * inventory: worker time summed over threads. persist: main-thread time committing batches.
   */
  stageSeconds: Record<Stage, number>;
  /** Wall time of the forecast phase (tournament through persist). */
  forecastSeconds: number;
  salesRows: number;
  threads: number;
  resumedFrom?: { runId: string | null; itemsDone: number };
  cached?: boolean;
  startedAt: string;
  endedAt: string;
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
export function cachedSummary(store: Store, key: string): RunSummary | null {
  const started = performance.now();
  const run = findCompletedRun(store.db, key);
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
  if (!options.force) {
    const cached = cachedSummary(store, runKey(dataVersion(store.db), params));
    if (cached) return cached;
  }
  const runId = options.runId ?? newRunId();
  const lock = options.lock ?? new FileRunLock(store.dir);
  const command = options.command ?? (options.origin === 'server' ? 'server' : `stockcast ${process.argv.slice(2).join(' ')}`);
  const held = await acquireRunLock(lock, { runId, command }, {
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
  const db = store.db;
  // Waiting for the lock may have let another process compute this very key.
  if (!options.force) {
    const cached = cachedSummary(store, runKey(dataVersion(db), params));
    if (cached) return cached;
  }
  const startedAt = Date.now();
  const interrupted = markInterruptedRuns(db, startedAt);
  if (interrupted > 0) log.info({ interrupted }, 'pipeline: marked runs left by stopped processes as interrupted');
  const version = dataVersion(db);
  insertRun(db, {
    id: runId,
    key: runKey(version, params),
    dataVersion: version,
    params,
    origin: options.origin,
    startedAt,
    pid: process.pid,
    host: os.hostname(),
  });
  try {
    const summary = await execute(options, startedAt);
    return summary;
  } catch (err) {
    const cancelled = options.signal.aborted && options.signal.reason instanceof RunCancelledError;
    const error = cancelled ? (options.signal.reason as Error) : err;
    finishRun(db, runId, {
      status: cancelled ? 'cancelled' : 'failed',
      endedAt: Date.now(),
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

async function execute(options: LockedOptions, startedAt: number): Promise<RunSummary> {
  const { store, params, runId, pool, signal } = options;
  const db = store.db;
  const progress = new ProgressTracker(runId, options.onProgress);
  const stageSeconds = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;

  // Load, convert, bucket: again from the start if an import commits while we read.
  let catalogue: Catalogue;
  let demand: DemandAccumulator;
  let salesRows = 0;
  for (let attempt = 1; ; attempt++) {
    catalogue = readCatalogue(db);
    try {
      const loaded = await loadDemand({ file: db.name, catalogue, period: params.period, pool, progress, signal });
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
  const frame = timeFrame(params, catalogue, demand);
  const history = demand.series(frame.historyEndPeriod);
  const perYear = periodsPerYear(params.period);
  const annual = annualDemand(history.values, history.offsets, perYear);
  const annualValue = new Float64Array(catalogue.count);
  for (let i = 0; i < catalogue.count; i++) annualValue[i] = annual[i]! * catalogue.unitCost[i]!;
  const cv = demandVariability(history.values, history.offsets, perYear);
  const classes = { abc: abcClasses(annualValue), xyz: xyzClasses(cv), annualValue, cv };

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
  };
  let resultSet: number;
  let resumedFrom: RunSummary['resumedFrom'];
  const done = new Uint8Array(catalogue.count);
  const resumable = options.force ? null : findResumableResultSet(db, key);
  if (resumable && resumable.meta.itemsTotal === catalogue.count) {
    resultSet = resumable.id;
    const stored = storedItemKeys(db, resultSet);
    const slot = new Map<number, number>();
    catalogue.key.forEach((k, i) => slot.set(k, i));
    for (const k of stored) {
      const i = slot.get(k);
      if (i !== undefined) done[i] = 1;
    }
    const previous = lastRunOfResultSet(db, resultSet);
    resumedFrom = { runId: previous?.id ?? null, itemsDone: stored.length };
    options.onResume?.({ runId, resumedFrom: resumedFrom.runId, done: stored.length, total: catalogue.count });
    log.info({ runId, resumedFrom }, `pipeline: resuming run ${resumedFrom.runId}: ${stored.length} of ${catalogue.count} items already done`);
  } else {
    resultSet = createResultSet(db, { key, dataVersion: catalogue.dataVersion, params, meta, createdAt: Date.now() });
  }
  let itemsDone = resumedFrom?.itemsDone ?? 0;
  assignRun(db, runId, {
    key,
    dataVersion: catalogue.dataVersion,
    resultSet,
    itemsTotal: catalogue.count,
    itemsDone,
    resumedFrom: resumedFrom?.runId ?? null,
  });

  // Tournament, confidence and inventory on the pool; persist as each chunk comes back.
  const todo: number[] = [];
  for (let i = 0; i < catalogue.count; i++) if (!done[i]) todo.push(i);
  const total = catalogue.count;
  for (const stage of ['tournament', 'confidence', 'inventory', 'persist'] as const) progress.begin(stage, total, itemsDone);
  const fault = injectedFault(store.dir);
  if (fault) throw fault;
  const settings: ForecastSettings = { horizon: params.horizon, season: SEASON[params.period], levels: LEVELS, nonNegative: true };
  const chunkSize = options.chunkSize ?? Math.max(16, Math.min(256, Math.ceil(todo.length / (pool.threads * 8))));
  const forecastStarted = performance.now();
  const insertBatch = db.transaction((batch: ItemResultBatch, doneNow: number) => {
    insertItemResults(db, resultSet, batch);
    setRunProgress(db, runId, doneNow);
  });
  // Batch commits skip the fsync (WAL, synchronous=NORMAL): they survive a killed process, which
  // is what resume needs; power loss may drop the last few, which the next run recomputes. The
  // connection's own setting (FULL, for acknowledged imports) is back before anything else runs.
  const saveBatch = (batch: ItemResultBatch, doneNow: number) => {
    const before = db.pragma('synchronous', { simple: true });
    db.pragma('synchronous = NORMAL');
    try {
      insertBatch(batch, doneNow);
    } finally {
      db.pragma(`synchronous = ${before}`);
    }
  };

  const inFlight = new Set<Promise<void>>();
  const limit = pool.threads * 2;
  let failure: unknown = null;
  for (let from = 0; from < todo.length && !signal.aborted && failure === null; from += chunkSize) {
    await beforeChunk(signal);
    const items = todo.slice(from, from + chunkSize);
    // Copied, not transferred: the chunk's columns are persisted beside the results.
    const task = forecastTask(items, history, catalogue, demand.lastSaleDay, frame, settings);
    const job = pool
      .run<ForecastResult>(task, { signal })
      .then((result) => {
        if (signal.aborted) return;
        stageSeconds.tournament += result.tournamentSeconds;
        stageSeconds.inventory += result.inventorySeconds;
        itemsDone += items.length;
        progress.update('tournament', itemsDone);
        progress.update('confidence', itemsDone);
        progress.update('inventory', itemsDone);
        const t = performance.now();
        saveBatch(resultBatch(items, task, result, history, catalogue, classes), itemsDone);
        stageSeconds.persist += (performance.now() - t) / 1000;
        progress.update('persist', itemsDone);
      })
      .catch((err: unknown) => {
        if (failure === null && !signal.aborted) failure = err;
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (signal.aborted) throw signal.reason;
  if (failure !== null) throw failure;

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
    statusCounts: Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>,
    stageSeconds,
    forecastSeconds: (performance.now() - forecastStarted) / 1000,
    salesRows,
    threads: pool.threads,
    ...(resumedFrom ? { resumedFrom } : {}),
    startedAt: new Date(startedAt).toISOString(),
    endedAt: new Date(endedAt).toISOString(),
  };
  db.transaction(() => {
    completeResultSet(db, resultSet);
    summary.statusCounts = countByStatus(db, resultSet);
    setRunProgress(db, runId, total);
    finishRun(db, runId, { status: 'completed', endedAt, summary });
    pruneResultSets(db, key, catalogue.dataVersion);
  })();
  return summary;
}

interface TimeFrame {
  periodDays: number;
  historyEndPeriod: number;
  forecastStartDay: number;
  asOfDay: number;
}

/**
 * History ends with the last complete period of the sales data; the forecast starts the period
 * after; stock is taken as of the day after the last sale (with no sales at all: the day after
 * the latest stock record). No clock is read, so the same data always give the same results.
 */
function timeFrame(params: PipelineParams, catalogue: Catalogue, demand: DemandAccumulator): TimeFrame {
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

type History = ReturnType<DemandAccumulator['series']>;

/** The chunk's series and inventory columns, copied out of the run's full columns. */
function forecastTask(
  items: number[],
  history: History,
  c: Catalogue,
  lastSaleDay: Float64Array,
  frame: TimeFrame,
  settings: ForecastSettings,
): ForecastTask {
  const n = items.length;
  const offsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) offsets[j + 1] = offsets[j]! + history.offsets[items[j]! + 1]! - history.offsets[items[j]!]!;
  const values = new Float64Array(offsets[n]!);
  for (let j = 0; j < n; j++) {
    const i = items[j]!;
    values.set(history.values.subarray(history.offsets[i]!, history.offsets[i + 1]!), offsets[j]!);
  }
  const pick = (column: Float64Array) => Float64Array.from(items, (i) => column[i]!);
  return {
    kind: 'forecast',
    settings,
    values,
    offsets,
    health: {
      periodDays: frame.periodDays,
      forecastStartDay: frame.forecastStartDay,
      asOfDay: frame.asOfDay,
      leadTimeDays: pick(c.leadTimeDays),
      serviceLevel: pick(c.serviceLevel),
      onHand: pick(c.onHand),
      onOrder: pick(c.onOrder),
      onOrderDueDay: pick(c.onOrderDueDay),
      unitCost: pick(c.unitCost),
      casePack: pick(c.casePack),
      moq: pick(c.moq),
      lastSaleDay: pick(lastSaleDay),
    },
  };
}

/** Columns to persist for a finished chunk: the task's inputs, the engine's and health's outputs. */
function resultBatch(
  items: number[],
  task: ForecastTask,
  result: ForecastResult,
  history: History,
  c: Catalogue,
  classes: { abc: Uint8Array; xyz: Uint8Array; annualValue: Float64Array; cv: Float64Array },
): ItemResultBatch {
  const { forecast: f, health: h } = result;
  const pickF = (column: Float64Array) => Float64Array.from(items, (i) => column[i]!);
  const pickU = (column: Uint8Array) => Uint8Array.from(items, (i) => column[i]!);
  const serviceLevel = task.health.serviceLevel.map((sl) => (Number.isFinite(sl) ? sl : DEFAULT_HEALTH_SETTINGS.defaultServiceLevel));
  return {
    count: items.length,
    horizon: f.horizon,
    modelNames: f.modelNames,
    item: Int32Array.from(items, (i) => c.key[i]!),
    status: h.status,
    abc: pickU(classes.abc),
    xyz: pickU(classes.xyz),
    onHand: task.health.onHand,
    onOrder: task.health.onOrder,
    leadTimeDays: task.health.leadTimeDays,
    serviceLevel,
    lastSaleDay: task.health.lastSaleDay,
    demandOverLeadTime: h.demandOverLeadTime,
    safetyStock: h.safetyStock,
    reorderPoint: h.reorderPoint,
    daysOfSupply: h.daysOfSupply,
    stockoutDay: h.stockoutDay,
    targetCover: h.targetCover,
    excessUnits: h.excessUnits,
    excessValue: h.excessValue,
    orderQuantity: h.orderQuantity,
    dailyDemand: h.dailyDemand,
    annualValue: pickF(classes.annualValue),
    cv: pickF(classes.cv),
    model: f.model,
    error: f.error,
    errorKind: f.errorKind,
    naiveError: f.naiveError,
    grade: f.grade,
    seasonal: f.seasonal,
    historyStart: Int32Array.from(items, (i) => history.start[i]!),
    history: task.values,
    fitted: f.fitted,
    historyOffsets: task.offsets,
    point: f.point,
    lo80: f.lower[0]!,
    hi80: f.upper[0]!,
    lo95: f.lower[1]!,
    hi95: f.upper[1]!,
    sigma: f.cumulativeSigma,
    projected: h.projectedOnHand,
    leaderboardOffsets: f.leaderboardOffsets,
    leaderboardModel: f.leaderboardModel,
    leaderboardError: f.leaderboardError,
  };
}
