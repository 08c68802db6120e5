import { setMaxListeners } from 'node:events';
import type { Db } from '../store';
import { buildUomTable, factorOf, type UomTable } from '../inventory/uom';
import type { Period } from '../inventory/periods';
import { DemandAccumulator } from './demand';
import type { WorkerPool } from './pool';
import type { ProgressTracker } from './progress';
import type { LoadResult } from './worker-tasks';

/** Stored data that cannot be processed as it stands (a unit without a factor, ...). */
export class PipelineDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PipelineDataError';
  }
}

/** The items, by column, in items.id order, with their stock position in base units. */
export interface Catalogue {
  dataVersion: number;
  count: number;
  key: Int32Array;
  code: string[];
  unitCost: Float64Array;
  leadTimeDays: Float64Array;
  /** NaN when not set for the item (the default applies). */
  serviceLevel: Float64Array;
  moq: Float64Array;
  casePack: Float64Array;
  onHand: Float64Array;
  onOrder: Float64Array;
  onOrderDueDay: Float64Array;
  /** Day of the latest stock record (NaN when the item has none: nothing on hand). */
  stockAsOf: Float64Array;
  uom: UomTable;
  unitCodes: Map<number, string>;
  baseUnitCode: string[];
  /** Highest sales rowid when the catalogue was read: the load's size estimate. */
  maxSalesRowid: number;
}

const nullable = (v: number | null) => (v === null ? Number.NaN : v);

/** Reads items, units, factors and stock in one read transaction (one snapshot). */
export function readCatalogue(db: Db): Catalogue {
  return db.transaction(() => {
    const dataVersion = db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() as number;
    const unitIds = new Map<string, number>();
    const unitCodes = new Map<number, string>();
    for (const [id, code] of db.prepare('SELECT id, code FROM uom_codes').raw().iterate() as Iterable<[number, string]>) {
      unitIds.set(code, id);
      unitCodes.set(id, code);
    }
    const items = db
      .prepare(
        `SELECT id, item_id, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack FROM items ORDER BY id`,
      )
      .raw()
      .all() as [number, string, string, number, number, number | null, number | null, number | null][];
    const count = items.length;
    const c: Catalogue = {
      dataVersion,
      count,
      key: new Int32Array(count),
      code: new Array<string>(count),
      unitCost: new Float64Array(count),
      leadTimeDays: new Float64Array(count),
      serviceLevel: new Float64Array(count),
      moq: new Float64Array(count),
      casePack: new Float64Array(count),
      onHand: new Float64Array(count),
      onOrder: new Float64Array(count),
      onOrderDueDay: new Float64Array(count).fill(Number.NaN),
      stockAsOf: new Float64Array(count).fill(Number.NaN),
      uom: undefined as unknown as UomTable,
      unitCodes,
      baseUnitCode: new Array<string>(count),
      maxSalesRowid: (db.prepare('SELECT max(rowid) FROM sales').pluck().get() as number | null) ?? 0,
    };
    const baseUnit = new Int32Array(count);
    const slot = new Map<number, number>();
    items.forEach(([id, code, base, cost, lead, service, moq, pack], i) => {
      slot.set(id, i);
      c.key[i] = id;
      c.code[i] = code;
      c.baseUnitCode[i] = base;
      baseUnit[i] = unitIds.get(base) ?? -1;
      c.unitCost[i] = cost;
      c.leadTimeDays[i] = lead;
      c.serviceLevel[i] = nullable(service);
      c.moq[i] = nullable(moq);
      c.casePack[i] = nullable(pack);
    });
    const factors = db.prepare('SELECT item, uom, factor FROM uom_factors').raw().all() as [number, number, number][];
    c.uom = buildUomTable({
      itemKeys: c.key,
      baseUnit,
      factorItem: Int32Array.from(factors, (f) => f[0]),
      factorUnit: Int32Array.from(factors, (f) => f[1]),
      factorValue: Float64Array.from(factors, (f) => f[2]),
    });
    const stock = db
      .prepare(
        `SELECT s.item, s.as_of, s.on_hand, s.on_order, s.uom, s.on_order_due FROM inventory s
          WHERE s.as_of = (SELECT max(as_of) FROM inventory WHERE item = s.item)`,
      )
      .raw()
      .iterate() as Iterable<[number, number, number, number, number, number | null]>;
    for (const [item, asOf, onHand, onOrder, unit, due] of stock) {
      const i = slot.get(item);
      if (i === undefined) continue;
      const factor = factorOf(c.uom, item, unit);
      if (!(factor > 0)) throw unitError(c, i, unit, 'stock');
      c.onHand[i] = onHand * factor;
      c.onOrder[i] = onOrder * factor;
      c.onOrderDueDay[i] = nullable(due);
      c.stockAsOf[i] = asOf;
    }
    return c;
  })();
}

