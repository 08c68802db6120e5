import { describe, expect, it } from 'vitest';
import { median, select } from '../../../lib/forecast/order';

/** Seeded uniforms (Park–Miller). */
function uniforms(seed: number, n: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => (s = (s * 48271) % 2147483647) / 2147483647);
}

describe('order statistics', () => {
  it('select and median give what a sort gives, ties and even counts included', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const count = 1 + (seed % 37);
      // Rounded to a few levels, so that many values tie.
      const values = uniforms(seed, count + 3).map((u) => (seed % 3 === 0 ? Math.round(u * 4) : u * 100 - 50));
      const sorted = values.slice(0, count).sort();
      const k = seed % count;
      expect(select(values.slice(), count, k)).toBe(sorted[k]);
      const mid = count >> 1;
      const expected = count % 2 ? sorted[mid] : (sorted[mid - 1]! + sorted[mid]!) / 2;
      const copy = values.slice();
      expect(median(copy, count)).toBe(expected);
      // Only the first `count` values are read and reordered.
      expect(Array.from(copy.subarray(count))).toEqual(Array.from(values.subarray(count)));
    }
    expect(median(new Float64Array(0), 0)).toBeNaN();
  });
});
