import { describe, expect, it } from 'vitest';
import { abcClasses, annualDemand, demandVariability, xyzClasses } from '@/lib/inventory';

describe('ABC and XYZ', () => {
  it('Pareto 80/95 by annual value, zero value is C, ties deterministic', () => {
    // total 100, by value 50, 25, 10, 5, 5, 5: value before each is 0, 50, 75 (A), 85, 90 (B), 95 (C)
    const value = Float64Array.of(25, 50, 5, 5, 5, 10, 0);
    expect(Array.from(abcClasses(value))).toEqual([0, 0, 1, 1, 2, 0, 2]);
    expect(Array.from(abcClasses(new Float64Array(3)))).toEqual([2, 2, 2]);
  });

  it('annual demand uses the last year and annualises shorter histories', () => {
    const values = Float64Array.of(1, 1, 1, 2, 2, 2, /* item 2 */ 3, 3);
    const offsets = Int32Array.of(0, 6, 8, 8);
    expect(Array.from(annualDemand(values, offsets, 4))).toEqual([7, 12, 0]);
  });

  it('coefficient of variation with X ≤ 0.5 < Y ≤ 1 < Z', () => {
    const values = Float64Array.of(10, 10, 10, 10, /**/ 5, 15, 5, 15, /**/ 0, 0, 0, 8, /**/ 0, 0);
    const offsets = Int32Array.of(0, 4, 8, 12, 14);
    const cv = demandVariability(values, offsets, 52);
    expect(cv[0]).toBe(0);
    expect(cv[1]).toBeCloseTo(0.5, 12);
    expect(cv[2]).toBeCloseTo(Math.sqrt(3), 12);
    expect(cv[3]).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(xyzClasses(cv))).toEqual([0, 0, 2, 2]);
  });
});
