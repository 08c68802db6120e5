import type { CurrentRun, ItemFactsRow, ItemTableRow, RiskRow, RunOrigin } from '../types';
import type { Db } from './db';

/**
 * The SQL behind the dashboard's read models (lib/dashboard shapes what these return). Sums of
 * doubles add in item order, as PostgreSQL's do, so both stores give the same last digits.
 */

export function currentRun(db: Db): CurrentRun | null {
  const row = db
    .prepare(
      `SELECT r.id, r.origin, r.started_at, r.ended_at, r.data_version, r.result_set, s.meta
         FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
        WHERE r.status = 'completed' ORDER BY r.ended_at DESC, r.id DESC LIMIT 1`,
    )
    .get() as
    | { id: string; origin: RunOrigin; started_at: number; ended_at: number; data_version: number; result_set: number; meta: string }
    | undefined;
  if (!row) return null;
  return {
    runId: row.id,
    origin: row.origin,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    dataVersion: row.data_version,
    resultSet: row.result_set,
    meta: JSON.parse(row.meta),
  };
}

export function healthGroups(db: Db, set: number): { status: string; abc: string; n: number; v: number }[] {
  return db
    .prepare(
      `SELECT status, abc, count(*) AS n, sum(annual_value ORDER BY item) AS v
         FROM item_results WHERE result_set = ? GROUP BY status, abc`,
    )
    .all(set) as { status: string; abc: string; n: number; v: number }[];
}

export function resultTotals(db: Db, set: number): { items: number; excessValue: number; excessItems: number; orderValue: number } {
  return db
    .prepare(
      `SELECT count(*) AS items,
              coalesce(sum(r.excess_value ORDER BY r.item), 0) AS excessValue,
              coalesce(sum(r.excess_units > 0), 0) AS excessItems,
              coalesce(sum(r.order_quantity * i.unit_cost ORDER BY r.item), 0) AS orderValue
         FROM item_results r JOIN items i ON i.id = r.item WHERE r.result_set = ?`,
    )
    .get(set) as { items: number; excessValue: number; excessItems: number; orderValue: number };
}

export function atRisk(db: Db, set: number, limit: number): RiskRow[] {
  return db
    .prepare(
      `SELECT i.item_id AS id, i.name, i.category, r.status, r.abc, r.on_hand AS onHand, i.base_uom AS baseUom,
              r.reorder_point AS reorderPoint, r.days_of_supply AS daysOfSupply, r.stockout_day AS stockoutDay,
              r.order_quantity AS orderQuantity, r.annual_value AS annualValue
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = ? AND r.status IN ('stockout', 'at_risk')
        ORDER BY r.status = 'stockout' DESC, coalesce(r.stockout_day, 1e12), r.annual_value DESC, i.item_id
        LIMIT ?`,
    )
    .all(set, limit) as RiskRow[];
}

export function errorPairs(db: Db, set: number): [number, number][] {
  return db
    .prepare(
      `SELECT error, naive_error AS naive FROM item_results
        WHERE result_set = ? AND error IS NOT NULL AND naive_error IS NOT NULL AND error > 0 AND naive_error > 0
        ORDER BY item`,
    )
    .raw()
    .all(set) as [number, number][];
}

export function itemTable(db: Db, set: number): Iterable<ItemTableRow> {
  return db
    .prepare(
      `SELECT i.item_id, i.name, i.category, i.base_uom, r.status, r.abc, r.xyz, r.confidence, r.model,
              r.on_hand, r.on_order, r.reorder_point, r.days_of_supply, r.stockout_day, r.order_quantity,
              r.excess_value, r.annual_value, r.error, r.statistical IS NOT NULL,
              instr(r.leaderboard, '"pinned":true') > 0
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = ? ORDER BY i.item_id`,
    )
    .raw()
    .iterate(set) as IterableIterator<ItemTableRow>;
}

export function itemCodes(db: Db, keys: readonly number[]): string[] {
  const codes = db
    .prepare('SELECT item_id FROM items WHERE id IN (SELECT value FROM json_each(?))')
    .pluck()
    .all(JSON.stringify(keys)) as string[];
  return codes.sort();
}

export function itemFacts(db: Db, itemId: string): ItemFactsRow | null {
  const item = db
    .prepare(
      `SELECT id, item_id AS itemId, name, category, base_uom AS baseUom, unit_cost AS unitCost,
              lead_time_days AS leadTimeDays, service_level AS serviceLevel, moq, case_pack AS casePack
         FROM items WHERE item_id = ?`,
    )
    .get(itemId) as Omit<ItemFactsRow, 'factors' | 'stock'> | undefined;
  if (!item) return null;
  const factors = db
    .prepare(
      `SELECT u.code AS uom, f.factor, f.item FROM uom_factors f JOIN uom_codes u ON u.id = f.uom
        WHERE f.item IN (0, ?) ORDER BY f.item DESC, f.factor`,
    )
    .all(item.id) as ItemFactsRow['factors'];
  const stock = db
    .prepare(
      `SELECT inv.on_hand AS onHand, inv.on_order AS onOrder, u.code AS uom, inv.as_of AS asOfDay,
              inv.on_order_due AS onOrderDueDay
         FROM inventory inv JOIN uom_codes u ON u.id = inv.uom
        WHERE inv.item = ? ORDER BY inv.as_of DESC LIMIT 1`,
    )
    .get(item.id) as ItemFactsRow['stock'] | undefined;
  return { ...item, factors, stock: stock ?? null };
}

export function tableCounts(db: Db): { items: number; stockRecords: number; unitFactors: number } {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { items: count('items'), stockRecords: count('inventory'), unitFactors: count('uom_factors') };
}

/** One pass over the sales table (it has no index: written in bulk, read in full by the pipeline). */
export function salesSummary(db: Db): { rows: number; firstDay: number | null; lastDay: number | null } {
  return db.prepare('SELECT count(*) AS rows, min(day) AS firstDay, max(day) AS lastDay FROM sales').get() as {
    rows: number;
    firstDay: number | null;
    lastDay: number | null;
  };
}

export function describeUnit(db: Db, itemKey: number, unit: number): { item: { itemId: string; baseUom: string } | null; unitCode: string } {
  const item = db.prepare('SELECT item_id AS itemId, base_uom AS baseUom FROM items WHERE id = ?').get(itemKey) as
    | { itemId: string; baseUom: string }
    | undefined;
  const code = db.prepare('SELECT code FROM uom_codes WHERE id = ?').pluck().get(unit) as string | undefined;
  return { item: item ?? null, unitCode: code ?? `#${unit}` };
}

export function othersVersion(db: Db): number {
  return db
    .prepare(
      `SELECT (SELECT value FROM meta WHERE key = 'data_version')
            - coalesce((SELECT value FROM meta WHERE key = 'events_bumps'), 0)`,
    )
    .pluck()
    .get() as number;
}

export function eventResponse(db: Db, key: string): string | undefined {
  return db.prepare('SELECT response FROM event_requests WHERE key = ?').pluck().get(key) as string | undefined;
}
