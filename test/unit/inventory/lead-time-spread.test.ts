import { describe, expect, it } from 'vitest';
import { inventoryHealth, normalQuantile, type HealthInput } from '@/lib/inventory';

/** A weekly forecast of 70 a week (10 a day) with σ of the summed error 10, 20, 30, 40. */
function item(leadTimeDays: number, leadTimeSdDays: Float64Array | undefined, serviceLevel = 0.95): HealthInput {
  return {
    count: 1,
    horizon: 4,
    periodDays: 7,
    forecastStartDay: 100,
    asOfDay: 100,
    point: Float64Array.of(70, 70, 70, 70),
    cumulativeSigma: Float64Array.of(10, 20, 30, 40),
    leadTimeDays: Float64Array.of(leadTimeDays),
    serviceLevel: Float64Array.of(serviceLevel),
    stockRecorded: Uint8Array.of(1),
    onHand: Float64Array.of(500),
    onOrder: Float64Array.of(0),
    onOrderDueDay: Float64Array.of(Number.NaN),
    unitCost: Float64Array.of(1),
    casePack: Float64Array.of(Number.NaN),
    moq: Float64Array.of(Number.NaN),
    lastSaleDay: Float64Array.of(99),
    leadTimeSdDays,
  };
}

describe('safety stock with a lead time that varies', () => {
  const z95 = normalQuantile(0.95);

  it('σ_L = 0, NaN or not given gives exactly the fixed-lead-time figures', () => {
    const today = inventoryHealth(item(14, undefined));
    for (const sd of [Float64Array.of(0), Float64Array.of(Number.NaN), Float64Array.of(-3)]) {
      const r = inventoryHealth(item(14, sd));
      expect(r.safetyStock[0]).toBe(today.safetyStock[0]);
      expect(r.reorderPoint[0]).toBe(today.reorderPoint[0]);
      expect(r.orderQuantity[0]).toBe(today.orderQuantity[0]);
      expect(r.status[0]).toBe(today.status[0]);
    }
    expect(today.safetyStock[0]).toBeCloseTo(z95 * 20, 10);
  });

  it('adds d²·σ_L² to the summed forecast variance: L = 14 d, σ_L = 3 d, d = 10/day', () => {
    // σ² = 20² (two weeks of summed error) + 10² × 3² = 400 + 900 = 1300
    const r = inventoryHealth(item(14, Float64Array.of(3)));
    expect(r.safetyStock[0]).toBeCloseTo(z95 * Math.sqrt(1300), 10);
    expect(r.reorderPoint[0]).toBeCloseTo(140 + z95 * Math.sqrt(1300), 10);
  });

  it('uses the demand over the lead time for d, and the service level for z', () => {
    // Demand 140 then 0: over a 7-day lead time d = 140/7 = 20 a day; σ² = 10² + 20² × 2² = 1700.
    const input = item(7, Float64Array.of(2), 0.99);
    input.point = Float64Array.of(140, 0, 0, 0);
    const r = inventoryHealth(input);
    expect(r.safetyStock[0]).toBeCloseTo(normalQuantile(0.99) * Math.sqrt(1700), 10);
  });

  it('a zero lead time takes d from the horizon mean: σ² = 0 + 10² × 2²', () => {
    const r = inventoryHealth(item(0, Float64Array.of(2)));
    expect(r.safetyStock[0]).toBeCloseTo(z95 * 20, 10);
  });
});
