import { dataVersion, type Db } from '../store';
import { currentResults } from './current';
import { STATUS_ORDER } from './labels';
import type { ItemStatus, Overview, OverviewKpis, RiskItem } from './types';

const CLASSES = ['A', 'B', 'C'] as const;
const AT_RISK_SHOWN = 8;

/** KPIs, the status × ABC health matrix and the items most at risk, from the current results. */
export function readOverview(db: Db): Overview {
  const version = dataVersion(db);
  const catalogueItems = (db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
  const current = currentResults(db);
  if (!current) return { dataVersion: version, catalogueItems, results: null, kpis: null, health: null, atRisk: [] };
  const set = current.resultSet;

  const counts = STATUS_ORDER.map(() => CLASSES.map(() => 0));
  const value = STATUS_ORDER.map(() => CLASSES.map(() => 0));
  const groups = db
    .prepare(
      `SELECT status, abc, count(*) AS n, sum(annual_value) AS v
         FROM item_results WHERE result_set = ? GROUP BY status, abc`,
    )
    .all(set) as { status: ItemStatus; abc: string; n: number; v: number }[];
  for (const g of groups) {
    const s = STATUS_ORDER.indexOf(g.status);
    const c = CLASSES.indexOf(g.abc as (typeof CLASSES)[number]);
    if (s < 0 || c < 0) continue;
    counts[s]![c] = g.n;
    value[s]![c] = g.v;
  }
  const totals = db
    .prepare(
      `SELECT count(*) AS items,
              coalesce(sum(r.excess_value), 0) AS excessValue,
              coalesce(sum(r.excess_units > 0), 0) AS excessItems,
              coalesce(sum(r.order_quantity * i.unit_cost), 0) AS orderValue
         FROM item_results r JOIN items i ON i.id = r.item WHERE r.result_set = ?`,
    )
    .get(set) as { items: number; excessValue: number; excessItems: number; orderValue: number };
  const statusCount = (s: ItemStatus) => counts[STATUS_ORDER.indexOf(s)]!.reduce((a, b) => a + b, 0);
  const kpis: OverviewKpis = {
    items: totals.items,
    stockouts: statusCount('stockout'),
    atRisk: statusCount('at_risk'),
    excessValue: totals.excessValue,
    excessItems: totals.excessItems,
    orderValue: totals.orderValue,
    accuracy: accuracy(db, set),
  };
  const atRisk = db
    .prepare(
      `SELECT i.item_id AS id, i.name, i.category, r.status, r.abc, r.on_hand AS onHand, i.base_uom AS baseUom,
              r.reorder_point AS reorderPoint, r.days_of_supply AS daysOfSupply, r.stockout_day AS stockoutDay,
              r.order_quantity AS orderQuantity, r.annual_value AS annualValue
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = ? AND r.status IN ('stockout', 'at_risk')
        ORDER BY r.status = 'stockout' DESC, coalesce(r.stockout_day, 1e12), r.annual_value DESC, i.item_id
        LIMIT ?`,
    )
    .all(set, AT_RISK_SHOWN) as RiskItem[];
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
function accuracy(db: Db, set: number): OverviewKpis['accuracy'] {
  const rows = db
    .prepare(
      `SELECT error, naive_error AS naive FROM item_results
        WHERE result_set = ? AND error IS NOT NULL AND naive_error IS NOT NULL AND error > 0 AND naive_error > 0`,
    )
    .raw()
    .all(set) as [number, number][];
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
