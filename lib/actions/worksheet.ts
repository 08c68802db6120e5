import type { WorksheetCandidate, WorksheetDraftLine } from '../store/types';

/**
 * The purchase worksheet: suggested orders grouped by supplier, each line with its arithmetic.
 * Pure: candidates and draft edits in, lines and supplier totals out.
 *
 * need = reorder point (demand over the lead time + safety stock) + demand over the order cycle
 *        − position (on hand + on order); the cycle's demand at the forecast's mean daily rate;
 * then at least the MOQ, then rounded up to whole case packs: the suggested quantity. A draft
 * edit replaces the quantity and the requested delivery day (default: as-of day + lead time).
 */
export const NO_SUPPLIER = '(no supplier)';

export interface WorksheetLine {
  itemId: string;
  name: string;
  supplier: string;
  baseUom: string;
  unitCost: number;
  demandOverLeadTime: number;
  safetyStock: number;
  reorderPoint: number;
  cycleDemand: number;
  position: number;
  need: number;
  /** After the MOQ. */
  afterMoq: number;
  moq: number;
  casePack: number;
  suggested: number;
  quantity: number;
  dueDay: number;
  edited: boolean;
  value: number;
}

export interface SupplierTotal {
  supplier: string;
  lines: number;
  quantity: number;
  value: number;
}

export interface Worksheet {
  lines: WorksheetLine[];
  suppliers: SupplierTotal[];
  total: { lines: number; value: number };
}

export function buildWorksheet(
  candidates: readonly WorksheetCandidate[],
  draft: readonly WorksheetDraftLine[],
  asOfDay: number,
  orderCycleDays: number,
): Worksheet {
  const edits = new Map(draft.map((d) => [d.itemId, d]));
  const lines: WorksheetLine[] = candidates.map((c) => {
    const position = Math.max(c.onHand, 0) + Math.max(c.onOrder, 0);
    // The engine's own figure (a season's turn within the cycle counts); the horizon's mean
    // rate only for result sets stored before it was kept.
    const cycleDemand = c.cycleDemand ?? c.dailyDemand * orderCycleDays;
    const need = Math.max(c.reorderPoint + cycleDemand - position, 0);
    const moq = c.moq !== null && c.moq > 0 ? c.moq : 0;
    const casePack = c.casePack !== null && c.casePack > 0 ? c.casePack : 1;
    const afterMoq = need > 0 ? Math.max(need, moq) : 0;
    const suggested = Math.ceil(afterMoq / casePack - 1e-9) * casePack;
    const edit = edits.get(c.itemId);
    const quantity = edit ? edit.quantity : suggested;
    return {
      itemId: c.itemId,
      name: c.name,
      supplier: c.supplier ?? NO_SUPPLIER,
      baseUom: c.baseUom,
      unitCost: c.unitCost,
      demandOverLeadTime: c.demandOverLeadTime,
      safetyStock: c.safetyStock,
      reorderPoint: c.reorderPoint,
      cycleDemand,
      position,
      need,
      afterMoq,
      moq,
      casePack,
      suggested,
      quantity,
      dueDay: edit ? edit.dueDay : asOfDay + Math.ceil(c.leadTimeDays),
      edited: edit !== undefined,
      value: quantity * c.unitCost,
    };
  });
  const bySupplier = new Map<string, SupplierTotal>();
  for (const l of lines) {
    const t = bySupplier.get(l.supplier) ?? { supplier: l.supplier, lines: 0, quantity: 0, value: 0 };
    t.lines++;
    t.quantity += l.quantity;
    t.value += l.value;
    bySupplier.set(l.supplier, t);
  }
  const suppliers = [...bySupplier.values()];
  return { lines, suppliers, total: { lines: lines.length, value: suppliers.reduce((a, s) => a + s.value, 0) } };
}
