import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import { bytesSource } from '@/lib/ingest/source';
import { storedInOrder } from '@/lib/ingest/zip-order';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { counts, csv, csvToCells, GOOD, storeChecksum, xlsx } from './helpers';
import { sqlite } from '../../helpers/sqlite';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = openStore(tmp.dir);
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

const all = () => [csv('sales.csv', GOOD.sales), csv('inventory.csv', GOOD.inventory), csv('uom.csv', GOOD.uom), csv('items.csv', GOOD.items)];

/** The data tables in readable form: what an import leaves behind, independent of ids and hashes. */
function contents(s: Store) {
  const db = sqlite(s);
  return {
    items: db.prepare('SELECT item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack FROM items ORDER BY item_id').all(),
    factors: db
      .prepare(`SELECT COALESCE(i.item_id, '*') AS item, u.code, f.factor FROM uom_factors f LEFT JOIN items i ON i.id = f.item JOIN uom_codes u ON u.id = f.uom ORDER BY 1, 2`)
      .all(),
    sales: db.prepare('SELECT i.item_id, s.day, s.quantity, u.code FROM sales s JOIN items i ON i.id = s.item JOIN uom_codes u ON u.id = s.uom ORDER BY s.rowid').all() as {
      item_id: string;
      day: number;
      quantity: number;
      code: string;
    }[],
    inventory: db
      .prepare('SELECT i.item_id, v.as_of, v.on_hand, v.on_order, u.code, v.on_order_due FROM inventory v JOIN items i ON i.id = v.item JOIN uom_codes u ON u.id = v.uom ORDER BY 1, 2')
      .all(),
  };
}

