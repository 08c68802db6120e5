import type { ExceptionFactsRow } from '../types';
import type { Db } from './db';

const RECENT_PERIODS = 4;

/**
 * What the exceptions inbox ranks, for every item of a result set: its results, its supplier and
 * prices, the due day of its latest stock record and its last `RECENT_PERIODS` history values
 * (the tail of the history BLOB: float64 little-endian).
 */
export function exceptionFacts(db: Db, set: number): ExceptionFactsRow[] {
  const rows = db
    .prepare(
      `SELECT i.item_id, i.name, i.supplier, i.base_uom, r.status, r.abc, r.on_hand, r.on_order,
              (SELECT on_order_due FROM inventory WHERE item = i.id ORDER BY as_of DESC LIMIT 1),
              r.lead_time_days, r.service_level, r.demand_lead_time, r.reorder_point, r.order_quantity,
              r.excess_units, r.daily_demand, substr(r.history, -${RECENT_PERIODS * 8}), r.last_sale_day,
              i.unit_cost, i.unit_price, i.holding_cost_rate
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = ?`,
    )
    .raw()
    .all(set) as unknown[][];
  return rows.map((r) => {
    // An empty history comes back as NULL.
    const tail = r[16] as Buffer | null;
    const recent: number[] = [];
    for (let at = 0; tail && at + 8 <= tail.length; at += 8) recent.push(tail.readDoubleLE(at));
    return {
      itemId: r[0] as string,
      name: r[1] as string,
      supplier: r[2] as string | null,
      baseUom: r[3] as string,
      status: r[4] as string,
      abc: r[5] as string,
      onHand: r[6] as number,
      onOrder: r[7] as number,
      dueDay: r[8] as number | null,
      leadTimeDays: r[9] as number,
      serviceLevel: r[10] as number,
      demandOverLeadTime: r[11] as number,
      reorderPoint: r[12] as number,
      orderQuantity: r[13] as number,
      excessUnits: r[14] as number,
      dailyDemand: r[15] as number,
      recentPeriods: recent,
      lastSaleDay: r[17] as number | null,
      unitCost: r[18] as number,
      unitPrice: r[19] as number | null,
      holdingCostRate: r[20] as number | null,
    };
  });
}
