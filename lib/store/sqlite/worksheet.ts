import type { WorksheetCandidate, WorksheetDraftLine } from '../types';
import type { Db } from './db';

/** Items with a suggested order in a result set, and items with a draft line, by supplier and code. */
export function worksheetCandidates(db: Db, set: number): WorksheetCandidate[] {
  return db
    .prepare(
      `SELECT i.item_id AS itemId, i.name, i.supplier, i.base_uom AS baseUom, i.unit_cost AS unitCost,
              i.moq, i.case_pack AS casePack, r.lead_time_days AS leadTimeDays, r.on_hand AS onHand,
              r.on_order AS onOrder, r.demand_lead_time AS demandOverLeadTime, r.safety_stock AS safetyStock,
              r.reorder_point AS reorderPoint, r.daily_demand AS dailyDemand, r.cycle_demand AS cycleDemand,
              r.order_quantity AS orderQuantity
         FROM item_results r JOIN items i ON i.id = r.item
        WHERE r.result_set = ? AND (r.order_quantity > 0 OR i.item_id IN (SELECT item_id FROM worksheet_draft))
        ORDER BY i.supplier IS NULL, i.supplier, i.item_id`,
    )
    .all(set) as WorksheetCandidate[];
}

export function listDraft(db: Db): WorksheetDraftLine[] {
  return db.prepare('SELECT item_id AS itemId, quantity, due_day AS dueDay, updated_at AS updatedAt FROM worksheet_draft').all() as WorksheetDraftLine[];
}

export function saveDraftLine(db: Db, line: WorksheetDraftLine): void {
  db.prepare(
    `INSERT INTO worksheet_draft (item_id, quantity, due_day, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET quantity = excluded.quantity, due_day = excluded.due_day, updated_at = excluded.updated_at`,
  ).run(line.itemId, line.quantity, line.dueDay, line.updatedAt);
}

/** Resolves with how many draft lines there were. */
export function clearDraft(db: Db): number {
  return db.prepare('DELETE FROM worksheet_draft').run().changes;
}
