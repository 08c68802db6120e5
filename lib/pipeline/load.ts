import { setMaxListeners } from 'node:events';
import { buildUomTable, factorOf, type UomTable } from '../inventory/uom';
import type { Period } from '../inventory/periods';
import type { ServicePolicy } from '../inventory/policy';
import type { Store, UnitDescription } from '../store';
import type { OverrideColumns } from '../overrides/apply';
import { readCatalogueAt } from '../store/scan';
import { MODEL_NAMES } from '../forecast';
import { emptyDemand, type DemandState } from './demand';
import type { WorkerPool } from './pool';
import type { ProgressTracker } from './progress';
import { shareFloat64, sharedFloat64, sharedInt32, sharedUint8 } from './shared-memory';
import type { CatalogueResult, FoldResult, LoadResult } from './worker-tasks';

/** Stored data that cannot be processed as it stands (a unit without a factor, ...). */
export class PipelineDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineDataError';
  }
}

/**
 * The items, by column, in items.id order, with their stock position in base units. Columns are
 * in shared memory: every forecast chunk reads its items' columns straight from them.
 */
export interface Catalogue {
  dataVersion: number;
  count: number;
  key: Int32Array;
  unitCost: Float64Array;
  leadTimeDays: Float64Array;
  /** NaN when not set for the item (the default applies). */
  serviceLevel: Float64Array;
  moq: Float64Array;
  casePack: Float64Array;
  /** NaN when not given (a fixed lead time). */
  leadTimeSdDays: Float64Array;
  /** Service levels by class for items without their own; null: the single default. */
  servicePolicy: ServicePolicy | null;
  onHand: Float64Array;
  onOrder: Float64Array;
  onOrderDueDay: Float64Array;
  /** Day of the latest stock record (NaN when the item has none: nothing on hand). */
  stockAsOf: Float64Array;
  /** 1 where the item has a stock record, 0 where none was ever imported: its stock is unknown, not 0. */
  stockRecorded: Uint8Array;
  uom: UomTable;
  /** Per item: its category's number (categories in name order), the engine's seasonal group. */
  categoryGroup: Int32Array;
  /** Distinct categories. */
  categoryCount: number;
  /** Highest sales rowid when the catalogue was read: the load's size estimate. */
  maxSalesRowid: number;
  /** The overrides of items in the catalogue, read in the same snapshot (`item`: catalogue position). */
  overrides: OverrideColumns;
  /** Item codes of overrides or pinned models whose item is not in the item list (reported by the run). */
  overridesWithoutItem: string[];
  /** Per item: the label of the model the analyst pinned (lib/forecast MODEL_NAMES), -1 for none. */
  pinned: Int32Array;
}

const nullable = (v: number | null) => (v === null ? Number.NaN : v);

/**
 * Reads items, units, factors and stock in one snapshot. The pipeline calls it on a worker
 * (`kind: 'catalogue'`): at 10,000 items it is ~0.1 s of work.
 */
