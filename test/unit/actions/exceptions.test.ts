import { describe, expect, it } from 'vitest';
import { rankExceptions, type ExceptionFacts } from '@/lib/actions/exceptions';

// Day 20400 = 2025-11-08 (UTC), the as-of day; 20407 = Nov 15; + 21 days of lead time = Nov 29.
const AS_OF = 20400;

function item(over: Partial<ExceptionFacts>): ExceptionFacts {
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

describe('exceptions ranked by money at stake', () => {
  it('states a shortage in words and stakes the units short to the lead time × price', () => {
    const [row] = rankExceptions(
      [item({ itemId: 'TONER', status: 'stockout', onHand: 0, onOrder: 120, dueDay: 20407, demandOverLeadTime: 300, reorderPoint: 340, orderQuantity: 240, unitPrice: 5, supplier: 'Acme', dailyDemand: 300 / 21, recentDaily: 300 / 21 })],
      AS_OF,
    );
    // short = 300 − 0 − 120 = 180; 180 × 5 = 900
    expect(row).toMatchObject({ itemId: 'TONER', kind: 'stockout', stake: 900 });
    expect(row!.reason).toBe('on hand 0, 120 on order due Nov 15, demand to Nov 29 300: short 180; lost sales 900 at price');
    expect(row!.action).toBe('order 240 EA from Acme now');
  });

  it('ranks a constructed catalogue by stake across kinds', () => {
    const rows = rankExceptions(
      [
        item({ itemId: 'HEALTHY' }),
        // short 300 − 20 = 280 at cost 2 (no price) = 560
        item({ itemId: 'SHORT', status: 'at_risk', onHand: 20, demandOverLeadTime: 300, reorderPoint: 330, dailyDemand: 300 / 21, recentDaily: 300 / 21 }),
        // 1,000 over at cost 2 × 25% = 500 a year
        item({ itemId: 'EXCESS', status: 'excess', onHand: 1100, excessUnits: 1000 }),
        // on hand 400 × cost 3 × 10% = 120
        item({ itemId: 'DEAD', status: 'no_demand', onHand: 400, unitCost: 3, holdingCostRate: 0.1, dailyDemand: 0, recentDaily: 0, lastSaleDay: null }),
        // no demand and nothing on hand: nothing at stake, no row
        item({ itemId: 'GONE', status: 'no_demand', onHand: 0 }),
        // at risk but covered to the lead time: gap (60 − 55) × 2 × (1 − 0.95) = 0.5
        item({ itemId: 'GAP', status: 'at_risk', onHand: 55 }),
        // overdue: due 3 days ago; (50 − 10) × price 4 = 160; also at risk: covered by the order (short 0),
        // gap (60 − 10 − 40) × 4 × 0.05 = 2
        item({ itemId: 'LATE', status: 'at_risk', onHand: 10, onOrder: 40, dueDay: AS_OF - 3, unitPrice: 4 }),
        // forecast 10/day vs 2/day sold: |8| × 21 × cost 2 = 336
        item({ itemId: 'BREAK', dailyDemand: 10, recentDaily: 2 }),
      ],
      AS_OF,
    );
    expect(rows.map((r) => [r.itemId, r.kind, Math.round(r.stake * 100) / 100])).toEqual([
      ['SHORT', 'at_risk', 560],
      ['EXCESS', 'excess', 500],
      ['BREAK', 'forecast_break', 336],
      ['LATE', 'overdue_order', 160],
      ['DEAD', 'no_demand', 120],
      ['LATE', 'at_risk', 2],
      ['GAP', 'at_risk', 0.5],
    ]);
    const late = rows.find((r) => r.kind === 'overdue_order')!;
    expect(late.reason).toBe('40 on order was due Nov 5, 3 days ago; on hand 10, demand to Nov 29 50');
    expect(late.action).toBe('chase the supplier for the order');
    expect(rows.find((r) => r.itemId === 'DEAD')!.reason).toBe('never sold and none forecast: 400 EA on hand worth 1,200');
    expect(rows.find((r) => r.itemId === 'EXCESS')!.reason).toBe('on hand 1,100, nothing on order: 1,000 EA above the cover target, 2,000 tied up, 500 a year to hold at 25%');
    expect(rows.find((r) => r.itemId === 'BREAK')!.reason).toBe('forecast 10 a day against 2 a day sold recently (+400%)');
  });

  it('an order due after the lead time does not cover the shortage', () => {
    const [row] = rankExceptions([item({ status: 'at_risk', onHand: 10, onOrder: 500, dueDay: AS_OF + 30, demandOverLeadTime: 50 })], AS_OF);
    // short 50 − 10 = 40 at cost 2
    expect(row).toMatchObject({ kind: 'at_risk', stake: 80 });
    expect(row!.reason).toContain('short 40 (the order arrives later)');
  });

  it('small differences on slow movers are no forecast break', () => {
    expect(rankExceptions([item({ dailyDemand: 0.2, recentDaily: 0.05 })], AS_OF)).toEqual([]);
  });
});
