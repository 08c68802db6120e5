import { describe, expect, it } from 'vitest';
import { buildWorksheet, NO_SUPPLIER } from '@/lib/actions/worksheet';
import type { WorksheetCandidate } from '@/lib/store';

const base: WorksheetCandidate = {
  itemId: 'A',
  name: 'A',
  supplier: 'Acme',
  baseUom: 'EA',
  unitCost: 2,
  moq: null,
  casePack: null,
  leadTimeDays: 7,
  onHand: 10,
  onOrder: 20,
  demandOverLeadTime: 70,
  safetyStock: 15,
  reorderPoint: 85,
  dailyDemand: 10,
  cycleDemand: 280,
  orderQuantity: 1,
};

describe('purchase worksheet arithmetic', () => {
  it('need = reorder point + cycle − position, then MOQ, then case packs', () => {
    const sheet = buildWorksheet(
      [
        base, // 85 + 280 − 30 = 335
        { ...base, itemId: 'B', moq: 400 }, // 335 → MOQ 400
        { ...base, itemId: 'C', moq: 400, casePack: 48 }, // 335 → 400 → 9 packs of 48 = 432
        { ...base, itemId: 'D', supplier: null, casePack: 100 }, // 335 → 4 packs = 400
      ],
      [],
      1000,
      28,
    );
    expect(sheet.lines.map((l) => [l.itemId, l.need, l.afterMoq, l.suggested, l.quantity, l.dueDay])).toEqual([
      ['A', 335, 335, 335, 335, 1007],
      ['B', 335, 400, 400, 400, 1007],
      ['C', 335, 400, 432, 432, 1007],
      ['D', 335, 335, 400, 400, 1007],
    ]);
    expect(sheet.suppliers).toEqual([
      { supplier: 'Acme', lines: 3, quantity: 1167, value: 2334 },
      { supplier: NO_SUPPLIER, lines: 1, quantity: 400, value: 800 },
    ]);
    expect(sheet.total).toEqual({ lines: 4, value: 3134 });
  });

  it('a draft edit replaces quantity and date, and the totals follow', () => {
    const sheet = buildWorksheet([base], [{ itemId: 'A', quantity: 100, dueDay: 1010, updatedAt: 0 }], 1000, 28);
    expect(sheet.lines[0]).toMatchObject({ suggested: 335, quantity: 100, dueDay: 1010, edited: true, value: 200 });
    expect(sheet.suppliers[0]).toEqual({ supplier: 'Acme', lines: 1, quantity: 100, value: 200 });
  });

  it('takes the engine’s forecast over the order cycle, not the horizon’s mean rate: a season turning within it counts', () => {
    // A garden line in November: 10 a day on average over half a year that ends in spring, 3 a
    // day over the four weeks after its lead time. Result sets stored before the engine kept its
    // figure fall back on the mean rate.
    const sheet = buildWorksheet([{ ...base, cycleDemand: 84 }, { ...base, itemId: 'OLD', cycleDemand: null }], [], 1000, 28);
    expect(sheet.lines.map((l) => [l.itemId, l.cycleDemand, l.need, l.suggested])).toEqual([
      ['A', 84, 139, 139],
      ['OLD', 280, 335, 335],
    ]);
  });
});