export function readCatalogue(location: string): Promise<Catalogue> {
  return readCatalogueAt(location, (scan) => {
    const dataVersion = scan.dataVersion();
    const unitIds = new Map<string, number>();
    for (const [id, code] of scan.units()) unitIds.set(code, id);
    const items = scan.items();
    const categories = [...new Set(items.map((row) => row[7]))].sort();
    const groupOf = new Map(categories.map((name, g) => [name, g]));
    const count = items.length;
    const c: Catalogue = {
      dataVersion,
      count,
      key: sharedInt32(count),
      unitCost: sharedFloat64(count),
      leadTimeDays: sharedFloat64(count),
      serviceLevel: sharedFloat64(count),
      moq: sharedFloat64(count),
      casePack: sharedFloat64(count),
      leadTimeSdDays: sharedFloat64(count),
      servicePolicy: scan.servicePolicy(),
      onHand: sharedFloat64(count),
      onOrder: sharedFloat64(count),
      onOrderDueDay: sharedFloat64(count).fill(Number.NaN),
      stockAsOf: sharedFloat64(count).fill(Number.NaN),
      stockRecorded: sharedUint8(count),
      uom: undefined as unknown as UomTable,
      categoryGroup: sharedInt32(count),
      categoryCount: categories.length,
      maxSalesRowid: scan.maxSalesRowid(),
      overrides: undefined as unknown as OverrideColumns,
      overridesWithoutItem: [],
      pinned: sharedInt32(count).fill(-1),
    };
    const baseUnit = new Int32Array(count);
    const slot = new Map<number, number>();
    items.forEach(([id, base, cost, lead, service, moq, pack, category, leadSd], i) => {
      slot.set(id, i);
      c.categoryGroup[i] = groupOf.get(category)!;
      c.key[i] = id;
      baseUnit[i] = unitIds.get(base) ?? -1;
      c.unitCost[i] = cost;
      c.leadTimeDays[i] = lead;
      c.serviceLevel[i] = nullable(service);
      c.moq[i] = nullable(moq);
      c.casePack[i] = nullable(pack);
      c.leadTimeSdDays[i] = nullable(leadSd);
    });
    const factors = scan.factors();
    const uom = buildUomTable({
      itemKeys: c.key,
      baseUnit,
      factorItem: Int32Array.from(factors, (f) => f[0]),
      factorUnit: Int32Array.from(factors, (f) => f[1]),
      factorValue: Float64Array.from(factors, (f) => f[2]),
    });
    // One copy of the unit table for every load task.
    c.uom = { ...uom, factor: shareFloat64(uom.factor) };
    for (const [item, asOf, onHand, onOrder, unit, due] of scan.latestStock()) {
      const i = slot.get(item);
      if (i === undefined) continue;
      const factor = factorOf(c.uom, item, unit);
      if (!(factor > 0)) throw unitError(scan.describeUnit(item, unit), item, 'stock');
      c.onHand[i] = onHand * factor;
      c.onOrder[i] = onOrder * factor;
      c.onOrderDueDay[i] = nullable(due);
      c.stockAsOf[i] = asOf;
      c.stockRecorded[i] = 1;
    }
    const all = scan.overrides();
    const overrides = all.filter(([item]) => item !== null && slot.has(item));
    c.overridesWithoutItem = all.filter(([item]) => item === null || !slot.has(item)).map(([, code]) => code);
    c.overrides = {
      count: overrides.length,
      item: Int32Array.from(overrides, (o) => slot.get(o[0]!)!),
      startDay: Int32Array.from(overrides, (o) => o[2]),
      lastDay: Int32Array.from(overrides, (o) => o[3]),
      kind: Uint8Array.from(overrides, (o) => (o[4] === 'quantity' ? 0 : 1)),
      value: Float64Array.from(overrides, (o) => o[5]),
    };
    for (const [item, code, model] of scan.pins()) {
      const i = item === null ? undefined : slot.get(item);
      if (i === undefined) c.overridesWithoutItem.push(code);
      // A label the engine no longer knows (or `none`) leaves the item to the tournament.
      else c.pinned[i] = model === 'none' ? -1 : MODEL_NAMES.indexOf(model);
    }
    return c;
  });
}

/** The error for a row of `what` (sales, stock) of item `itemKey` in a unit with no factor. */
export function unitError(unit: UnitDescription, itemKey: number, what: string): PipelineDataError {
  const { item, unitCode: code } = unit;
  if (!item) return new PipelineDataError(`${what} refer to item #${itemKey}, which is not in the item list`);
  return new PipelineDataError(
    `${what} of item ${item.itemId} is recorded in unit ${code}, which has no factor to its base unit ${item.baseUom} ` +
      `(add a uom row: ${item.itemId},${code},<factor>)`,
  );
}

/** Raised when a load chunk saw a newer data version than the catalogue: the caller reloads. */
export class DataChangedError extends Error {
  constructor() {
    super('the data changed while the pipeline was reading it');
    this.name = 'DataChangedError';
  }
}

export interface LoadTimings {
  /** Wall time of the load phase. */
  loadSeconds: number;
  /** Worker time converting units, summed over threads. */
  convertSeconds: number;
  /** Worker time computing periods plus folding rows into the matrix (serial lane). */
  bucketSeconds: number;
  rows: number;
}

/** Sales rowids per worker task; fixed (not per thread count) so the summing order is too. */
const ROWIDS_PER_TASK = 1 << 18;
const ROWIDS_PER_QUERY = 1 << 14;

/**
 * Reads every sales row on the pool (each task a rowid range in its own snapshot, converted to
 * base units and given its period there) and folds the rows into the demand matrix on the pool's
 * serial lane, one task after another in rowid order whatever order the reads finish in: demand
 * sums are bit-identical run after run and equal a row-by-row sum. The main thread only passes
 * handles to shared memory along, so its event loop stays free however many rows there are.
 */
