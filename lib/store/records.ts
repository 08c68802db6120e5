import type { ItemResult, RunOrigin, RunRecord, RunStatus } from './types';

/** Stored rows of runs and item results as both implementations return them, and their decoding. */

export interface RunRow {
  id: string;
  key: string;
  data_version: number;
  params: string;
  origin: RunOrigin;
  status: RunStatus;
  started_at: number;
  ended_at: number | null;
  items_done: number;
  items_total: number;
  result_set: number | null;
  resumed_from: string | null;
  pid: number;
  host: string;
  error: string | null;
  summary: string | null;
}

export function toRunRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    key: row.key,
    dataVersion: row.data_version,
    params: JSON.parse(row.params),
    origin: row.origin,
    status: row.status,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    itemsDone: row.items_done,
    itemsTotal: row.items_total,
    resultSet: row.result_set,
    resumedFrom: row.resumed_from,
    pid: row.pid,
    host: row.host,
    error: row.error,
    summary: row.summary === null ? null : JSON.parse(row.summary),
  };
}

function floats(buffer: Buffer | null): Float64Array {
  if (!buffer) return new Float64Array(0);
  return new Float64Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
}

export type StoredRow = Record<string, unknown>;

export function toItemResult(row: StoredRow): ItemResult {
  return {
    itemKey: row.item as number,
    itemId: row.item_id as string,
    name: row.name as string,
    category: row.category as string,
    status: row.status as string,
    abc: row.abc as string,
    xyz: row.xyz as string,
    onHand: row.on_hand as number,
    onOrder: row.on_order as number,
    leadTimeDays: row.lead_time_days as number,
    serviceLevel: row.service_level as number,
    lastSaleDay: row.last_sale_day as number | null,
    demandOverLeadTime: row.demand_lead_time as number,
    safetyStock: row.safety_stock as number,
    reorderPoint: row.reorder_point as number,
    daysOfSupply: row.days_of_supply as number | null,
    stockoutDay: row.stockout_day as number | null,
    targetCover: row.target_cover as number,
    excessUnits: row.excess_units as number,
    excessValue: row.excess_value as number,
    orderQuantity: row.order_quantity as number,
    dailyDemand: row.daily_demand as number,
    annualValue: row.annual_value as number,
    cv: row.cv as number | null,
    model: row.model as string,
    error: row.error as number | null,
    errorKind: row.error_kind as string,
    naiveError: row.naive_error as number | null,
    confidence: row.confidence as string,
    seasonal: row.seasonal === 1,
    historyStart: row.history_start as number | null,
    history: floats(row.history as Buffer),
    fitted: floats(row.fitted as Buffer),
    point: floats(row.point as Buffer),
    lo80: floats(row.lo80 as Buffer),
    hi80: floats(row.hi80 as Buffer),
    lo95: floats(row.lo95 as Buffer),
    hi95: floats(row.hi95 as Buffer),
    sigma: floats(row.sigma as Buffer),
    projected: floats(row.projected as Buffer),
    leaderboard: JSON.parse(row.leaderboard as string),
    statistical: floats(row.statistical as Buffer | null),
  };
}

