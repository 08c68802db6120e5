import { describe, expect, it } from 'vitest';
import { worksheetCsv } from '@/lib/actions/worksheet-export';
import type { Worksheet } from '@/lib/actions/worksheet';
import { overridesCsv, parseOverridesCsv } from '@/lib/overrides/csv';
import { parsePinsCsv, pinsCsv } from '@/lib/overrides/pins-csv';
import { parseIsoDay } from '@/lib/store/days';

/** Text a spreadsheet would run as a formula, as an analyst or a supplier list might hold it. */
const FORMULAS = ['=HYPERLINK("http://x.example","click")', '+1+2', '-2+3', '@SUM(A1:A9)'];

describe('CSV exports an analyst opens in a spreadsheet', () => {
  it('write formula-like text after an apostrophe, numbers as they are, and read back what was stored', () => {
    const at = Date.UTC(2026, 11, 1);
    const overrides = FORMULAS.map((reason, k) => ({
      id: k + 1,
      itemId: `SKU-${k}`,
      startDay: parseIsoDay('2026-01-05'),
      endDay: parseIsoDay('2026-03-01'),
      kind: 'percent' as const,
      value: -40,
      reason,
      untilDay: null,
      author: 'Ana',
      createdAt: at,
      updatedAt: at,
    }));
    const csv = overridesCsv(overrides);
    const lines = csv.split('\n');
    expect(lines[1]).toBe(`SKU-0,2026-01-05,2026-03-01,,-40,"'=HYPERLINK(""http://x.example"",""click"")",,Ana,2026-12-01T00:00:00.000Z`);
    expect(lines[3]).toMatch(/^SKU-2,2026-01-05,2026-03-01,,-40,"'-2\+3",/);
    const back = parseOverridesCsv(csv, 'overrides.csv', () => true);
    expect(back.issues).toEqual([]);
    expect(back.overrides.map((o) => [o.reason, o.value])).toEqual(FORMULAS.map((r) => [r, -40]));

    const pins = FORMULAS.map((reason, k) => ({ itemId: `SKU-${k}`, model: 'auto_ets', reason, author: '@ana', createdAt: at, updatedAt: at }));
    const pinsText = pinsCsv(pins);
    expect(pinsText.split('\n')[2]).toBe(`SKU-1,auto_ets,"'+1+2","'@ana",2026-12-01T00:00:00.000Z`);
    expect(parsePinsCsv(pinsText, 'pins.csv', () => true).pins.map((p) => p.reason)).toEqual(FORMULAS);
  });

  it('the worksheet for the ERP: a supplier or name that looks like a formula is text', () => {
    const line = { supplier: FORMULAS[0]!, itemId: 'A/B', name: '@risk item', quantity: 14, baseUom: 'EA', unitCost: 1, value: 14, dueDay: parseIsoDay('2026-11-11') };
    const csv = worksheetCsv({ lines: [line] } as unknown as Worksheet);
    expect(csv.split('\n')[1]).toBe(`"'=HYPERLINK(""http://x.example"",""click"")",A/B,"'@risk item",14,EA,1,14,2026-11-11`);
  });
});
