import { describe, expect, it } from 'vitest';
import {
  AT_RISK,
  EXCESS,
  HEALTHY,
  inventoryHealth,
  NO_DEMAND,
  NO_STOCK,
  normalQuantile,
  STOCKOUT,
  type HealthInput,
} from '@/lib/inventory';

/** Hand-computed items on a weekly forecast of 70 units a week (10 a day), σ growing 10 per week. */
interface Item {
  point?: number[];
  sigma?: number[];
  leadTimeDays?: number;
  serviceLevel?: number;
  onHand: number;
  /** False: no stock record was ever imported (the pipeline's on hand is then 0). */
  recorded?: boolean;
  onOrder?: number;
  onOrderDueDay?: number;
  unitCost?: number;
  casePack?: number;
  moq?: number;
  lastSaleDay?: number;
}

function columns(items: Item[], asOfDay = 100, forecastStartDay = 100): HealthInput {
  const H = 4;
  const col = (f: (it: Item) => number) => Float64Array.from(items, f);
  return {
    count: items.length,
    horizon: H,
    periodDays: 7,
    forecastStartDay,
    asOfDay,
    point: Float64Array.from(items.flatMap((it) => it.point ?? [70, 70, 70, 70])),
    cumulativeSigma: Float64Array.from(items.flatMap((it) => it.sigma ?? [10, 20, 30, 40])),
    leadTimeDays: col((it) => it.leadTimeDays ?? 14),
    serviceLevel: col((it) => it.serviceLevel ?? Number.NaN),
    stockRecorded: Uint8Array.from(items, (it) => (it.recorded === false ? 0 : 1)),
    onHand: col((it) => it.onHand),
    onOrder: col((it) => it.onOrder ?? 0),
    onOrderDueDay: col((it) => it.onOrderDueDay ?? Number.NaN),
    unitCost: col((it) => it.unitCost ?? 1),
    casePack: col((it) => it.casePack ?? Number.NaN),
    moq: col((it) => it.moq ?? Number.NaN),
    lastSaleDay: col((it) => it.lastSaleDay ?? 99),
  };
}

const z95 = 1.6448536269514722;

