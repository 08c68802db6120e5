import type { CurrentRun, ItemFactsRow, ItemTableRow, RiskRow, RunOrigin } from '../types';
import type { Sql } from './db';
import { sqliteSum } from './sums';

/**
 * The SQL behind the dashboard's read models, as in ../sqlite/reads.ts. Sums of doubles are made
 * as SQLite makes them, over the values in item order (see sums.ts), so both stores agree.
 */

export async function currentRun(sql: Sql): Promise<CurrentRun | null> {
  const row = (
    await sql.query<{ id: string; origin: RunOrigin; started_at: number; ended_at: number; data_version: number; result_set: number; meta: string }>(
      `SELECT r.id, r.origin, r.started_at, r.ended_at, r.data_version, r.result_set, s.meta
         FROM runs r JOIN result_sets s ON s.id = r.result_set AND s.complete = 1
        WHERE r.status = 'completed' ORDER BY r.ended_at DESC, r.id DESC LIMIT 1`,
    )
  ).rows[0];
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

export async function healthGroups(sql: Sql, set: number): Promise<{ status: string; abc: string; n: number; v: number }[]> {
  const { rows } = await sql.query<{ status: string; abc: string; n: number; v: number[] }>(
    `SELECT status, abc, count(*) AS n, array_agg(annual_value ORDER BY item) AS v
       FROM item_results WHERE result_set = $1 GROUP BY status, abc ORDER BY status, abc`,
    [set],
  );
  return rows.map((r) => ({ status: r.status, abc: r.abc, n: r.n, v: sqliteSum(r.v) }));
}

export async function resultTotals(sql: Sql, set: number): Promise<{ items: number; excessValue: number; excessItems: number; orderValue: number }> {
  const row = (
    await sql.query<{ items: number; excess: number[] | null; excessItems: number; order: number[] | null }>(
      `SELECT count(*) AS items,
              array_agg(r.excess_value ORDER BY r.item) AS excess,
              count(*) FILTER (WHERE r.excess_units > 0) AS "excessItems",
              array_agg(r.order_quantity * i.unit_cost ORDER BY r.item) AS order
         FROM item_results r JOIN items i ON i.id = r.item WHERE r.result_set = $1`,
      [set],
    )
  ).rows[0]!;
  return { items: row.items, excessValue: sqliteSum(row.excess), excessItems: row.excessItems, orderValue: sqliteSum(row.order) };
}

export async function atRisk(sql: Sql, set: number, limit: number): Promise<RiskRow[]> {
  return (
    await sql.query<RiskRow>(
      `SELECT i.item_id AS id, i.name, i.category, r.status, r.abc, r.on_hand AS "onHand", i.base_uom AS "baseUom",
              r.reorder_point AS "reorderPoint", r.days_of_supply AS "daysOfSupply", r.stockout_day AS "stockoutDay",
              r.order_quantity AS "orderQuantity", r.annual_value AS "annualValue"
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = $1 AND r.status IN ('stockout', 'at_risk')
        ORDER BY r.status = 'stockout' DESC, coalesce(r.stockout_day, 1e12), r.annual_value DESC, i.item_id
        LIMIT $2`,
      [set, limit],
    )
  ).rows;
}

export async function errorPairs(sql: Sql, set: number): Promise<[number, number][]> {
  return (
    await sql.query<[number, number]>({
      text: `SELECT error, naive_error FROM item_results
              WHERE result_set = $1 AND error IS NOT NULL AND naive_error IS NOT NULL AND error > 0 AND naive_error > 0
              ORDER BY item`,
      values: [set],
      rowMode: 'array',
    })
  ).rows;
}

export async function itemTable(sql: Sql, set: number): Promise<ItemTableRow[]> {
  return (
    await sql.query<ItemTableRow>({
      text: `SELECT i.item_id, i.name, i.category, i.base_uom, r.status, r.abc, r.xyz, r.confidence, r.model,
                    r.on_hand, r.on_order, r.reorder_point, r.days_of_supply, r.stockout_day, r.order_quantity,
                    r.excess_value, r.annual_value, r.error, (r.statistical IS NOT NULL)::int,
                    (position('"pinned":true' in r.leaderboard) > 0)::int
               FROM item_results r JOIN items i ON i.id = r.item
              WHERE r.result_set = $1 ORDER BY i.item_id`,
      values: [set],
      rowMode: 'array',
    })
  ).rows;
}

export async function itemCodes(sql: Sql, keys: readonly number[]): Promise<string[]> {
  const rows = (await sql.query<{ item_id: string }>('SELECT item_id FROM items WHERE id = ANY($1::int[])', [keys])).rows;
  return rows.map((row) => row.item_id).sort();
}

export async function itemFacts(sql: Sql, itemId: string): Promise<ItemFactsRow | null> {
  const item = (
    await sql.query<Omit<ItemFactsRow, 'factors' | 'stock'>>(
      `SELECT id, item_id AS "itemId", name, category, base_uom AS "baseUom", unit_cost AS "unitCost",
              lead_time_days AS "leadTimeDays", service_level AS "serviceLevel", moq, case_pack AS "casePack"
         FROM items WHERE item_id = $1`,
      [itemId],
    )
  ).rows[0];
  if (!item) return null;
  const factors = (
    await sql.query<ItemFactsRow['factors'][number]>(
      `SELECT u.code AS uom, f.factor, f.item FROM uom_factors f JOIN uom_codes u ON u.id = f.uom
        WHERE f.item IN (0, $1) ORDER BY f.item DESC, f.factor`,
      [item.id],
    )
  ).rows;
  const stock = (
    await sql.query<NonNullable<ItemFactsRow['stock']>>(
      `SELECT inv.on_hand AS "onHand", inv.on_order AS "onOrder", u.code AS uom, inv.as_of AS "asOfDay",
              inv.on_order_due AS "onOrderDueDay"
         FROM inventory inv JOIN uom_codes u ON u.id = inv.uom
        WHERE inv.item = $1 ORDER BY inv.as_of DESC LIMIT 1`,
      [item.id],
    )
  ).rows[0];
  return { ...item, factors, stock: stock ?? null };
}

export async function salesSummary(sql: Sql): Promise<{ rows: number; firstDay: number | null; lastDay: number | null }> {
  return (
    await sql.query<{ rows: number; firstDay: number | null; lastDay: number | null }>(
      'SELECT count(*) AS rows, min(day) AS "firstDay", max(day) AS "lastDay" FROM sales',
    )
  ).rows[0]!;
}

/** The data version less the raises made by event commits (see lib/events/catalog.ts). */
export async function othersVersion(sql: Sql): Promise<number> {
  return (
    await sql.query<{ v: number }>(
      `SELECT (SELECT value FROM meta WHERE key = 'data_version') - (SELECT value FROM meta WHERE key = 'events_bumps') AS v`,
    )
  ).rows[0]!.v;
}

export async function eventResponse(sql: Sql, key: string): Promise<string | undefined> {
  return (await sql.query<{ response: string }>('SELECT response FROM event_requests WHERE key = $1', [key])).rows[0]?.response;
}
