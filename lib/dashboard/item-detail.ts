import { periodStart } from '../inventory/periods';
import { dataVersion, type Db } from '../store';
import { readItemResult } from '../store/results';
import { currentResults } from './current';
import { explainTournament } from './tournament';
import type { ItemDetail, ItemFacts, ItemForecast, ItemStatus } from './types';

/** Chart values: two decimals are finer than any chart shows; NaN (no value) → null. */
const series = (values: Float64Array): (number | null)[] =>
  Array.from(values, (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null));

/** The item's catalogue facts, or null when there is no item with that code. */
export function readItemFacts(db: Db, itemId: string): ItemFacts | null {
  const item = db
    .prepare(
      `SELECT id, item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack
         FROM items WHERE item_id = ?`,
    )
    .get(itemId) as
    | {
        id: number;
        item_id: string;
        name: string;
        category: string;
        base_uom: string;
        unit_cost: number;
        lead_time_days: number;
        service_level: number | null;
        moq: number | null;
        case_pack: number | null;
      }
    | undefined;
  if (!item) return null;
  // An item's own factor overrides the all-items one for the same unit.
  const factors = db
    .prepare(
      `SELECT u.code AS uom, f.factor, f.item FROM uom_factors f JOIN uom_codes u ON u.id = f.uom
        WHERE f.item IN (0, ?) ORDER BY f.item DESC, f.factor`,
    )
    .all(item.id) as { uom: string; factor: number; item: number }[];
  const uoms: ItemFacts['uoms'] = [];
  for (const f of factors) {
    if (f.uom === item.base_uom || uoms.some((u) => u.uom === f.uom)) continue;
    uoms.push({ uom: f.uom, factor: f.factor, scope: f.item === 0 ? 'all' : 'item' });
  }
  uoms.sort((a, b) => a.factor - b.factor);
  const stock = db
    .prepare(
      `SELECT inv.on_hand AS onHand, inv.on_order AS onOrder, u.code AS uom, inv.as_of AS asOfDay,
              inv.on_order_due AS onOrderDueDay
         FROM inventory inv JOIN uom_codes u ON u.id = inv.uom
        WHERE inv.item = ? ORDER BY inv.as_of DESC LIMIT 1`,
    )
    .get(item.id) as ItemFacts['stock'] | undefined;
  return {
    id: item.item_id,
    name: item.name,
    category: item.category,
    baseUom: item.base_uom,
    unitCost: item.unit_cost,
    leadTimeDays: item.lead_time_days,
    serviceLevel: item.service_level,
    moq: item.moq,
    casePack: item.case_pack,
    uoms,
    stock: stock ?? null,
  };
}

/** Facts, forecast series, leaderboard and inventory figures of one item; null: no such item. */
export function readItemDetail(db: Db, itemId: string): ItemDetail | null {
  const facts = readItemFacts(db, itemId);
  if (!facts) return null;
  const current = currentResults(db);
  const result = current ? readItemResult(db, current.resultSet, itemId) : null;
  let forecast: ItemForecast | null = null;
  if (current && result) {
    const { period, forecastStartPeriod } = current.meta;
    const start = result.historyStart ?? forecastStartPeriod - result.history.length;
    forecast = {
      results: current.info,
      status: result.status as ItemStatus,
      abc: result.abc,
      xyz: result.xyz,
      confidence: result.confidence,
      model: result.model,
      error: result.error,
      errorKind: result.errorKind === 'rmsse' ? 'rmsse' : 'mase',
      naiveError: result.naiveError,
      seasonal: result.seasonal,
      onHand: result.onHand,
      onOrder: result.onOrder,
      serviceLevel: result.serviceLevel,
      demandOverLeadTime: result.demandOverLeadTime,
      safetyStock: result.safetyStock,
      reorderPoint: result.reorderPoint,
      daysOfSupply: result.daysOfSupply,
      stockoutDay: result.stockoutDay,
      targetCover: result.targetCover,
      excessUnits: result.excessUnits,
      excessValue: result.excessValue,
      orderQuantity: result.orderQuantity,
      dailyDemand: result.dailyDemand,
      annualValue: result.annualValue,
      lastSaleDay: result.lastSaleDay,
      historyDay: Array.from(result.history, (_, k) => periodStart(period, start + k)),
      history: series(result.history),
      fitted: series(result.fitted),
      forecastDay: Array.from(result.point, (_, k) => periodStart(period, forecastStartPeriod + k)),
      point: series(result.point),
      lo80: series(result.lo80),
      hi80: series(result.hi80),
      lo95: series(result.lo95),
      hi95: series(result.hi95),
      projected: series(result.projected),
      ...explainTournament(result.leaderboard, result.model, result.errorKind === 'rmsse', result.seasonal),
    };
  }
  return { dataVersion: dataVersion(db), item: facts, forecast };
}
