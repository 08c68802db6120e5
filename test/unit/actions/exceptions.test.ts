import { describe, expect, it } from 'vitest';
import { rankExceptions } from '@/lib/actions/exceptions';
import { AS_OF, facts } from './fixtures';

// Day 20400 = 2025-11-08 (UTC), the as-of day; 20407 = Nov 15; + 21 days of lead time = Nov 29.

describe('exceptions ranked by money at stake', () => {
  it('states a shortage in words and stakes the units short to the lead time × price', () => {
    const [row] = rankExceptions(
      [facts({ itemId: 'TONER', status: 'stockout', onHand: 0, onOrder: 120, dueDay: 20407, demandOverLeadTime: 300, reorderPoint: 340, orderQuantity: 240, unitPrice: 5, supplier: 'Acme', dailyDemand: 300 / 21, recentDaily: 300 / 21 })],
      AS_OF,
    );
    // short = 300 − 0 − 120 = 180; 180 × 5 = 900
    expect(row).toMatchObject({ itemId: 'TONER', kind: 'stockout', stake: 900 });
    // The issue's own wording, then when "then" is and what it costs.
    expect(row!.reason).toBe('on hand 0, 120 on order due Nov 15, demand to then 300: short 180 by Nov 29; lost sales 900 at price');
    expect(row!.action).toBe('order 240 EA from Acme now');
  });

  it('ranks a constructed catalogue by stake across kinds', () => {
    const rows = rankExceptions(
      [
        facts({ itemId: 'HEALTHY' }),
        // short 300 − 20 = 280 at cost 2 (no price) = 560
        facts({ itemId: 'SHORT', status: 'at_risk', onHand: 20, demandOverLeadTime: 300, reorderPoint: 330, dailyDemand: 300 / 21, recentDaily: 300 / 21 }),
        // 1,000 over at cost 2 × 25% = 500 a year
        facts({ itemId: 'EXCESS', status: 'excess', onHand: 1100, excessUnits: 1000 }),
        // on hand 400 × cost 3 × 10% = 120
        facts({ itemId: 'DEAD', status: 'no_demand', onHand: 400, unitCost: 3, holdingCostRate: 0.1, dailyDemand: 0, recentDaily: 0, lastSaleDay: null }),
        // no demand and nothing on hand: nothing at stake, no row
        facts({ itemId: 'GONE', status: 'no_demand', onHand: 0 }),
        // at risk but covered to the lead time: gap (60 − 55) × 2 × (1 − 0.95) = 0.5
        facts({ itemId: 'GAP', status: 'at_risk', onHand: 55 }),
        // overdue: due 3 days ago; (50 − 10) × price 4 = 160; also at risk: covered by the order (short 0),
        // gap (60 − 10 − 40) × 4 × 0.05 = 2
        facts({ itemId: 'LATE', status: 'at_risk', onHand: 10, onOrder: 40, dueDay: AS_OF - 3, unitPrice: 4 }),
        // forecast 10/day over the lead time vs 2/day sold: |8| × 21 × cost 2 = 336
        facts({ itemId: 'BREAK', demandOverLeadTime: 210, reorderPoint: 250, onHand: 300, dailyDemand: 10, recentDaily: 2 }),
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
    // If it never comes: short 50 − 10 = 40 by Nov 29, × price 4 = 160 (its stake).
    expect(late.reason).toBe('40 on order was due Nov 5 and has not arrived (3 days late); on hand 10, demand to then 50: short 40 by Nov 29 if it never comes; lost sales 160 at price');
    expect(late.action).toBe('chase the supplier for the order');
    expect(rows.find((r) => r.itemId === 'DEAD')!.reason).toBe('never sold and none forecast: 400 EA on hand worth 1,200');
    expect(rows.find((r) => r.itemId === 'EXCESS')!.reason).toBe('on hand 1,100, nothing on order: 1,000 EA above the cover target, 2,000 tied up, 500 a year to hold at 25%');
    // |10 − 2| × 21 days = 168 units, × cost 2 = 336 (its stake).
    const broke = rows.find((r) => r.itemId === 'BREAK')!;
    expect(broke.reason).toBe('forecast 10 a day to Nov 29 broke from recent sales of 2 a day (+400%): 168 EA apart over the 21-day lead time, 336 at cost (no price given)');
    expect(broke.action).toBe('check the forecast before ordering to it: sales have not kept up');
    expect(rows.find((r) => r.itemId === 'GAP')!.reason).toBe('on hand 55, nothing on order, demand to then 50: covered to Nov 29, but position 55 is 5 below the reorder point 60');
  });

  it('an order due after the lead time does not cover the shortage', () => {
    const [row] = rankExceptions([facts({ status: 'at_risk', onHand: 10, onOrder: 500, dueDay: AS_OF + 30, demandOverLeadTime: 50 })], AS_OF);
    // short 50 − 10 = 40 at cost 2
    expect(row).toMatchObject({ kind: 'at_risk', stake: 80 });
    expect(row!.reason).toBe('on hand 10, 500 on order due Dec 8, demand to then 50: short 40 by Nov 29 (the order arrives later); lost sales 80 at cost (no price given)');
  });

  it('says why a stockout has nothing to order: the order on its way covers the lead time', () => {
    // On hand 0, 120 due Nov 15 (7 days), demand to Nov 29 100 at 100/21 a day: covered; 7 × 100/21 ≈ 33.3 meanwhile
    // (at the lead time's rate: the horizon's mean of 6 a day holds a season further ahead).
    const [row] = rankExceptions(
      [facts({ itemId: 'TONER', status: 'stockout', onHand: 0, onOrder: 120, dueDay: 20407, demandOverLeadTime: 100, reorderPoint: 110, dailyDemand: 6, recentDaily: 100 / 21 })],
      AS_OF,
    );
    expect(row).toMatchObject({ itemId: 'TONER', kind: 'stockout', stake: 0 });
    expect(row!.reason).toBe('on hand 0, 120 on order due Nov 15, demand to then 100: covered to Nov 29 by the order on its way, nothing to order; out of stock until it arrives, 33.3 EA of demand meanwhile');
    expect(row!.action).toBe('make sure the order due Nov 15 arrives; expedite it if you can');
  });

  it('an overdue order not needed to the lead time says so, and a forecast below sales says sales outran it', () => {
    const rows = rankExceptions(
      [
        facts({ itemId: 'SPARE', onHand: 80, onOrder: 30, dueDay: AS_OF - 1, supplier: 'Bolt' }),
        facts({ itemId: 'LOW', demandOverLeadTime: 42, reorderPoint: 50, dailyDemand: 2, recentDaily: 10, unitPrice: 3 }),
      ],
      AS_OF,
    );
    const spare = rows.find((r) => r.itemId === 'SPARE')!;
    expect(spare).toMatchObject({ kind: 'overdue_order', stake: 0, action: 'chase Bolt for the order' });
    expect(spare.reason).toBe('30 on order was due Nov 7 and has not arrived (1 day late); on hand 80, demand to then 50: covered to Nov 29 without it');
    const low = rows.find((r) => r.itemId === 'LOW')!;
    // |2 − 10| × 21 = 168 units × price 3 = 504
    expect(low).toMatchObject({ kind: 'forecast_break', stake: 504, action: 'check the forecast before ordering to it: sales have outrun it' });
    expect(low.reason).toBe('forecast 2 a day to Nov 29 broke from recent sales of 10 a day (-80%): 168 EA apart over the 21-day lead time, 504 at price');
  });

  it('small differences on slow movers are no forecast break', () => {
    expect(rankExceptions([facts({ demandOverLeadTime: 0.2 * 21, dailyDemand: 0.2, recentDaily: 0.05 })], AS_OF)).toEqual([]);
  });

  it('judges the forecast over the lead time, not over the horizon: a season ahead is no break, a turn within the lead time is', () => {
    // A garden line in November: its 26 weeks ahead reach next spring's peak (8 a day on average),
    // while the forecast to Nov 29 is in line with the last weeks' sales.
    expect(rankExceptions([facts({ itemId: 'SPRING', demandOverLeadTime: 2.5 * 21, reorderPoint: 70, dailyDemand: 8, recentDaily: 2.4 })], AS_OF)).toEqual([]);
    // A forecast that drops within the lead time, whatever its horizon's mean: 1 a day against 4 sold.
    const [drop] = rankExceptions([facts({ itemId: 'DROP', demandOverLeadTime: 21, reorderPoint: 30, dailyDemand: 4, recentDaily: 4 })], AS_OF);
    // |1 − 4| × 21 = 63 units × cost 2 = 126
    expect(drop).toMatchObject({ itemId: 'DROP', kind: 'forecast_break', stake: 126 });
    expect(drop!.reason).toBe('forecast 1 a day to Nov 29 broke from recent sales of 4 a day (-75%): 63 EA apart over the 21-day lead time, 126 at cost (no price given)');
  });

  it('an item without a stock record stakes no shortage: its 0 on hand is no recorded number', () => {
    // As the pipeline stores it: on hand 0 (unknown), no order suggested, demand and reorder point as for any item.
    const unrecorded = facts({ itemId: 'NEW', status: 'no_stock', onHand: 0, demandOverLeadTime: 300, reorderPoint: 340, dailyDemand: 300 / 21, recentDaily: 300 / 21 });
    expect(rankExceptions([unrecorded], AS_OF)).toEqual([]);
    // The same figures recorded as 0 on hand: a stockout with its lost sales.
    expect(rankExceptions([{ ...unrecorded, status: 'stockout' }], AS_OF)).toMatchObject([{ itemId: 'NEW', kind: 'stockout', stake: 600 }]);
  });
});
