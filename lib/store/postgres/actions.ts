import { samePolicy, type ServicePolicy } from '../../inventory/policy';
import type { ActionMark, ExceptionFactsRow, WorksheetCandidate, WorksheetDraftLine } from '../types';
import { bumpDataVersion, dataVersion, type Sql } from './db';

/** The exceptions inbox, the service-level policy and the worksheet's draft (../sqlite has the same, with the why). */

const RECENT_PERIODS = 4;

export async function readServicePolicy(sql: Sql): Promise<ServicePolicy | null> {
  const rows = (await sql.query<[string, string, number]>({ text: 'SELECT abc, xyz, service_level FROM service_policy', rowMode: 'array' })).rows;
  if (rows.length === 0) return null;
  const policy = { A: {}, B: {}, C: {} } as ServicePolicy;
  for (const [abc, xyz, level] of rows) policy[abc as 'A'][xyz as 'X'] = level;
  return policy;
}

/** Inside the write transaction: replaces the policy and raises the data version. */
export async function writeServicePolicy(sql: Sql, policy: ServicePolicy): Promise<number> {
  const stored = await readServicePolicy(sql);
  if (stored && samePolicy(stored, policy)) return dataVersion(sql);
  await sql.query('DELETE FROM service_policy');
  for (const [abc, row] of Object.entries(policy)) {
    for (const [xyz, level] of Object.entries(row)) await sql.query('INSERT INTO service_policy (abc, xyz, service_level) VALUES ($1, $2, $3)', [abc, xyz, level]);
  }
  return bumpDataVersion(sql);
}

export async function listActionMarks(sql: Sql): Promise<ActionMark[]> {
  const rows = (
    await sql.query<[string, string, ActionMark['state'], number | null, string, number]>({
      text: 'SELECT item_id, kind, state, until_day, marked_by, marked_at FROM action_marks ORDER BY item_id, kind',
      rowMode: 'array',
    })
  ).rows;
  return rows.map(([itemId, kind, state, untilDay, markedBy, markedAt]) => ({ itemId, kind, state, untilDay, markedBy, markedAt }));
}

export async function upsertActionMark(sql: Sql, m: ActionMark): Promise<void> {
  await sql.query(
    `INSERT INTO action_marks (item_id, kind, state, until_day, marked_by, marked_at) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (item_id, kind) DO UPDATE SET state = excluded.state, until_day = excluded.until_day,
         marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
    [m.itemId, m.kind, m.state, m.untilDay, m.markedBy, m.markedAt],
  );
}

export async function deleteActionMark(sql: Sql, itemId: string, kind: string): Promise<boolean> {
  return ((await sql.query('DELETE FROM action_marks WHERE item_id = $1 AND kind = $2', [itemId, kind])).rowCount ?? 0) > 0;
}

export async function exceptionFacts(sql: Sql, set: number): Promise<ExceptionFactsRow[]> {
  const rows = (
    await sql.query<unknown[]>({
      text: `SELECT i.item_id, i.name, i.supplier, i.base_uom, r.status, r.abc, r.on_hand, r.on_order,
                    (SELECT on_order_due FROM inventory WHERE item = i.id ORDER BY as_of DESC LIMIT 1),
                    r.lead_time_days, r.service_level, r.demand_lead_time, r.reorder_point, r.order_quantity,
                    r.excess_units, r.daily_demand,
                    substring(r.history FROM greatest(octet_length(r.history) - ${RECENT_PERIODS * 8} + 1, 1)), r.last_sale_day,
                    i.unit_cost, i.unit_price, i.holding_cost_rate
               FROM item_results r JOIN items i ON i.id = r.item
              WHERE r.result_set = $1`,
      values: [set],
      rowMode: 'array',
    })
  ).rows;
  return rows.map((r) => {
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

export async function worksheetCandidates(sql: Sql, set: number): Promise<WorksheetCandidate[]> {
  return (
    await sql.query<WorksheetCandidate>(
      `SELECT i.item_id AS "itemId", i.name, i.supplier, i.base_uom AS "baseUom", i.unit_cost AS "unitCost",
              i.moq, i.case_pack AS "casePack", r.lead_time_days AS "leadTimeDays", r.on_hand AS "onHand",
              r.on_order AS "onOrder", r.demand_lead_time AS "demandOverLeadTime", r.safety_stock AS "safetyStock",
              r.reorder_point AS "reorderPoint", r.daily_demand AS "dailyDemand", r.cycle_demand AS "cycleDemand",
              r.order_quantity AS "orderQuantity"
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = $1 AND (r.order_quantity > 0 OR i.item_id IN (SELECT item_id FROM worksheet_draft))
        ORDER BY i.supplier IS NULL, i.supplier, i.item_id`,
      [set],
    )
  ).rows;
}

export async function listDraft(sql: Sql): Promise<WorksheetDraftLine[]> {
  return (await sql.query<WorksheetDraftLine>('SELECT item_id AS "itemId", quantity, due_day AS "dueDay", updated_at AS "updatedAt" FROM worksheet_draft')).rows;
}

export async function saveDraftLine(sql: Sql, line: WorksheetDraftLine): Promise<void> {
  await sql.query(
    `INSERT INTO worksheet_draft (item_id, quantity, due_day, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (item_id) DO UPDATE SET quantity = excluded.quantity, due_day = excluded.due_day, updated_at = excluded.updated_at`,
    [line.itemId, line.quantity, line.dueDay, line.updatedAt],
  );
}

export async function clearDraft(sql: Sql): Promise<number> {
  return (await sql.query('DELETE FROM worksheet_draft')).rowCount ?? 0;
}