describe('importFiles', () => {
  it('imports all four kinds from CSV in one import, applied items → uom → sales → inventory', async () => {
    const outcome = await importFiles(store, all());
    expect(outcome).toEqual({
      imported: [
        { file: 'items.csv', kind: 'items', rows: 3, skipped: false },
        { file: 'uom.csv', kind: 'uom', rows: 4, skipped: false },
        { file: 'sales.csv', kind: 'sales', rows: 6, skipped: false },
        { file: 'inventory.csv', kind: 'inventory', rows: 3, skipped: false },
      ],
      dataVersion: 1,
    });
    const c = contents(store);
    expect(c.items).toEqual([
      { item_id: 'A-1', name: 'Cola 330ml', category: 'Beverages', base_uom: 'EA', unit_cost: 0.45, lead_time_days: 7, service_level: 0.95, moq: 24, case_pack: 24 },
      { item_id: 'B-2', name: 'Cheddar, Mature', category: 'Dairy', base_uom: 'EA', unit_cost: 3.1, lead_time_days: 3, service_level: null, moq: null, case_pack: 12 },
      { item_id: 'C-3', name: 'Espresso Beans', category: 'Coffee', base_uom: 'KG', unit_cost: 14.5, lead_time_days: 21, service_level: 0.95, moq: 10, case_pack: null },
    ]);
    expect(c.factors).toEqual([
      { item: '*', code: 'DZ', factor: 12 },
      { item: 'A-1', code: 'CASE', factor: 24 },
      { item: 'A-1', code: 'PALLET', factor: 1920 },
      { item: 'C-3', code: 'BAG', factor: 0.25 },
    ]);
    const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
    expect(c.sales).toEqual([
      { item_id: 'A-1', day: day('2026-10-01'), quantity: 5, code: 'EA' },
      { item_id: 'A-1', day: day('2026-10-01'), quantity: 2, code: 'CASE' },
      { item_id: 'A-1', day: day('2026-10-02'), quantity: 1, code: 'DZ' },
      { item_id: 'B-2', day: day('2026-10-02'), quantity: 3, code: 'EA' }, // blank unit: the base unit
      { item_id: 'C-3', day: day('2026-10-03'), quantity: 8, code: 'BAG' },
      { item_id: 'C-3', day: day('2026-10-03'), quantity: 1.5, code: 'KG' },
    ]);
    expect(c.inventory).toEqual([
      { item_id: 'A-1', as_of: day('2026-10-31'), on_hand: 120, on_order: 48, code: 'EA', on_order_due: day('2026-11-05') },
      { item_id: 'B-2', as_of: day('2026-10-31'), on_hand: 0, on_order: 0, code: 'EA', on_order_due: null },
      { item_id: 'C-3', as_of: day('2026-10-31'), on_hand: 3, on_order: 0, code: 'BAG', on_order_due: null },
    ]);
    expect(counts(sqlite(store)).imports).toBe(4);
  });

  it('imports each kind from XLSX (first sheet) exactly as from CSV', async () => {
    const viaCsv = tempDir();
    const csvStore = openStore(viaCsv.dir);
    try {
      for (const kind of ['items', 'uom', 'sales', 'inventory'] as const) {
        await importFiles(csvStore, [csv(`${kind}.csv`, GOOD[kind])]);
        const book = await xlsx(csvToCells(GOOD[kind]), { Notes: [['not', 'this', 'sheet']] });
        const outcome = await importFiles(store, [bytesSource(`${kind}.xlsx`, book)]);
        expect(outcome.imported).toEqual([{ file: `${kind}.xlsx`, kind, rows: GOOD[kind].trim().split('\n').length - 1, skipped: false }]);
      }
      expect(await store.dataVersion()).toBe(4);
      expect(contents(store)).toEqual(contents(csvStore));
    } finally {
      csvStore.close();
      viaCsv.cleanup();
    }
  });

  it('reads the first sheet of an XLSX whatever the order its parts are stored in, other sheets skipped', async () => {
    const book = await xlsx(csvToCells(GOOD.items), { Notes: [['not', 'this', 'sheet']], More: [['nor', 'this']] });
    const isSheet = (n: string) => n.startsWith('xl/worksheets/sheet');
    const others = (names: string[], ...last: string[]) => names.filter((n) => !isSheet(n) && !last.includes(n));
    const orders: Record<string, (names: string[]) => string[]> = {
      // exceljs names a sheet from xl/workbook.xml, and failed on a sheet stored before it.
      'the workbook part after its sheets': (names) => [...others(names, 'xl/workbook.xml'), ...names.filter(isSheet).reverse(), 'xl/workbook.xml'],
      // exceljs kept such sheets in temporary files and lost the rest of the zip (its issue 683):
      // the first sheet's text came out as string indices, or a skipped sheet's file was deleted
      // before it was opened, an error outside any handler that ended the process.
      'the shared strings after the sheets': (names) => [...others(names, 'xl/sharedStrings.xml'), ...names.filter(isSheet), 'xl/sharedStrings.xml'],
      'the sheets last': (names) => [...others(names), ...names.filter(isSheet)],
    };
    for (const [label, order] of Object.entries(orders)) {
      const run = tempDir();
      const target = openStore(run.dir);
      try {
        const outcome = await importFiles(target, [bytesSource('items.xlsx', storedInOrder(book, order)!)]);
        expect(outcome.imported, label).toEqual([{ file: 'items.xlsx', kind: 'items', rows: 3, skipped: false }]);
        expect(contents(target).items.map((i) => (i as { item_id: string }).item_id), label).toEqual(['A-1', 'B-2', 'C-3']);
      } finally {
        target.close();
        run.cleanup();
      }
    }
  });

  it('skips a file imported before: the store is unchanged, data version included', async () => {
    await importFiles(store, all());
    const before = storeChecksum(sqlite(store));
    const again = await importFiles(store, all());
    expect(again.dataVersion).toBe(1);
    expect(again.imported.every((f) => f.skipped)).toBe(true);
    expect(again.imported.map((f) => f.rows)).toEqual([3, 4, 6, 3]);
    expect(storeChecksum(sqlite(store))).toBe(before);
    // Given again with the kind it was imported as, it is skipped; with another kind, refused.
    const sales = new TextEncoder().encode(GOOD.sales);
    expect((await importFiles(store, [bytesSource('sales.csv', sales, 'sales')])).imported[0]).toMatchObject({ kind: 'sales', skipped: true });
    const err = await importFiles(store, [bytesSource('sales.csv', sales, 'items')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).issues).toEqual([{ file: 'sales.csv', row: 0, column: '', message: 'these bytes were imported before as sales, not items: a file holds one kind' }]);
    expect(storeChecksum(sqlite(store))).toBe(before);
  });

  it('imports the same bytes only once when given twice in one import', async () => {
    const outcome = await importFiles(store, [csv('items.csv', GOOD.items), csv('copy-of-items.csv', GOOD.items)]);
    expect(outcome.imported).toEqual([
      { file: 'items.csv', kind: 'items', rows: 3, skipped: false },
      { file: 'copy-of-items.csv', kind: 'items', rows: 3, skipped: true },
    ]);
    expect(counts(sqlite(store)).items).toBe(3);
  });

  it('updates re-imported items in place, keeping their ids and history', async () => {
    await importFiles(store, all());
    const ids = sqlite(store).prepare('SELECT item_id, id FROM items ORDER BY item_id').all();
    const changed = GOOD.items.replace('A-1,Cola 330ml,Beverages,EA,0.45,7,0.95,24,24', 'A-1,Cola Zero 330ml,Soft Drinks,EA,0.52,10,0.98,48,24');
    const outcome = await importFiles(store, [csv('items-v2.csv', `${changed}D-4,New Item,Snacks,EA,1,5,,,\n`)]);
    expect(outcome).toEqual({ imported: [{ file: 'items-v2.csv', kind: 'items', rows: 4, skipped: false }], dataVersion: 2 });
    expect(sqlite(store).prepare(`SELECT name, category, unit_cost, lead_time_days, service_level, moq FROM items WHERE item_id = 'A-1'`).get()).toEqual({
      name: 'Cola Zero 330ml',
      category: 'Soft Drinks',
      unit_cost: 0.52,
      lead_time_days: 10,
      service_level: 0.98,
      moq: 48,
    });
    expect(sqlite(store).prepare('SELECT item_id, id FROM items WHERE item_id <> ? ORDER BY item_id').all('D-4')).toEqual(ids);
    expect(counts(sqlite(store))).toMatchObject({ items: 4, sales: 6, inventory: 3 });
  });

  it('replaces a stored stock position for the same item and date', async () => {
    await importFiles(store, all());
    await importFiles(store, [csv('stock-fix.csv', 'item_id,on_hand,on_order,uom,as_of\nA-1,99,0,CASE,2026-10-31\n')]);
    expect(contents(store).inventory[0]).toMatchObject({ item_id: 'A-1', on_hand: 99, on_order: 0, code: 'CASE', on_order_due: null });
    expect(counts(sqlite(store)).inventory).toBe(3);
  });

  it('keeps every sales row: the same item and date twice are two transactions', async () => {
    await importFiles(store, all());
    await importFiles(store, [csv('more.csv', 'item_id,date,quantity\nA-1,2026-10-01,5\nA-1,2026-10-01,5\n')]);
    expect(counts(sqlite(store)).sales).toBe(8);
  });

  it('one invalid file rolls back the whole import', async () => {
    const bad = GOOD.inventory.replace('C-3,3,0,BAG', 'C-3,-3,0,BAG');
    const err = await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom), csv('sales.csv', GOOD.sales), csv('inventory.csv', bad)]).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.issues).toEqual([{ file: 'inventory.csv', row: 4, column: 'on_hand', message: expect.stringContaining('negative on-hand'), item: 'C-3' }]);
    expect(counts(sqlite(store))).toEqual({ items: 0, uom_factors: 0, sales: 0, inventory: 0, imports: 0 });
    expect(await store.dataVersion()).toBe(0);
    expect(sqlite(store).prepare('SELECT COUNT(*) AS n FROM uom_codes').get()).toEqual({ n: 0 });
  });

  it('reads aliases, semicolons with decimal commas, tabs, a BOM and CRLF line ends', async () => {
    await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
    const outcome = await importFiles(store, [
      csv('semi.csv', '\ufeffSKU;Day;Qty;Unit\r\nA-1;2026-10-05;2,5;ea\r\nC-3;2026-10-05;1;bag\r\n'),
      csv('tabs.tsv', 'product_id\tsale_date\tqty_sold\nB-2\t2026-10-06\t4\n'),
      csv('stock.csv', 'Item,Stock,Open Orders,As Of Date\nA-1,10,0,2026-10-07\n'),
    ]);
    expect(outcome.imported.map((f) => [f.file, f.kind, f.rows])).toEqual([
      ['semi.csv', 'sales', 2],
      ['tabs.tsv', 'sales', 1],
      ['stock.csv', 'inventory', 1],
    ]);
    expect(contents(store).sales.map((s) => [s.item_id, s.quantity, s.code])).toEqual([
      ['A-1', 2.5, 'EA'],
      ['C-3', 1, 'BAG'],
      ['B-2', 4, 'EA'],
    ]);
  });

  it('takes the kind given explicitly', async () => {
    await importFiles(store, [csv('items.csv', GOOD.items)]);
    const outcome = await importFiles(store, [bytesSource('x.csv', Buffer.from('item_id,date,quantity\nA-1,2026-10-01,1\n'), 'sales')]);
    expect(outcome.imported[0]!.kind).toBe('sales');
    const err = await importFiles(store, [bytesSource('y.csv', Buffer.from('item_id,date,quantity\nA-1,2026-10-02,1\n'), 'inventory')]).catch((e) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect(err.issues.map((i: { column: string }) => i.column)).toEqual(['on_hand', 'on_order']); // `date` reads as as_of
  });

  describe('streaming a big sales file from a parsing thread into the open transaction', () => {
    const stream = { exclusive: true, streamFromBytes: 0, streamBatchRows: 5000 };
    const salesText = (n: number, bad: Record<number, string> = {}) => {
      let text = 'item_id,date,quantity,uom\n';
      for (let i = 0; i < n; i++) text += bad[i] ? `${bad[i]}\n` : `${['A-1', 'B-2', 'C-3'][i % 3]},2026-10-${String(1 + (i % 28)).padStart(2, '0')},${i % 17},${['EA', 'DZ', ''][i % 3]}\n`;
      return text;
    };

    it('stores exactly what the one-step import stores', async () => {
      await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
      const text = salesText(60_000);
      const outcome = await importFiles(store, [csv('big.csv', text)], stream);
      expect(outcome.imported).toEqual([{ file: 'big.csv', kind: 'sales', rows: 60_000, skipped: false }]);
      const other = tempDir();
      const plain = openStore(other.dir);
      try {
        await importFiles(plain, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
        await importFiles(plain, [csv('big.csv', text)]);
        expect(contents(store)).toEqual(contents(plain));
        expect(counts(sqlite(store))).toEqual(counts(sqlite(plain)));
      } finally {
        plain.close();
        other.cleanup();
      }
    });

    it('rolls back the batches already inserted when a later row is bad', async () => {
      await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
      const before = storeChecksum(sqlite(store));
      const text = salesText(40_000, { 12_345: 'Z-9,2026-10-01,1,EA', 20_000: 'B-2,2199-12-31,1,EA', 39_990: 'A-1,2026-10-01,1,BOX', 39_995: 'A-1,2026-99-01,1,EA' });
      const err = await importFiles(store, [csv('big.csv', text), csv('more-items.csv', 'item_id,name,category,base_uom,unit_cost,lead_time_days\nM-1,m,c,EA,1,1\n')], stream).catch((e) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect(err.issues).toEqual([
        { file: 'big.csv', row: 12_347, column: 'item_id', message: expect.stringMatching(/unknown item "Z-9"/), item: 'Z-9' },
        { file: 'big.csv', row: 20_002, column: 'date', message: expect.stringMatching(/date 2199-12-31 is after today .*: a sale cannot be dated in the future/), item: 'B-2' },
        { file: 'big.csv', row: 39_992, column: 'uom', message: expect.stringMatching(/no conversion from BOX/), item: 'A-1' },
        { file: 'big.csv', row: 39_997, column: 'date', message: expect.stringMatching(/YYYY-MM-DD/), item: 'A-1' },
      ]);
      expect(storeChecksum(sqlite(store))).toBe(before);
      expect(await store.dataVersion()).toBe(1);
    });
  });

  it('reads files bigger than one chunk, with quoted fields across chunk ends', async () => {
    await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
    let text = 'item_id,date,quantity,uom\n';
    const n = 120_000;
    for (let i = 0; i < n; i++) text += i % 1000 === 7 ? `"A-1","2026-10-01","3","EA"\n` : `B-2,2026-10-02,${i % 9},\n`;
    expect(text.length).toBeGreaterThan(2 << 20);
    const outcome = await importFiles(store, [csv('big.csv', text)]);
    expect(outcome.imported[0]!.rows).toBe(n);
    expect(sqlite(store).prepare('SELECT COUNT(*) AS n, SUM(quantity) AS q FROM sales').get()).toEqual({
      n,
      q: Array.from({ length: n }, (_, i) => (i % 1000 === 7 ? 3 : i % 9)).reduce((a, b) => a + b, 0),
    });
  });
});
