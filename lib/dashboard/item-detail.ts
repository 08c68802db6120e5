import { outlierPeriods, promotionPeriods } from '../forecast';
import { periodStart, type Period } from '../inventory/periods';
import { SEASON } from '../pipeline/params';
import type { Store } from '../store';
import { currentResults } from './current';
import { explainTournament } from './tournament';
import type { ItemDetail, ItemFacts, ItemForecast, ItemStatus } from './types';

/** Chart values: two decimals are finer than any chart shows; NaN (no value) → null. */
const series = (values: Float64Array): (number | null)[] =>
  Array.from(values, (x) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : null));

/** The history period the engine sets aside as a quantity typed wrong, as the item page shows it. */
function outlierOf(history: Float64Array, period: Period, start: number): ItemForecast['outlier'] {
  const { at, typical } = outlierPeriods(history, Int32Array.of(0, history.length));
  if (at[0]! < 0) return null;
  return { day: periodStart(period, start + at[0]!), demand: history[at[0]!]!, typical: typical[0]! };
}

/** The item's catalogue facts, or null when there is no item with that code. */
export async function readItemFacts(store: Store, itemId: string): Promise<ItemFacts | null> {
  const item = await store.reads.itemFacts(itemId);
  if (!item) return null;
  // An item's own factor overrides the all-items one for the same unit.
  const factors = item.factors;
  const uoms: ItemFacts['uoms'] = [];
  for (const f of factors) {
    if (f.uom === item.baseUom || uoms.some((u) => u.uom === f.uom)) continue;
    uoms.push({ uom: f.uom, factor: f.factor, scope: f.item === 0 ? 'all' : 'item' });
  }
  uoms.sort((a, b) => a.factor - b.factor);
  return {
    id: item.itemId,
    name: item.name,
    category: item.category,
    baseUom: item.baseUom,
    unitCost: item.unitCost,
    leadTimeDays: item.leadTimeDays,
    serviceLevel: item.serviceLevel,
    moq: item.moq,
    casePack: item.casePack,
    uoms,
    stock: item.stock,
  };
}

/** Facts, forecast series, leaderboard and inventory figures of one item; null: no such item. */
export async function readItemDetail(store: Store, itemId: string): Promise<ItemDetail | null> {
  const dataVersion = await store.dataVersion();
  const facts = await readItemFacts(store, itemId);
  if (!facts) return null;
  const current = await currentResults(store);
  const result = current ? await store.results.readItem(current.resultSet, itemId) : null;
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
      outlier: outlierOf(result.history, period, start),
      promotionDays: promotionPeriods(result.history, SEASON[period], current.meta.pool?.cleanPromotions).map((k) => periodStart(period, start + k)),
      forecastDay: Array.from(result.point, (_, k) => periodStart(period, forecastStartPeriod + k)),
      point: series(result.point),
      statistical: result.statistical.length > 0 ? series(result.statistical) : null,
      lo80: series(result.lo80),
      hi80: series(result.hi80),
      lo95: series(result.lo95),
      hi95: series(result.hi95),
      projected: series(result.projected),
      ...explainTournament(result.leaderboard, result.model, result.errorKind === 'rmsse', result.seasonal, current.meta.pool),
    };
  }
  return { dataVersion, item: facts, forecast };
}
