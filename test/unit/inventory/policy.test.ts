import { describe, expect, it } from 'vitest';
import { applyServicePolicy, parseServicePolicy, uniformServicePolicy } from '@/lib/inventory';

const policy = {
  A: { X: 0.99, Y: 0.98, Z: 0.97 },
  B: { X: 0.96, Y: 0.95, Z: 0.94 },
  C: { X: 0.93, Y: 0.92, Z: 0.9 },
};

describe('service-level policy by ABC × XYZ class', () => {
  it('accepts a full matrix of levels between 0 and 1', () => {
    expect(parseServicePolicy(policy)).toEqual({ policy });
  });

  it.each([
    [null, /must be an object/],
    [{ ...policy, D: policy.A }, /unknown ABC class "D"/],
    [{ A: policy.A, B: policy.B }, /class C is missing/],
    [{ ...policy, B: { X: 0.9, Y: 0.9, W: 0.9 } }, /unknown XYZ class "W" in class B/],
    [{ ...policy, B: { X: 0.9, Y: 1.2, Z: 0.9 } }, /class BY must be a number between 0 and 1 \(0.95\), got 1.2/],
    [{ ...policy, C: { X: 0.9, Y: '95%', Z: 0.9 } }, /class CY .* got "95%"/],
  ])('refuses %j naming the class', (value, message) => {
    const parsed = parseServicePolicy(value);
    expect('error' in parsed && parsed.error).toMatch(message);
  });

  it("fills only the items without a level of their own, from their class", () => {
    const levels = Float64Array.of(Number.NaN, 0.8, Number.NaN, Number.NaN);
    applyServicePolicy(levels, Uint8Array.of(0, 0, 1, 2), Uint8Array.of(0, 1, 1, 2), policy);
    expect([...levels]).toEqual([0.99, 0.8, 0.95, 0.9]);
  });

  it('the uniform policy is the single default of before', () => {
    const levels = Float64Array.of(Number.NaN, Number.NaN);
    applyServicePolicy(levels, Uint8Array.of(0, 2), Uint8Array.of(2, 0), uniformServicePolicy(0.95));
    expect([...levels]).toEqual([0.95, 0.95]);
  });
});
