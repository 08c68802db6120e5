import { periodsOfDays, type Period } from '../inventory/periods';
import { convertToBase, type UomTable } from '../inventory/uom';
import { maintainAt, readSalesAt, readSnapshotAt } from '../store/scan';
import type { PackedSnapshot } from '../store/snapshot-columns';
import { addSales, type DemandState } from './demand';
import { PipelineDataError, readCatalogue, type Catalogue } from './load';
import { forecastChunk, type ForecastResult, type ForecastTask } from './chunk';
import { prepareRun, type PrepareResult, type PrepareTask } from './prepare';
import { scoreMemberPoolTask, type MemberPoolTask } from './member-pool';
import { forecastSeriesTask, type SeriesForecasts, type SeriesForecastTask } from './series-forecast';
import { sharedFloat64, sharedInt32 } from './shared-memory';

export type { ForecastResult, ForecastTask } from './chunk';
export type { PrepareResult, PrepareTask } from './prepare';
export type { MemberPoolTask } from './member-pool';

/**
 * What the pipeline's worker threads do (loaded by worker.cjs through tsx): read the catalogue;
 * read a range of sales rows with a connection of the worker's own; fold read rows into the
 * demand matrix (on the serial lane, in rowid order); prepare the run's inputs (history series,
 * classes); score part of the member pool's held-back test; forecast a chunk of items with their inventory health and build the batch to store;
 * forecast a slice of a long CSV's series (`stockcast forecast`);
 * pack a completed result set's forecasts for its run's snapshot; checkpoint the WAL that the
 * main thread's commits leave behind.
 * Big arrays travel in shared memory, so that the main thread passes handles, never copies.
 */
export type WorkerTask = CatalogueTask | LoadTask | FoldTask | PrepareTask | MemberPoolTask | ForecastTask | SeriesForecastTask | SnapshotTask | CheckpointTask;

export interface CatalogueTask {
  kind: 'catalogue';
  /** The store's location (Store.location). */
  location: string;
}

export type CatalogueResult = { catalogue: Catalogue } | { dataError: string };

/** Packs a result set's forecasts for its run's snapshot (reads every result: never on the event loop). */
export interface SnapshotTask {
  kind: 'snapshot';
  location: string;
  resultSet: number;
}

export interface CheckpointTask {
  kind: 'checkpoint';
  location: string;
}

export interface LoadTask {
  kind: 'load';
  /** The store's location (Store.location). */
  location: string;
  /** Sales rowids [from, to); `to` null = to the end of the table as this task's snapshot sees it. */
  from: number;
  to: number | null;
  /** Rowids per query. */
  window: number;
  period: Period;
  /** Unit factors; `factor` lives in a SharedArrayBuffer, so every task shares one copy. */
  uom: UomTable;
}

/** The rows read, converted and given their period; the columns are in shared memory. */
export interface LoadResult {
  /** The data version of the snapshot these rows were read in. */
  dataVersion: number;
  rows: number;
  /** The rowid range read (to is exclusive). */
  from: number;
  to: number;
  item: Int32Array;
  day: Int32Array;
  /** Period index of each row's day. */
  period: Int32Array;
  /** Quantity in the item's base unit. */
  quantity: Float64Array;
  /** The first row whose unit has no factor for its item (the run fails naming both), or null. */
  missing: { item: number; unit: number } | null;
  /** Seconds spent reading, converting, and computing periods. */
  readSeconds: number;
  convertSeconds: number;
  bucketSeconds: number;
}

export interface FoldTask {
  kind: 'fold';
  demand: DemandState;
  rows: LoadResult;
}

export interface FoldResult {
  /** The same matrix, or its re-laid-out successor when the period range grew. */
  demand: DemandState;
  foldSeconds: number;
}

export default async function runWorkerTask(
  task: WorkerTask,
): Promise<CatalogueResult | LoadResult | FoldResult | PrepareResult | Float64Array | ForecastResult | SeriesForecasts | PackedSnapshot | null | void> {
  switch (task.kind) {
    case 'catalogue':
      return catalogue(task);
    case 'load':
      return loadSales(task);
    case 'fold':
      return fold(task);
    case 'prepare':
      return prepareRun(task);
    case 'member-pool':
      return scoreMemberPoolTask(task);
    case 'forecast':
      return forecastChunk(task);
    case 'series-forecast':
      return forecastSeriesTask(task);
    case 'snapshot':
      return readSnapshotAt(task.location, task.resultSet);
    case 'checkpoint':
      return checkpoint(task);
  }
}

function checkpoint(task: CheckpointTask): Promise<void> {
  return maintainAt(task.location);
}

async function catalogue(task: CatalogueTask): Promise<CatalogueResult> {
  try {
    return { catalogue: await readCatalogue(task.location) };
  } catch (err) {
    if (err instanceof PipelineDataError) return { dataError: err.message };
    throw err;
  }
}

function fold(task: FoldTask): FoldResult {
  const started = performance.now();
  const { demand, rows } = task;
  addSales(demand, rows.item, rows.day, rows.period, rows.quantity, rows.rows);
  return { demand, foldSeconds: (performance.now() - started) / 1000 };
}

/**
 * The task's sales rows in one snapshot (see readSalesAt); then, still here in parallel, the
 * convert stage (one vectorized pass to base units) and the period index of every row, into
 * shared memory that the serial lane folds into the demand matrix.
 */
async function loadSales(task: LoadTask): Promise<LoadResult> {
  const started = performance.now();
  const rows = await readSalesAt(task.location, task, { int32: sharedInt32 });
  const n = rows.rows;
  const readDone = performance.now();
  const quantity = sharedFloat64(n);
  const bad = convertToBase(task.uom, rows.item, rows.unit, rows.quantity, quantity, n);
  const converted = performance.now();
  const period = sharedInt32(n);
  periodsOfDays(task.period, rows.day, period, n);
  return {
    dataVersion: rows.dataVersion,
    rows: n,
    from: rows.from,
    to: rows.to,
    item: rows.item.subarray(0, n),
    day: rows.day.subarray(0, n),
    period,
    quantity,
    missing: bad < 0 ? null : { item: rows.item[bad]!, unit: rows.unit[bad]! },
    readSeconds: (readDone - started) / 1000,
    convertSeconds: (converted - readDone) / 1000,
    bucketSeconds: (performance.now() - converted) / 1000,
  };
}
