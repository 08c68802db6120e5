import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '@/lib/ingest/import';
import { ImportError, ISSUE_CAP } from '@/lib/ingest/issues';
import { bytesSource, type ImportSource } from '@/lib/ingest/source';
import { openStore, type Store } from '@/lib/store';
import { dayOfDate, dayToIso } from '@/lib/store/days';
import { tempDir } from '../../helpers/tmp';
import { counts, csv, csvToCells, GOOD, storeChecksum, xlsx } from './helpers';
import { sqlite } from '../../helpers/sqlite';

/**
 * Every validation rule refuses its bad file with the file, row (header = row 1), column and item at
 * fault, and leaves the store exactly as it was: same data version, same contents.
 */
const tmp = tempDir();
let store: Store;
beforeAll(async () => {
  store = openStore(tmp.dir);
  await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom), csv('sales.csv', GOOD.sales), csv('inventory.csv', GOOD.inventory)]);
}, 60_000);
afterAll(() => {
  store.close();
  tmp.cleanup();
});

async function rejected(sources: ImportSource[]): Promise<ImportError> {
  const before = { sum: storeChecksum(sqlite(store)), version: (await store.dataVersion()), counts: counts(sqlite(store)) };
  const err = await importFiles(store, sources).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ImportError);
  expect(await store.dataVersion()).toBe(before.version);
  expect(counts(sqlite(store))).toEqual(before.counts);
  expect(storeChecksum(sqlite(store))).toBe(before.sum);
  return err as ImportError;
}

const SALES_HEAD = 'item_id,date,quantity,uom\n';
const INV_HEAD = 'item_id,on_hand,on_order,uom,as_of,on_order_due\n';
const ITEMS_HEAD = 'item_id,name,category,base_uom,unit_cost,lead_time_days\n';
const UOM_HEAD = 'item_id,uom,factor_to_base\n';
/** Three days ahead: past the import's clock even if midnight passes while a case runs. */
const TODAY = dayOfDate(new Date());
const AHEAD = dayToIso(TODAY + 3);

