import type { ExceptionFacts } from '@/lib/actions/exceptions';

/** The as-of day of the constructed items: 20400 = 2025-11-08 (UTC). */
export const AS_OF = 20400;

/** A healthy item (21 days of lead time, 50 units of demand over it) with `over` changed. */
export function facts(over: Partial<ExceptionFacts>): ExceptionFacts {
  return {
    itemId: 'X',
    name: 'Item',
    supplier: null,
    baseUom: 'EA',
    status: 'healthy',
    abc: 'A',
    onHand: 100,
    onOrder: 0,
    dueDay: null,
    leadTimeDays: 21,
    serviceLevel: 0.95,
    demandOverLeadTime: 50,
    reorderPoint: 60,
    orderQuantity: 0,
    excessUnits: 0,
    dailyDemand: 50 / 21,
    recentDaily: 50 / 21,
    lastSaleDay: AS_OF - 1,
    unitCost: 2,
    unitPrice: null,
    holdingCostRate: null,
    ...over,
  };
}
