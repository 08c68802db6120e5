import { forecastBatch, type ForecastSettings, type SharedSeasons } from '../forecast';
import { DEFAULT_HEALTH_SETTINGS, inventoryHealth } from '../inventory/health';
import { applyServicePolicy, uniformServicePolicy } from '../inventory/policy';
import { leaderboardJson } from '../store/formats';
import type { ItemResultBatch } from '../store';
import type { History } from './demand';
import type { Catalogue } from './load';
import type { Classes } from './prepare';
import type { Period } from '../inventory/periods';
import { applyOverrides, type OverrideColumns } from '../overrides/apply';

/**
 * One chunk of items, forecast on a worker: the tournament (the engine, which also gives the
 * confidence intervals and grades), inventory health, and the batch of columns the main thread
 * stores as it stands. The run's inputs are in shared memory; the task names its items only.
 */
export interface ForecastTask {
  kind: 'forecast';
  settings: ForecastSettings;
  /** The chunk: item positions in the run's order (catalogue order). */
  items: Int32Array;
  inputs: RunInputs;
}

/** Everything a chunk reads, for every item of the run, in shared memory. */
export interface RunInputs {
  catalogue: Catalogue;
  history: History;
  /** Per item: the last day with a positive sale (NaN when none). */
  lastSaleDay: Float64Array;
  classes: Classes;
  /** Per item: its category's seasonal profile (the groups' profiles pooled over the whole run). */
  seasons: SharedSeasons;
  periodDays: number;
  period: Period;
  forecastStartPeriod: number;
  forecastStartDay: number;
  asOfDay: number;
}

export interface ForecastResult {
  batch: ItemResultBatch;
  tournamentSeconds: number;
  inventorySeconds: number;
}

export function forecastChunk(task: ForecastTask): ForecastResult {
  // The chunk's own columns, its items numbered 0 … n − 1 (a decoded queue chunk is sliced already).
  const inputs = sliceInputs(task.inputs, task.items);
  const { catalogue: c, history: h, classes, seasons, lastSaleDay } = inputs;
  const { values, offsets } = h;
  const { count: n, pinned } = c;

  const started = performance.now();
  const f = forecastBatch({ values, offsets, pinned }, task.settings, undefined, seasons);
  // The analyst's overrides, after the engine: inventory below works from the final forecast.
  const statistical = new Float64Array(f.point.length);
  const overridden = new Uint8Array(n);
  applyOverrides(
    c.overrides,
    { period: inputs.period, forecastStartPeriod: inputs.forecastStartPeriod, horizon: f.horizon },
    f.point,
    [f.lower[0]!, f.upper[0]!, f.lower[1]!, f.upper[1]!],
    statistical,
    overridden,
  );
  const forecastDone = performance.now();
  const stock = { leadTimeDays: c.leadTimeDays, serviceLevel: c.serviceLevel, onHand: c.onHand, onOrder: c.onOrder, lastSaleDay };
  const { abc, xyz } = classes;
  applyServicePolicy(stock.serviceLevel, abc, xyz, c.servicePolicy ?? uniformServicePolicy(DEFAULT_HEALTH_SETTINGS.defaultServiceLevel));
  const health = inventoryHealth({
    count: f.count,
    horizon: f.horizon,
    periodDays: inputs.periodDays,
    forecastStartDay: inputs.forecastStartDay,
    asOfDay: inputs.asOfDay,
    point: f.point,
    cumulativeSigma: f.cumulativeSigma,
    ...stock,
    stockRecorded: c.stockRecorded,
    onOrderDueDay: c.onOrderDueDay,
    unitCost: c.unitCost,
    casePack: c.casePack,
    moq: c.moq,
    leadTimeSdDays: c.leadTimeSdDays,
  });
  const inventoryDone = performance.now();

  const batch: ItemResultBatch = {
    count: n,
    horizon: f.horizon,
    modelNames: f.modelNames,
    item: c.key,
    status: health.status,
    abc,
    xyz,
    onHand: stock.onHand,
    onOrder: stock.onOrder,
    leadTimeDays: stock.leadTimeDays,
    serviceLevel: stock.serviceLevel,
    lastSaleDay: stock.lastSaleDay,
    demandOverLeadTime: health.demandOverLeadTime,
    safetyStock: health.safetyStock,
    reorderPoint: health.reorderPoint,
    daysOfSupply: health.daysOfSupply,
    stockoutDay: health.stockoutDay,
    targetCover: health.targetCover,
    excessUnits: health.excessUnits,
    excessValue: health.excessValue,
    orderQuantity: health.orderQuantity,
    cycleDemand: health.cycleDemand,
    dailyDemand: health.dailyDemand,
    annualValue: classes.annualValue,
    cv: classes.cv,
    model: f.model,
    error: f.error,
    errorKind: f.errorKind,
    naiveError: f.naiveError,
    grade: f.grade,
    seasonal: f.seasonal,
    historyStart: h.start,
    history: values,
    fitted: f.fitted,
    historyOffsets: offsets,
    point: f.point,
    lo80: f.lower[0]!,
    hi80: f.upper[0]!,
    lo95: f.lower[1]!,
    hi95: f.upper[1]!,
    sigma: f.cumulativeSigma,
    projected: health.projectedOnHand,
    statistical,
    overridden,
    leaderboard: Array.from({ length: n }, (_, j) =>
      leaderboardJson(
        f.modelNames,
        f.leaderboardModel,
        f.leaderboardError,
        f.leaderboardOffsets[j]!,
        f.leaderboardOffsets[j + 1]!,
        // The engine honours a pin only where the model could be fitted: then it is the winner.
        f.model[j] === pinned[j] ? pinned[j] : -1,
      ),
    ),
  };
  return {
    batch,
    tournamentSeconds: (forecastDone - started) / 1000,
    inventorySeconds: (inventoryDone - forecastDone) / 1000,
  };
}

