import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { sqlite } from '../../helpers/sqlite';
import { counts, csv, GOOD, storeChecksum } from './helpers';

/** The optional supplier, unit_price, holding_cost_rate and lead_time_sd_days item columns. */
const tmp = tempDir();
let store: Store;
beforeAll(async () => {
  store = openStore(tmp.dir);
  await importFiles(store, [csv('items.csv', GOOD.items)]);
}, 60_000);
afterAll(() => {
  store.close();
  tmp.cleanup();
});

const HEAD = 'item_id,name,category,base_uom,unit_cost,lead_time_days,vendor,price,holding_cost_rate,lead_time_sd_days\n';
const stored = (code: string) =>
  sqlite(store).prepare('SELECT supplier, unit_price, holding_cost_rate, lead_time_sd_days FROM items WHERE item_id = ?').get(code);

describe('item supplier and cost columns', () => {
  it('an old file without them imports, leaving them empty', () => {
    expect(stored('A-1')).toEqual({ supplier: null, unit_price: null, holding_cost_rate: null, lead_time_sd_days: null });
  });

  it('imports them under their aliases, a rate written as a percentage too', async () => {
    await importFiles(store, [csv('items2.csv', `${HEAD}A-1,Cola 330ml,Beverages,EA,0.45,7,Fizz Ltd,0.99,25%,2\nB-2,Cheddar,Dairy,EA,3.1,3,,,,\n`)]);
    expect(stored('A-1')).toEqual({ supplier: 'Fizz Ltd', unit_price: 0.99, holding_cost_rate: 0.25, lead_time_sd_days: 2 });
    expect(stored('B-2')).toEqual({ supplier: null, unit_price: null, holding_cost_rate: null, lead_time_sd_days: null });
  });

  it('a re-sent old master keeps what was stored', async () => {
    await importFiles(store, [csv('items3.csv', 'item_id,name,category,base_uom,unit_cost,lead_time_days\nA-1,Cola,Beverages,EA,0.5,7\n')]);
    expect(stored('A-1')).toEqual({ supplier: 'Fizz Ltd', unit_price: 0.99, holding_cost_rate: 0.25, lead_time_sd_days: 2 });
  });

  const bad = [
    { column: 'price', text: 'A-1,Cola,Beverages,EA,0.45,7,Fizz,-1,0.2,1', message: /selling price of 0 or more, got "-1"/ },
    { column: 'holding_cost_rate', text: 'A-1,Cola,Beverages,EA,0.45,7,Fizz,1,140%,1', message: /holding cost rate between 0 and 1/ },
    { column: 'lead_time_sd_days', text: 'A-1,Cola,Beverages,EA,0.45,7,Fizz,1,0.2,soon', message: /lead-time standard deviation/ },
    { column: 'vendor', text: `A-1,Cola,Beverages,EA,0.45,7,${'x'.repeat(120)},1,0.2,1`, message: /supplier name of at most 100/ },
  ];
  for (const c of bad) {
    it(`a malformed ${c.column} is refused naming file, row and column, nothing written`, async () => {
      const before = { sum: storeChecksum(sqlite(store)), version: await store.dataVersion(), counts: counts(sqlite(store)) };
      const err = await importFiles(store, [csv('bad.csv', `${HEAD}B-2,Cheddar,Dairy,EA,3.1,3,,,,\n${c.text}\n`)]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      const issue = (err as ImportError).issues[0]!;
      expect(issue).toMatchObject({ file: 'bad.csv', row: 3, column: c.column });
      expect(issue.message).toMatch(c.message);
      expect(await store.dataVersion()).toBe(before.version);
      expect(storeChecksum(sqlite(store))).toBe(before.sum);
    });
  }
});
