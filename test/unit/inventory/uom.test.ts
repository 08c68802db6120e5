import { describe, expect, it } from 'vitest';
import { buildUomTable, convertToBase } from '@/lib/inventory';

/** A small random catalogue: 50 items, unit ids 1..6, item-specific and all-item factors. */
function catalogue(seed: number) {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const items = Array.from({ length: 50 }, (_, i) => ({ key: i + 1, base: 1 + Math.floor(rand() * 2) }));
  const factors: { item: number; unit: number; factor: number }[] = [
    { item: 0, unit: 3, factor: 12 },
    { item: 0, unit: 4, factor: 480 },
  ];
  for (const it of items) {
    if (rand() < 0.3) factors.push({ item: it.key, unit: 3, factor: 6 }); // overrides the all-item CASE
    if (rand() < 0.3) factors.push({ item: it.key, unit: 5, factor: 0.5 });
  }
  return { items, factors, rand };
}

/** Row by row, from the rules as written: base unit → 1, else the item's own factor, else all items'. */
function referenceFactor(c: ReturnType<typeof catalogue>, item: number, unit: number): number | undefined {
  const it = c.items.find((x) => x.key === item);
  if (!it) return undefined;
  if (it.base === unit) return 1;
  return (
    c.factors.find((f) => f.item === item && f.unit === unit)?.factor ??
    c.factors.find((f) => f.item === 0 && f.unit === unit)?.factor
  );
}

describe('unit conversion', () => {
  it('equals a row-by-row reference and points at the first row without a factor', () => {
    const c = catalogue(7);
    const table = buildUomTable({
      itemKeys: Int32Array.from(c.items, (x) => x.key),
      baseUnit: Int32Array.from(c.items, (x) => x.base),
      factorItem: Int32Array.from(c.factors, (f) => f.item),
      factorUnit: Int32Array.from(c.factors, (f) => f.unit),
      factorValue: Float64Array.from(c.factors, (f) => f.factor),
    });
    const n = 20_000;
    const item = new Int32Array(n);
    const unit = new Int32Array(n);
    const qty = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      item[i] = 1 + Math.floor(c.rand() * 50);
      unit[i] = 1 + Math.floor(c.rand() * 6);
      qty[i] = Math.round(c.rand() * 1000) / 10;
    }
    const out = new Float64Array(n);
    const missing = convertToBase(table, item, unit, qty, out);
    let firstMissing = -1;
    for (let i = 0; i < n; i++) {
      const f = referenceFactor(c, item[i]!, unit[i]!);
      if (f === undefined) {
        if (firstMissing < 0) firstMissing = i;
        expect(out[i]).toBeNaN();
      } else if (out[i] !== qty[i]! * f) {
        throw new Error(`row ${i}: ${qty[i]} of unit ${unit[i]} for item ${item[i]}: want ${qty[i]! * f}, got ${out[i]}`);
      }
    }
    expect(firstMissing).toBeGreaterThanOrEqual(0);
    expect(missing).toBe(firstMissing);
  });

  it('reports -1 when everything converts, and flags unknown items', () => {
    const table = buildUomTable({
      itemKeys: Int32Array.of(1, 2),
      baseUnit: Int32Array.of(1, 2),
      factorItem: Int32Array.of(0),
      factorUnit: Int32Array.of(3),
      factorValue: Float64Array.of(12),
    });
    const out = new Float64Array(3);
    expect(convertToBase(table, Int32Array.of(1, 2, 2), Int32Array.of(1, 3, 2), Float64Array.of(5, 2, 7), out)).toBe(-1);
    expect(Array.from(out)).toEqual([5, 24, 7]);
    expect(convertToBase(table, Int32Array.of(1, 9), Int32Array.of(1, 1), Float64Array.of(5, 2), out, 2)).toBe(1);
  });
});
