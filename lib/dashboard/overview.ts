import type { Store } from '../store';
import { currentResults } from './current';
import { STATUS_ORDER } from './labels';
import type { ItemStatus, Overview, OverviewKpis, RiskItem } from './types';

const CLASSES = ['A', 'B', 'C'] as const;
const AT_RISK_SHOWN = 8;

/** KPIs, the status × ABC health matrix and the items most at risk, from the current results. */
export async function readOverview(store: Store): Promise<Overview> {
  const version = await store.dataVersion();
  const catalogueItems = await store.countItems();
  const current = await currentResults(store);
  if (!current) return { dataVersion: version, catalogueItems, results: null, kpis: null, health: null, atRisk: [] };
  const set = current.resultSet;

  const counts = STATUS_ORDER.map(() => CLASSES.map(() => 0));
  const value = STATUS_ORDER.map(() => CLASSES.map(() => 0));
  const groups = await store.reads.healthGroups(set);
  for (const g of groups) {
    const s = STATUS_ORDER.indexOf(g.status as ItemStatus);
    const c = CLASSES.indexOf(g.abc as (typeof CLASSES)[number]);
    if (s < 0 || c < 0) continue;
    counts[s]![c] = g.n;
    value[s]![c] = g.v;
  }
  const totals = await store.reads.resultTotals(set);
  const statusCount = (s: ItemStatus) => counts[STATUS_ORDER.indexOf(s)]!.reduce((a, b) => a + b, 0);
  const kpis: OverviewKpis = {
    items: totals.items,
    stockouts: statusCount('stockout'),
    atRisk: statusCount('at_risk'),
    noStock: statusCount('no_stock'),
    excessValue: totals.excessValue,
    excessItems: totals.excessItems,
    orderValue: totals.orderValue,
    accuracy: await accuracy(store, set),
  };
  const atRisk = (await store.reads.atRisk(set, AT_RISK_SHOWN)) as RiskItem[];
  return {
    dataVersion: version,
    catalogueItems,
    results: current.info,
    kpis,
    health: { statuses: [...STATUS_ORDER], classes: [...CLASSES], counts, value },
    atRisk,
  };
}

/**
 * Accuracy against naive as the geometric mean of per-item relative errors (Davydenko & Fildes'
 * AvgRelMAE): scale-free, so MASE and RMSSE items can be pooled, and not dominated by a few
 * items the way a ratio of means is.
 */
async function accuracy(store: Store, set: number): Promise<OverviewKpis['accuracy']> {
  const rows = await store.reads.errorPairs(set);
  if (rows.length === 0) return null;
  let logSum = 0;
  let beats = 0;
  const errors = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const [error, naive] = rows[i]!;
    logSum += Math.log(error / naive);
    if (error < naive) beats++;
    errors[i] = error;
  }
  errors.sort();
  const mid = errors.length >> 1;
  const medianError = errors.length % 2 ? errors[mid]! : (errors[mid - 1]! + errors[mid]!) / 2;
  return { relativeError: Math.exp(logSum / rows.length), beatsNaive: beats / rows.length, items: rows.length, medianError };
}