describe('inventory health on hand-computed items', () => {
  it('normal quantiles', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(z95, 12);
    expect(normalQuantile(0.99)).toBeCloseTo(2.3263478740408408, 12);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306167813, 12);
  });

  it('a healthy item: lead-time demand, safety stock from the error over the lead time, cover and projection', () => {
    const r = inventoryHealth(columns([{ onHand: 300 }]));
    expect(r.demandOverLeadTime[0]).toBeCloseTo(140, 10); // 14 days × 10
    expect(r.safetyStock[0]).toBeCloseTo(z95 * 20, 10); // σ over 2 weeks = cumulativeSigma[1]
    expect(r.reorderPoint[0]).toBeCloseTo(140 + z95 * 20, 10);
    expect(r.daysOfSupply[0]).toBeCloseTo(30, 10);
    expect(r.stockoutDay[0]).toBe(130);
    expect(r.targetCover[0]).toBeCloseTo(140 + z95 * 20 + 910, 10); // + 13 weeks of demand
    expect(r.excessUnits[0]).toBe(0);
    expect(r.orderQuantity[0]).toBe(0);
    expect(r.dailyDemand[0]).toBeCloseTo(10, 12);
    expect(Array.from(r.projectedOnHand)).toEqual([230, 160, 90, 20]);
    expect(r.status[0]).toBe(HEALTHY);
  });

  it('interpolates σ inside the first period (√t) and between periods (variance), and extends it past the horizon', () => {
    const r = inventoryHealth(
      columns([
        { onHand: 1000, leadTimeDays: 3.5 },
        { onHand: 1000, leadTimeDays: 17.5 },
        { onHand: 1000, leadTimeDays: 42 },
      ]),
    );
    expect(r.safetyStock[0]).toBeCloseTo(z95 * Math.sqrt(0.5 * 100), 10);
    expect(r.safetyStock[1]).toBeCloseTo(z95 * Math.sqrt(400 + 0.5 * (900 - 400)), 10);
    // 6 weeks: v4 + 2 × (v4 − v3) = 1600 + 2 × 700
    expect(r.safetyStock[2]).toBeCloseTo(z95 * Math.sqrt(3000), 10);
    // Demand past the 4-week horizon continues at the horizon's mean rate.
    expect(r.demandOverLeadTime[2]).toBeCloseTo(420, 10);
  });

  it('uses the item service level when given', () => {
    const r = inventoryHealth(columns([{ onHand: 1000, serviceLevel: 0.99 }]));
    expect(r.safetyStock[0]).toBeCloseTo(2.3263478740408408 * 20, 10);
  });

  it('at risk at or below the reorder point; the order rounds up to case packs and at least the MOQ', () => {
    const r = inventoryHealth(
      columns([
        { onHand: 100, casePack: 12 },
        { onHand: 100, casePack: 12, moq: 400 },
        { onHand: 60, onOrder: 40, casePack: 12 },
      ]),
    );
    const rop = 140 + z95 * 20;
    const need = rop + 280 - 100; // order up to ROP + 4 weeks of demand
    expect(r.status[0]).toBe(AT_RISK);
    expect(r.orderQuantity[0]).toBe(Math.ceil(need / 12) * 12);
    expect(r.orderQuantity[0]! % 12).toBe(0);
    expect(r.orderQuantity[1]).toBe(408); // MOQ 400 → 34 cases
    expect(r.orderQuantity[2]).toBe(Math.ceil(need / 12) * 12); // on order counts in the position
    expect(r.status[2]).toBe(AT_RISK);
    // The cycle's demand, kept for the worksheet's arithmetic, whether or not an order is due.
    expect([...r.cycleDemand]).toEqual([280, 280, 280]);
  });

  it('at risk when the projected stockout comes before the on-order stock can arrive', () => {
    // 50 units last 5 days; 1000 on order with no due day arrive after the 14-day lead time.
    const r = inventoryHealth(columns([{ onHand: 50, onOrder: 1000 }, { onHand: 50, onOrder: 2000, onOrderDueDay: 103 }]));
    expect(r.stockoutDay[0]).toBe(105);
    expect(r.status[0]).toBe(AT_RISK);
    expect(r.orderQuantity[0]).toBe(0); // the position is above the reorder point
    // Due on day 103, before the 50 units run out: stock lasts (50 + 2000) / 10 days.
    expect(r.stockoutDay[1]).toBe(305);
    expect(r.status[1]).toBe(EXCESS);
    expect(r.excessUnits[1]).toBeCloseTo(2050 - (140 + z95 * 20 + 910), 10);
  });

  it('stockout: nothing on hand and demand; on order lands on its due day in the projection', () => {
    const r = inventoryHealth(columns([{ onHand: 0, onOrder: 50, onOrderDueDay: 107 }]));
    expect(r.status[0]).toBe(STOCKOUT);
    expect(r.daysOfSupply[0]).toBe(0);
    expect(r.stockoutDay[0]).toBe(100);
    expect(Array.from(r.projectedOnHand)).toEqual([0, 0, 0, 0]);
    const late = inventoryHealth(columns([{ onHand: 0, onOrder: 500, onOrderDueDay: 110.5 }]));
    // arrives mid-week 2: 500 − 3.5 days × 10 = 465 at the end of week 2, then 70 a week
    expect(Array.from(late.projectedOnHand)).toEqual([0, 465, 395, 325]);
  });

  it('excess value above reorder point + 13 weeks', () => {
    const r = inventoryHealth(columns([{ onHand: 2000, unitCost: 2 }]));
    const target = 140 + z95 * 20 + 910;
    expect(r.status[0]).toBe(EXCESS);
    expect(r.excessUnits[0]).toBeCloseTo(2000 - target, 10);
    expect(r.excessValue[0]).toBeCloseTo(2 * (2000 - target), 10);
  });

  it('no demand: no sale in the last 91 days and under one unit expected; dead stock is all excess', () => {
    const zero = [0, 0, 0, 0];
    const r = inventoryHealth(
      columns([
        { onHand: 50, point: zero, sigma: [1, 1, 1, 1], lastSaleDay: 100 - 200 },
        { onHand: 0, point: zero, sigma: zero, lastSaleDay: Number.NaN },
        { onHand: 10, point: zero, sigma: zero, lastSaleDay: 95 }, // sold last week: not "no demand"
        { onHand: 50, point: [7, 7, 7, 7], lastSaleDay: 100 - 200 }, // 13 expected next quarter
      ]),
    );
    expect(r.status[0]).toBe(NO_DEMAND);
    expect(r.reorderPoint[0]).toBeCloseTo(z95 * 1, 10); // no demand, σ over 2 weeks = 1
    expect(r.excessUnits[0]).toBeCloseTo(50 - z95, 10);
    expect(r.orderQuantity[0]).toBe(0);
    expect(Number.isNaN(r.stockoutDay[0])).toBe(true);
    expect(r.daysOfSupply[0]).toBe(Number.POSITIVE_INFINITY);
    expect(r.status[1]).toBe(NO_DEMAND);
    expect(r.status[2]).toBe(EXCESS);
    expect(r.status[3]).not.toBe(NO_DEMAND);
  });

  it('no stock record: no_stock, no order, unknown supply and projection; the policy figures as for any item', () => {
    const r = inventoryHealth(columns([{ onHand: 0, recorded: false, unitCost: 2 }, { onHand: 0 }]));
    const rop = 140 + z95 * 20;
    expect(r.status[0]).toBe(NO_STOCK);
    expect(r.orderQuantity[0]).toBe(0);
    expect(Number.isNaN(r.daysOfSupply[0])).toBe(true);
    expect(Number.isNaN(r.stockoutDay[0])).toBe(true);
    expect(Array.from(r.projectedOnHand.subarray(0, 4)).every(Number.isNaN)).toBe(true);
    expect(r.excessUnits[0]).toBe(0);
    expect(r.excessValue[0]).toBe(0);
    // What to hold once stock is recorded: the same as for the recorded item beside it.
    expect(r.safetyStock[0]).toBeCloseTo(z95 * 20, 10);
    expect(r.reorderPoint[0]).toBeCloseTo(rop, 10);
    expect(r.targetCover[0]).toBeCloseTo(r.targetCover[1]!, 10);
    expect(r.cycleDemand[0]).toBeCloseTo(280, 10);
    // A recorded 0 on hand with demand is a real stockout, with its order.
    expect(r.status[1]).toBe(STOCKOUT);
    expect(r.daysOfSupply[1]).toBe(0);
    expect(r.stockoutDay[1]).toBe(100);
    expect(r.orderQuantity[1]).toBe(Math.ceil(rop + 280)); // whole units, no case pack
  });

  it('no demand wins over no stock record: nothing to judge either way', () => {
    const zero = [0, 0, 0, 0];
    const r = inventoryHealth(columns([{ onHand: 0, recorded: false, point: zero, sigma: zero, lastSaleDay: Number.NaN }]));
    expect(r.status[0]).toBe(NO_DEMAND);
    expect(r.orderQuantity[0]).toBe(0);
    expect(Number.isNaN(r.daysOfSupply[0])).toBe(true);
  });

  it('an as-of day inside the first forecast period starts from there', () => {
    // Forecast weeks start on day 100; stock counted on day 103 (3/7 into week 0).
    const r = inventoryHealth(columns([{ onHand: 300 }], 103, 100));
    expect(r.demandOverLeadTime[0]).toBeCloseTo(140, 10);
    expect(r.stockoutDay[0]).toBe(133);
    expect(r.projectedOnHand[0]).toBeCloseTo(260, 10); // 4 days of week 0 remain
  });
});