/** The overrides of a chunk's items, with `item` as the row in the chunk. */
function chunkOverrides(all: OverrideColumns, items: Int32Array): OverrideColumns {
  const row = new Map<number, number>();
  items.forEach((i, j) => row.set(i, j));
  const picked: number[] = [];
  for (let k = 0; k < all.count; k++) if (row.has(all.item[k]!)) picked.push(k);
  return {
    count: picked.length,
    item: Int32Array.from(picked, (k) => row.get(all.item[k]!)!),
    startDay: Int32Array.from(picked, (k) => all.startDay[k]!),
    lastDay: Int32Array.from(picked, (k) => all.lastDay[k]!),
    kind: Uint8Array.from(picked, (k) => all.kind[k]!),
    value: Float64Array.from(picked, (k) => all.value[k]!),
  };
}

/**
 * The run's inputs cut down to the chunk's items, in their order: every per-item column picked,
 * the overrides renumbered, the shared season profiles whole. The engine and inventory are per
 * item, so a chunk computed from its slice equals the same chunk computed from the whole.
 */
export function sliceInputs(inputs: RunInputs, items: Int32Array): RunInputs {
  const f64 = (column: Float64Array) => Float64Array.from(items, (i) => column[i]!);
  const i32 = (column: Int32Array) => Int32Array.from(items, (i) => column[i]!);
  const u8 = (column: Uint8Array) => Uint8Array.from(items, (i) => column[i]!);
  const { catalogue: c, history: h, classes, seasons } = inputs;
  const n = items.length;
  const offsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) offsets[j + 1] = offsets[j]! + h.offsets[items[j]! + 1]! - h.offsets[items[j]!]!;
  const values = new Float64Array(offsets[n]!);
  for (let j = 0; j < n; j++) values.set(h.values.subarray(h.offsets[items[j]!]!, h.offsets[items[j]! + 1]!), offsets[j]!);
  return {
    ...inputs,
    catalogue: {
      ...c,
      count: n,
      key: i32(c.key),
      unitCost: f64(c.unitCost),
      leadTimeDays: f64(c.leadTimeDays),
      serviceLevel: f64(c.serviceLevel),
      moq: f64(c.moq),
      casePack: f64(c.casePack),
      leadTimeSdDays: f64(c.leadTimeSdDays),
      onHand: f64(c.onHand),
      onOrder: f64(c.onOrder),
      onOrderDueDay: f64(c.onOrderDueDay),
      stockAsOf: f64(c.stockAsOf),
      stockRecorded: u8(c.stockRecorded),
      // Unit conversion is done before chunks exist.
      uom: { itemSlots: 0, unitSlots: 0, factor: new Float64Array(0) },
      categoryGroup: i32(c.categoryGroup),
      overrides: chunkOverrides(c.overrides, items),
      overridesWithoutItem: [],
      pinned: i32(c.pinned),
    },
    history: { values, offsets, start: i32(h.start) },
    lastSaleDay: f64(inputs.lastSaleDay),
    classes: { abc: u8(classes.abc), xyz: u8(classes.xyz), annualValue: f64(classes.annualValue), cv: f64(classes.cv) },
    seasons: {
      profiles: Float64Array.from(seasons.profiles),
      group: i32(seasons.group),
      phase: i32(seasons.phase),
      ...(seasons.year && { year: { length: seasons.year.length, profiles: Float64Array.from(seasons.year.profiles), phase: i32(seasons.year.phase) } }),
    },
  };
}
