import { describe, expect, it } from 'vitest';
import { DictBuilder, tableNumber } from '@/lib/dashboard/item-table';
import { decodeItemTable, DEFAULT_VIEW, label, parseView, selectRows, toCsv, viewToSearch, type TableView } from '@/lib/dashboard/table-model';
import type { ItemTableJson } from '@/lib/dashboard/types';

function dict(values: string[]) {
  const b = new DictBuilder();
  for (const v of values) b.push(v);
  return b.column;
}

/** Five items with known labels and numbers (null = no stockout foreseen). */
function sample(): ItemTableJson {
  return {
    results: null,
    dataVersion: 3,
    catalogueItems: 5,
    count: 5,
    id: ['A-1', 'A-2', 'B-1', 'B-10', 'B-2'],
    name: ['Oil filter', 'Air filter, large', 'Brake "pro" pad', 'Wiper', 'Bulb'],
    category: dict(['Filters', 'Filters', 'Brakes', 'Body', 'Lighting']),
    status: dict(['healthy', 'stockout', 'at_risk', 'excess', 'at_risk']),
    abc: dict(['A', 'B', 'A', 'C', 'B']),
    xyz: dict(['X', 'X', 'Y', 'Z', 'X']),
    grade: dict(['A', 'B', 'C', 'D', 'A']),
    model: dict(['ses', 'theta', 'ses', 'naive', 'ma']),
    forecast: dict(['statistical', 'override', 'statistical', 'statistical', 'statistical']),
    baseUom: dict(['EA', 'EA', 'EA', 'EA', 'KG']),
    onHand: [40, 0, 3, 900, 5],
    onOrder: [0, 10, 0, 0, 2],
    reorderPoint: [20, 12, 8, 15, 9],
    daysOfSupply: [30, 0, 2, null, 4],
    stockoutIn: [null, 0, 2, null, 6],
    orderQuantity: [0, 24, 12, 0, 10],
    excessValue: [0, 0, 0, 8800, 0],
    annualValue: [1000, 800, 5000, 20, 300],
    error: [0.7, 1.1, 0.9, null, 0.5],
  };
}

const view = (over: Partial<TableView>): TableView => ({ ...DEFAULT_VIEW, ...over });
const ids = (json: ItemTableJson, v: TableView) => {
  const table = decodeItemTable(json);
  return Array.from(selectRows(table, v), (i) => table.id[i]);
};

describe('item table model', () => {
  it('rounds numbers to what the table shows', () => {
    expect(tableNumber(1234.56)).toBe(1235);
    expect(tableNumber(12.34)).toBe(12.3);
    expect(tableNumber(0.1234)).toBe(0.12);
    expect(tableNumber(Number.POSITIVE_INFINITY)).toBeNull();
  });

  it('dictionary-encodes labels and decodes them back', () => {
    const json = sample();
    expect(json.category.values).toEqual(['Filters', 'Brakes', 'Body', 'Lighting']);
    expect(json.category.codes).toEqual([0, 0, 1, 2, 3]);
    const table = decodeItemTable(json);
    expect([0, 1, 2, 3, 4].map((i) => label(table, 'category', i))).toEqual(['Filters', 'Filters', 'Brakes', 'Body', 'Lighting']);
    expect(Number.isNaN(table.num.stockoutIn[0]!)).toBe(true);
  });

  it('sorts status by urgency, not by name', () => {
    expect(ids(sample(), view({ sort: 'status', dir: 'asc' }))).toEqual(['A-2', 'B-1', 'B-2', 'A-1', 'B-10']);
    expect(ids(sample(), view({ sort: 'status', dir: 'desc' }))).toEqual(['B-10', 'A-1', 'B-1', 'B-2', 'A-2']);
  });

  it('sorts numbers either way with empty values last, ties by item code', () => {
    expect(ids(sample(), view({ sort: 'stockoutIn', dir: 'asc' }))).toEqual(['A-2', 'B-1', 'B-2', 'A-1', 'B-10']);
    expect(ids(sample(), view({ sort: 'stockoutIn', dir: 'desc' }))).toEqual(['B-2', 'B-1', 'A-2', 'A-1', 'B-10']);
    expect(ids(sample(), view({ sort: 'name', dir: 'asc' }))).toEqual(['A-2', 'B-1', 'B-2', 'A-1', 'B-10']);
  });

  it('filters by search (code or name, any case), status, class and category together', () => {
    expect(ids(sample(), view({ q: 'FILTER', sort: 'id' }))).toEqual(['A-1', 'A-2']);
    expect(ids(sample(), view({ q: 'b-1', sort: 'id' }))).toEqual(['B-1', 'B-10']);
    expect(ids(sample(), view({ status: ['at_risk', 'stockout'], sort: 'id' }))).toEqual(['A-2', 'B-1', 'B-2']);
    expect(ids(sample(), view({ status: ['at_risk', 'stockout'], abc: ['B'], sort: 'id' }))).toEqual(['A-2', 'B-2']);
    expect(ids(sample(), view({ xyz: ['X'], category: ['Filters'], sort: 'id' }))).toEqual(['A-1', 'A-2']);
    expect(ids(sample(), view({ category: ['Nothing'] }))).toEqual([]);
  });

  it('keeps the view in the URL and reads it back', () => {
    const v = view({ q: 'pad', status: ['stockout', 'at_risk'], abc: ['A'], category: ['Brakes & Co'], sort: 'excessValue', dir: 'desc' });
    const search = viewToSearch(v);
    expect(search).toBe('?q=pad&status=stockout%2Cat_risk&abc=A&category=Brakes+%26+Co&sort=excessValue&dir=desc');
    expect(parseView(new URLSearchParams(search))).toEqual(v);
    expect(viewToSearch(DEFAULT_VIEW)).toBe('');
    expect(parseView(new URLSearchParams('sort=nonsense&dir=sideways'))).toEqual(DEFAULT_VIEW);
  });

  it('exports the rows of the view as CSV, quoting where needed', () => {
    const table = decodeItemTable(sample());
    const rows = selectRows(table, view({ status: ['stockout', 'at_risk'], sort: 'id' }));
    const csv = toCsv(table, rows, [
      { key: 'id', header: 'item_id' },
      { key: 'name', header: 'name' },
      { key: 'status', header: 'status' },
      { key: 'stockoutIn', header: 'stockout_in_days' },
      { key: 'error', header: 'error' },
      { key: 'forecast', header: 'forecast' },
    ]);
    expect(csv).toBe(
      'item_id,name,status,stockout_in_days,error,forecast\r\n' +
        'A-2,"Air filter, large",stockout,0,1.1,override\r\n' +
        'B-1,"Brake ""pro"" pad",at_risk,2,0.9,statistical\r\n' +
        'B-2,Bulb,at_risk,6,0.5,statistical\r\n',
    );
  });

  it('writes text a spreadsheet would run as a formula after an apostrophe', () => {
    const json = sample();
    json.name[4] = '=HYPERLINK("http://x.example")';
    json.id[4] = '-B2';
    const table = decodeItemTable(json);
    const rows = selectRows(table, view({ status: ['at_risk'], sort: 'id' }));
    const csv = toCsv(table, rows, [
      { key: 'id', header: 'item_id' },
      { key: 'name', header: 'name' },
      { key: 'stockoutIn', header: 'stockout_in_days' },
    ]);
    expect(csv).toBe('item_id,name,stockout_in_days\r\n"\'-B2","\'=HYPERLINK(""http://x.example"")",6\r\nB-1,"Brake ""pro"" pad",2\r\n');
  });
});