function unitError(c: Catalogue, i: number, unit: number, what: string): PipelineDataError {
  const code = c.unitCodes.get(unit) ?? `#${unit}`;
  return new PipelineDataError(
    `${what} of item ${c.code[i]} is recorded in unit ${code}, which has no factor to its base unit ${c.baseUnitCode[i]} ` +
      `(add a uom row: ${c.code[i]},${code},<factor>)`,
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
  /** Worker time computing periods plus main-thread time folding rows into the matrix. */
  bucketSeconds: number;
  rows: number;
}

/** Sales rowids per worker task; fixed (not per thread count) so the summing order is too. */
const ROWIDS_PER_TASK = 1 << 18;
const ROWIDS_PER_QUERY = 1 << 14;

/**
 * Reads every sales row on the pool (each task a rowid range in its own snapshot, converted to
 * base units and given its period there) and folds the rows into the demand matrix on the main
 * thread, in rowid order whatever order tasks finish in: demand sums are bit-identical run after
 * run and equal a row-by-row sum.
 */
export async function loadDemand(options: {
  file: string;
  catalogue: Catalogue;
  period: Period;
  pool: WorkerPool;
  progress: ProgressTracker;
  signal: AbortSignal;
}): Promise<{ demand: DemandAccumulator; timings: LoadTimings }> {
  const { catalogue: c, period, pool, progress, signal } = options;
  const demand = new DemandAccumulator(c.key);
  const total = c.maxSalesRowid;
  const tasks: { from: number; to: number | null }[] = [];
  for (let from = 1; from <= total; from += ROWIDS_PER_TASK) {
    tasks.push({ from, to: from + ROWIDS_PER_TASK > total ? null : from + ROWIDS_PER_TASK });
  }
  if (tasks.length === 0) tasks.push({ from: 1, to: null }); // rows may have arrived since
  const timings: LoadTimings = { loadSeconds: 0, convertSeconds: 0, bucketSeconds: 0, rows: 0 };
  const started = performance.now();
  for (const stage of ['load', 'convert', 'bucket'] as const) progress.begin(stage, total);

  // One copy of the unit table for every task: SharedArrayBuffer memory is shared, not cloned.
  const shared = new Float64Array(new SharedArrayBuffer(c.uom.factor.byteLength));
  shared.set(c.uom.factor);
  const uom: UomTable = { ...c.uom, factor: shared };
  // A chunk that fails the load (new data version, unknown unit) stops the tasks still queued.
  const giveUp = new AbortController();
  const taskSignal = AbortSignal.any([signal, giveUp.signal]);
  setMaxListeners(0, taskSignal); // one listener per queued task, by design
  const pending = tasks.map((t) =>
    pool.run<LoadResult>(
      { kind: 'load', file: options.file, from: t.from, to: t.to, window: ROWIDS_PER_QUERY, period, uom },
      { signal: taskSignal },
    ),
  );
  // Settle them all even when one fails, so no rejection goes unhandled.
  pending.forEach((p) => p.catch(() => {}));
  let rowidsDone = 0;
  try {
    await foldInOrder();
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

  async function foldInOrder(): Promise<void> {
    for (const next of pending) {
      const chunk = await next;
      if (chunk.dataVersion !== c.dataVersion) throw new DataChangedError();
      if (chunk.missing) throw salesUnitError(c, chunk.missing.item, chunk.missing.unit);
      rowidsDone = Math.max(rowidsDone, chunk.to - 1);
      timings.rows += chunk.rows;
      timings.convertSeconds += chunk.convertSeconds;
      if (rowidsDone > total) {
        for (const stage of ['load', 'convert', 'bucket'] as const) progress.retotal(stage, rowidsDone);
      }
      progress.update('load', rowidsDone);
      progress.update('convert', rowidsDone);
      const t = performance.now();
      demand.add(chunk.item, chunk.day, chunk.period, chunk.quantity, chunk.rows);
      timings.bucketSeconds += chunk.bucketSeconds + (performance.now() - t) / 1000;
      progress.update('bucket', rowidsDone);
    }
  }
}

function salesUnitError(c: Catalogue, itemKey: number, unit: number): PipelineDataError {
  const i = c.key.indexOf(itemKey);
  if (i < 0) return new PipelineDataError(`sales refer to item #${itemKey}, which is not in the item list`);
  return unitError(c, i, unit, 'sales');
}