/** `item`: the item code the bad row names, which the problem names too. */
const cases: { rule: string; file: string; text: string; issue: { row: number; column: string; message: RegExp; item?: string } }[] = [
  { rule: 'required column', file: 's.csv', text: 'item_id,date,uom\nA-1,2026-10-01,EA\n', issue: { row: 1, column: '', message: /cannot tell what kind of file/ } },
  { rule: 'wrong type', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\nA-1,2026-10-02,five,EA\n`, issue: { row: 3, column: 'quantity', message: /expected a number, got "five"/, item: 'A-1' } },
  { rule: 'impossible date', file: 's.csv', text: `${SALES_HEAD}A-1,2026-02-30,5,EA\n`, issue: { row: 2, column: 'date', message: /YYYY-MM-DD, got "2026-02-30"/, item: 'A-1' } },
  { rule: 'ambiguous date', file: 's.csv', text: `${SALES_HEAD}A-1,10/01/2026,5,EA\n`, issue: { row: 2, column: 'date', message: /YYYY-MM-DD/, item: 'A-1' } },
  { rule: 'sale dated in the future', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\nA-1,${AHEAD},5,EA\n`, issue: { row: 3, column: 'date', message: new RegExp(`date ${AHEAD} is after today \\((?:${dayToIso(TODAY)}|${dayToIso(TODAY + 1)})\\): a sale cannot be dated in the future`), item: 'A-1' } },
  { rule: 'stock position dated in the future', file: 'i.csv', text: `${INV_HEAD}A-1,4,0,EA,${AHEAD},\n`, issue: { row: 2, column: 'as_of', message: /a stock position cannot be dated in the future/, item: 'A-1' } },
  { rule: 'negative on-hand', file: 'i.csv', text: `${INV_HEAD}A-1,-4,0,EA,2026-10-30,\n`, issue: { row: 2, column: 'on_hand', message: /negative on-hand "-4"/, item: 'A-1' } },
  { rule: 'negative on order', file: 'i.csv', text: `${INV_HEAD}A-1,4,-1,EA,2026-10-30,\n`, issue: { row: 2, column: 'on_order', message: /negative on_order/, item: 'A-1' } },
  { rule: 'quantity past the amount limit', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\nA-1,2026-10-02,2e12,EA\n`, issue: { row: 3, column: 'quantity', message: /quantity must be at most 1e12 \(a trillion\), got "2e12"/, item: 'A-1' } },
  { rule: 'quantity that overflows', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,1e400,EA\n`, issue: { row: 2, column: 'quantity', message: /at most 1e12 \(a trillion\), got "1e400"/, item: 'A-1' } },
  { rule: 'on-hand past the amount limit', file: 'i.csv', text: `${INV_HEAD}A-1,1e13,0,EA,2026-10-30,\n`, issue: { row: 2, column: 'on_hand', message: /on_hand must be at most 1e12 \(a trillion\), got "1e13"/, item: 'A-1' } },
  { rule: 'factor past the amount limit', file: 'u.csv', text: `${UOM_HEAD}B-2,CASE,1e400\n`, issue: { row: 2, column: 'factor_to_base', message: /at most 1e12 \(a trillion\), got "1e400"/, item: 'B-2' } },
  { rule: 'cost past the amount limit', file: 'it.csv', text: `${ITEMS_HEAD}X-1,x,c,EA,1e400,1\n`, issue: { row: 2, column: 'unit_cost', message: /expected at most 1e12 \(a trillion\), got "1e400"/, item: 'X-1' } },
  { rule: 'grouped thousands in a semicolon file', file: 's.csv', text: 'item_id;date;quantity;uom\nA-1;2026-10-01;1,5;EA\nA-1;2026-10-02;1.000;EA\n', issue: { row: 3, column: 'quantity', message: /"1.000" is ambiguous here: a thousands separator or a decimal mark\?/, item: 'A-1' } },
  { rule: 'negative quantity', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,-5,EA\n`, issue: { row: 2, column: 'quantity', message: /must not be negative/, item: 'A-1' } },
  { rule: 'unknown item in sales', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\nZ-9,2026-10-01,5,EA\n`, issue: { row: 3, column: 'item_id', message: /unknown item "Z-9"/, item: 'Z-9' } },
  { rule: 'unknown item in inventory', file: 'i.csv', text: `${INV_HEAD}Z-9,4,0,EA,2026-10-30,\n`, issue: { row: 2, column: 'item_id', message: /unknown item "Z-9"/, item: 'Z-9' } },
  { rule: 'unknown item in uom', file: 'u.csv', text: `${UOM_HEAD}Z-9,CASE,6\n`, issue: { row: 2, column: 'item_id', message: /unknown item "Z-9"/, item: 'Z-9' } },
  { rule: 'unit without factor in sales', file: 's.csv', text: `${SALES_HEAD}B-2,2026-10-01,1,CASE\n`, issue: { row: 2, column: 'uom', message: /no conversion from CASE to the base unit EA of item "B-2"/, item: 'B-2' } },
  { rule: 'unit without factor in inventory', file: 'i.csv', text: `${INV_HEAD}C-3,4,0,EA,2026-10-30,\n`, issue: { row: 2, column: 'uom', message: /no conversion from EA to the base unit KG/, item: 'C-3' } },
  { rule: 'zero factor', file: 'u.csv', text: `${UOM_HEAD}B-2,CASE,0\n`, issue: { row: 2, column: 'factor_to_base', message: /above 0, got "0"/, item: 'B-2' } },
  { rule: 'negative factor', file: 'u.csv', text: `${UOM_HEAD}B-2,CASE,-12\n`, issue: { row: 2, column: 'factor_to_base', message: /above 0/, item: 'B-2' } },
  { rule: 'base unit factor other than 1', file: 'u.csv', text: `${UOM_HEAD}B-2,EA,2\n`, issue: { row: 2, column: 'factor_to_base', message: /base unit of item "B-2"; its factor is always 1/, item: 'B-2' } },
  { rule: 'duplicate item_id', file: 'it.csv', text: `${ITEMS_HEAD}X-1,x,c,EA,1,1\nX-1,y,c,EA,1,1\n`, issue: { row: 3, column: 'item_id', message: /duplicate item_id "X-1" \(first at row 2\)/, item: 'X-1' } },
  { rule: 'duplicate (item, uom)', file: 'u.csv', text: `${UOM_HEAD}B-2,CASE,12\nB-2,case,12\n`, issue: { row: 3, column: 'uom', message: /duplicate factor for CASE of item "B-2"/, item: 'B-2' } },
  { rule: 'duplicate all-item unit', file: 'u.csv', text: `${UOM_HEAD},PK,6\n,PK,6\n`, issue: { row: 3, column: 'uom', message: /duplicate factor for PK of all items/ } },
  { rule: 'duplicate (item, as_of)', file: 'i.csv', text: `${INV_HEAD}A-1,1,0,EA,2026-10-30,\nA-1,2,0,EA,2026-10-30,\n`, issue: { row: 3, column: 'as_of', message: /duplicate position for item "A-1"/, item: 'A-1' } },
  { rule: 'base unit change', file: 'it.csv', text: `${ITEMS_HEAD}A-1,Cola,Beverages,CASE,0.45,7\n`, issue: { row: 2, column: 'base_uom', message: /counted in EA in the store/, item: 'A-1' } },
  { rule: 'cost not a number', file: 'it.csv', text: `${ITEMS_HEAD}X-1,x,c,EA,cheap,1\n`, issue: { row: 2, column: 'unit_cost', message: /a cost of 0 or more, got "cheap"/, item: 'X-1' } },
  { rule: 'negative lead time', file: 'it.csv', text: `${ITEMS_HEAD}X-1,x,c,EA,1,-3\n`, issue: { row: 2, column: 'lead_time_days', message: /0 or more, got "-3"/, item: 'X-1' } },
  { rule: 'service level out of range', file: 'it.csv', text: 'item_id,name,category,base_uom,unit_cost,lead_time_days,service_level\nX-1,x,c,EA,1,1,1.5\n', issue: { row: 2, column: 'service_level', message: /between 0 and 1/, item: 'X-1' } },
  { rule: 'empty base unit', file: 'it.csv', text: `${ITEMS_HEAD}X-1,x,c,,1,1\n`, issue: { row: 2, column: 'base_uom', message: /base_uom is empty/, item: 'X-1' } },
  { rule: 'empty item id', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\n,2026-10-01,5,EA\n`, issue: { row: 3, column: 'item_id', message: /item_id is empty/ } },
  { rule: 'too few values', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5\n`, issue: { row: 2, column: '', message: /expected 4 values .* found 3/ } },
  { rule: 'too many values', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA,oops\n`, issue: { row: 2, column: '', message: /found 5/ } },
  { rule: 'unclosed quote', file: 's.csv', text: `${SALES_HEAD}A-1,2026-10-01,5,EA\n"A-1,2026-10-02,5,EA\nA-1,2026-10-03,5,EA\n`, issue: { row: 3, column: '', message: /never closed/ } },
  { rule: 'header only', file: 's.csv', text: SALES_HEAD, issue: { row: 0, column: '', message: /no data rows/ } },
  { rule: 'empty file', file: 's.csv', text: '', issue: { row: 0, column: '', message: /the file is empty/ } },
  { rule: 'two columns meaning one', file: 's.csv', text: 'item_id,sku,date,quantity\nA-1,A-1,2026-10-01,1\n', issue: { row: 1, column: 'sku', message: /more than one column means item_id/ } },
];

describe('validation', () => {
  for (const c of cases) {
    it(`refuses ${c.rule}`, async () => {
      const err = await rejected([csv(c.file, c.text)]);
      const { item, message, ...where } = c.issue;
      expect(err.issues[0]).toEqual({ file: c.file, ...where, message: expect.stringMatching(message), ...(item ? { item } : {}) });
    });
  }

  it("accepts tomorrow's date, which is today where the data's time zone is ahead of UTC", async () => {
    const tomorrow = dayToIso(TODAY + 1);
    const outcome = await importFiles(store, [csv('tomorrow.csv', `${SALES_HEAD}A-1,${tomorrow},5,EA\n`), csv('tomorrow-stock.csv', `${INV_HEAD}A-1,4,0,EA,${tomorrow},\n`)]);
    expect(outcome.imported.map((f) => [f.kind, f.rows])).toEqual([
      ['sales', 1],
      ['inventory', 1],
    ]);
  });

  it('names a workbook cut short as such, wherever the cut falls, and nothing else of it', async () => {
    const rows = Array.from({ length: 3000 }, (_, k) => `A-1,2026-0${1 + (k % 9)}-1${k % 9},${k},EA`);
    const book = await xlsx(csvToCells(`${SALES_HEAD}${rows.join('\n')}\n`));
    for (const cut of [3000, book.length >> 1, book.length - 100]) {
      const err = await rejected([bytesSource('cut.xlsx', book.subarray(0, cut))]);
      expect(err.issues, `cut at ${cut} of ${book.length}`).toEqual([{ file: 'cut.xlsx', row: 0, column: '', message: expect.stringMatching(/^not a readable XLSX workbook: it ends before its zip directory/) }]);
    }
  });

  it('names sheet rows and columns in an XLSX file', async () => {
    const book = await xlsx(csvToCells(`${SALES_HEAD}A-1,2026-10-01,5,EA\nA-1,2026-10-02,5,BOX\n`));
    const err = await rejected([bytesSource('s.xlsx', book)]);
    expect(err.issues).toEqual([{ file: 's.xlsx', row: 3, column: 'uom', message: expect.stringMatching(/no conversion from BOX/), item: 'A-1' }]);
  });

  it('reports problems in several files of one import at once, and writes none of them', async () => {
    const err = await rejected([
      csv('new-items.csv', `${ITEMS_HEAD}N-1,New,Snacks,EA,1,5\n`),
      csv('s.csv', `${SALES_HEAD}N-1,2026-10-01,5,EA\nN-1,2026-10-01,x,EA\n`),
      csv('i.csv', `${INV_HEAD}N-1,-1,0,EA,2026-10-30,\n`),
    ]);
    expect(err.issues.map((i) => [i.file, i.row, i.column])).toEqual([
      ['s.csv', 3, 'quantity'],
      ['i.csv', 2, 'on_hand'],
    ]);
    expect(sqlite(store).prepare(`SELECT COUNT(*) AS n FROM items WHERE item_id = 'N-1'`).get()).toEqual({ n: 0 });
  });

  it(`lists the first ${ISSUE_CAP} problems and counts the rest`, async () => {
    let text = SALES_HEAD;
    for (let i = 0; i < 250; i++) text += `A-1,2026-10-01,bad${i},EA\n`;
    const err = await rejected([csv('many.csv', text)]);
    expect(err.issues).toHaveLength(ISSUE_CAP);
    expect(err.total).toBe(250);
    expect(err.message).toMatch(/250 problems in many\.csv; nothing was imported \(first 100 listed, 150 more not shown\)/);
    expect(err.issues[99]).toMatchObject({ row: 101, column: 'quantity' });
  });
});