export async function loadDemand(options: {
  store: Store;
  catalogue: Catalogue;
  period: Period;
  pool: WorkerPool;
  progress: ProgressTracker;
  signal: AbortSignal;
  /** Sales rowids per read task; tests make it small to fold many chunks. */
  rowidsPerTask?: number;
}): Promise<{ demand: DemandState; timings: LoadTimings }> {
  const { store, catalogue: c, period, pool, progress, signal } = options;
  const perTask = options.rowidsPerTask ?? ROWIDS_PER_TASK;
  const total = c.maxSalesRowid;
  const tasks: { from: number; to: number | null }[] = [];
  for (let from = 1; from <= total; from += perTask) {
    tasks.push({ from, to: from + perTask > total ? null : from + perTask });
  }
  if (tasks.length === 0) tasks.push({ from: 1, to: null }); // rows may have arrived since
  const timings: LoadTimings = { loadSeconds: 0, convertSeconds: 0, bucketSeconds: 0, rows: 0 };
  const started = performance.now();
  for (const stage of ['load', 'convert', 'bucket'] as const) progress.begin(stage, total);

  // A chunk that fails the load (new data version, unknown unit) stops the tasks still queued.
  const giveUp = new AbortController();
  const taskSignal = AbortSignal.any([signal, giveUp.signal]);
  setMaxListeners(0, taskSignal); // one listener per queued task, by design
  // Reads run ahead of the folds by a bounded number of chunks: enough to keep every thread busy
  // while the lane folds, few enough that read chunks waiting for their turn stay a few MB.
  const ahead = pool.threads * 2;
  const pending: (Promise<LoadResult> | null)[] = [];
  const dispatch = () => {
    const t = tasks[pending.length]!;
    const read = pool.run<LoadResult>(
      { kind: 'load', location: store.location, from: t.from, to: t.to, window: Math.min(ROWIDS_PER_QUERY, perTask), period, uom: c.uom },
      { signal: taskSignal },
    );
    read.catch(() => {}); // settled even when an earlier one fails, so no rejection goes unhandled
    pending.push(read);
  };
  while (pending.length < Math.min(tasks.length, ahead)) dispatch();

  let demand = emptyDemand(c.key);
  let rowidsDone = 0;
  try {
    for (let k = 0; k < tasks.length; k++) {
      const chunk = await pending[k]!;
      pending[k] = null;
      if (chunk.dataVersion !== c.dataVersion) throw new DataChangedError();
      if (chunk.missing) throw unitError(await store.catalog.describeUnit(chunk.missing.item, chunk.missing.unit), chunk.missing.item, 'sales');
      const fold = pool.run<FoldResult>({ kind: 'fold', demand, rows: chunk }, { signal: taskSignal, serial: true });
      if (pending.length < tasks.length) dispatch();
      rowidsDone = Math.max(rowidsDone, chunk.to - 1);
      timings.rows += chunk.rows;
      timings.convertSeconds += chunk.convertSeconds;
      if (rowidsDone > total) {
        for (const stage of ['load', 'convert', 'bucket'] as const) progress.retotal(stage, rowidsDone);
      }
      progress.update('load', rowidsDone);
      progress.update('convert', rowidsDone);
      const folded = await fold;
      demand = folded.demand;
      timings.bucketSeconds += chunk.bucketSeconds + folded.foldSeconds;
      progress.update('bucket', rowidsDone);
    }
  } catch (err) {
    giveUp.abort(err);
    throw err;
  }
  timings.loadSeconds = (performance.now() - started) / 1000;
  const final = Math.max(rowidsDone, total);
  for (const stage of ['load', 'convert', 'bucket'] as const) {
    progress.retotal(stage, final);
    progress.update(stage, final);
  }
  return { demand, timings };
}

/** The catalogue, read on a worker with a connection of its own (one snapshot). */
export async function readCatalogueOnPool(location: string, pool: WorkerPool, signal: AbortSignal): Promise<Catalogue> {
  const result = await pool.run<CatalogueResult>({ kind: 'catalogue', location }, { signal });
  // A data error crosses the thread boundary as its message: the class does not survive it.
  if ('dataError' in result) throw new PipelineDataError(result.dataError);
  return result.catalogue;
}
