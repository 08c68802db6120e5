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
  const { items, inputs } = task;
  const { history: h, catalogue: c, classes } = inputs;
  const n = items.length;
  const offsets = new Int32Array(n + 1);
  for (let j = 0; j < n; j++) offsets[j + 1] = offsets[j]! + h.offsets[items[j]! + 1]! - h.offsets[items[j]!]!;
  const values = new Float64Array(offsets[n]!);
  for (let j = 0; j < n; j++) {
    const i = items[j]!;
    values.set(h.values.subarray(h.offsets[i]!, h.offsets[i + 1]!), offsets[j]!);
  }
  const pick = (column: Float64Array) => Float64Array.from(items, (i) => column[i]!);
  const pickU = (column: Uint8Array) => Uint8Array.from(items, (i) => column[i]!);

  const started = performance.now();
  const { seasons } = inputs;
  const shared = { profiles: seasons.profiles, group: Int32Array.from(items, (i) => seasons.group[i]!), phase: Int32Array.from(items, (i) => seasons.phase[i]!) };
  const pinned = Int32Array.from(items, (i) => c.pinned[i]!);
  const f = forecastBatch({ values, offsets, pinned }, task.settings, undefined, shared);
  // The analyst's overrides, after the engine: inventory below works from the final forecast.
  const statistical = new Float64Array(f.point.length);
  const overridden = new Uint8Array(n);
  applyOverrides(
    chunkOverrides(c.overrides, items),
    { period: inputs.period, forecastStartPeriod: inputs.forecastStartPeriod, horizon: f.horizon },
    f.point,
    [f.lower[0]!, f.upper[0]!, f.lower[1]!, f.upper[1]!],
    statistical,
    overridden,
  );
  const forecastDone = performance.now();
  const stock = {
    leadTimeDays: pick(c.leadTimeDays),
    serviceLevel: pick(c.serviceLevel),
    onHand: pick(c.onHand),
    onOrder: pick(c.onOrder),
    lastSaleDay: pick(inputs.lastSaleDay),
  };
  const abc = pickU(classes.abc);
  const xyz = pickU(classes.xyz);
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
    onOrderDueDay: pick(c.onOrderDueDay),
    unitCost: pick(c.unitCost),
    casePack: pick(c.casePack),
    moq: pick(c.moq),
    leadTimeSdDays: pick(c.leadTimeSdDays),
  });
  const inventoryDone = performance.now();

  const batch: ItemResultBatch = {
    count: n,
    horizon: f.horizon,
    modelNames: f.modelNames,
    item: Int32Array.from(items, (i) => c.key[i]!),
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
    dailyDemand: health.dailyDemand,
    annualValue: pick(classes.annualValue),
    cv: pick(classes.cv),
    model: f.model,
    error: f.error,
    errorKind: f.errorKind,
    naiveError: f.naiveError,
    grade: f.grade,
    seasonal: f.seasonal,
    historyStart: Int32Array.from(items, (i) => h.start[i]!),
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
export function chunkOverrides(all: OverrideColumns, items: Int32Array): OverrideColumns {
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
