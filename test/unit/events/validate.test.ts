import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchBuilder, columns, NO_DAY, SALE, STOCK } from '@/lib/events/batch';
import { eventCatalog, UnitKeys, type EventCatalog } from '@/lib/events/catalog';
import { EventFields, LineReader } from '@/lib/events/parse';
import { EventValidator, isoDay } from '@/lib/events/validate';
import type { Store } from '@/lib/store';
import { dayToIso, parseIsoDay } from '@/lib/store/days';
import { tempDir } from '../../helpers/tmp';
import { storeWithItems } from './fixtures';

describe('event validation', () => {
  const tmp = tempDir();
  let store: Store;
  let catalog: EventCatalog;
  beforeAll(async () => {
    store = storeWithItems(path.join(tmp.dir, 'data'), 3);
    catalog = eventCatalog(await store.catalog.load());
  });
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  function check(event: Record<string, unknown>) {
    const fields = new EventFields();
    const line = JSON.stringify(event);
    expect(new LineReader().read(line, 0, line.length, fields).kind).toBe('event');
    const units = new UnitKeys();
    const batch = new BatchBuilder(2);
    const error = new EventValidator(catalog, units).add(fields, batch);
    return { error, batch, units };
  }
  const sale = { type: 'sale', item_id: 'SKU-1', date: '2024-03-05', quantity: 4, uom: 'EA' };
  const stock = { type: 'stock', item_id: 'SKU-0', on_hand: 7, on_order: 2, uom: 'BOX', as_of: '2024-03-05' };

  it('adds valid sale and stock events to the batch columns', async () => {
    const a = check(sale);
    expect(a.error).toBeNull();
    const b = a.batch.take();
    const c = columns(b.buffer, b.length);
    expect([b.length, b.sales, b.stock]).toEqual([1, 1, 0]);
    expect([c.kind[0], c.day[0], c.amount[0], c.due[0]]).toEqual([SALE, parseIsoDay('2024-03-05'), 4, NO_DAY]);
    expect(a.units.codes[c.unit[0]!]).toBe('EA');

    const s = check({ ...stock, on_order_due: '2024-04-01' });
    expect(s.error).toBeNull();
    const sb = s.batch.take();
    const sc = columns(sb.buffer, sb.length);
    expect([sc.kind[0], sc.amount[0], sc.onOrder[0], sc.due[0]]).toEqual([STOCK, 7, 2, parseIsoDay('2024-04-01')]);
    expect(s.units.codes[sc.unit[0]!]).toBe('BOX');
  });

  it('accepts a unit that converts for every item, optional fields absent or null, and zero amounts', async () => {
    expect(check({ ...sale, uom: 'CASE', quantity: 0 }).error).toBeNull();
    expect(check({ ...stock, on_order: null, on_order_due: null }).error).toBeNull();
    const { on_order: _, ...noOrder } = stock;
    expect(check(noOrder).error).toBeNull();
  });

  it('names the field and value that make an event invalid', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ...sale, type: undefined }, 'missing field "type"'],
      [{ ...sale, type: 'return' }, 'type must be "sale" or "stock", got "return"'],
      [{ ...sale, item_id: undefined }, 'missing field "item_id"'],
      [{ ...sale, item_id: 12 }, 'item_id must be a non-empty string, got 12'],
      [{ ...sale, item_id: 'NOPE' }, 'unknown item "NOPE"'],
      [{ ...sale, uom: '' }, 'uom must be a non-empty string, got ""'],
      [{ ...sale, uom: 'BOX' }, 'unit "BOX" has no conversion factor for item "SKU-1"'],
      [{ ...sale, uom: 'PALLET' }, 'unit "PALLET" has no conversion factor for item "SKU-1"'],
      [{ ...sale, date: '2023-02-29' }, 'date must be an ISO date (YYYY-MM-DD), got "2023-02-29"'],
      [{ ...sale, date: 20240101 }, 'date must be an ISO date (YYYY-MM-DD), got 20240101'],
      [{ ...sale, quantity: '3' }, 'quantity must be a number, got "3"'],
      [{ ...sale, quantity: -1 }, 'quantity must not be negative, got -1'],
      [{ ...sale, quantity: 1e300 }, 'quantity must be at most 1e12 (a trillion), got 1e+300'],
      [{ ...sale, quantity: undefined }, 'missing field "quantity"'],
      [{ ...stock, on_hand: -2 }, 'on_hand must not be negative, got -2'],
      [{ ...stock, on_order: -1 }, 'on_order must not be negative, got -1'],
      [{ ...stock, as_of: '2024-13-01' }, 'as_of must be an ISO date (YYYY-MM-DD), got "2024-13-01"'],
      [{ ...stock, on_order_due: 'soon' }, 'on_order_due must be an ISO date (YYYY-MM-DD), got "soon"'],
      [{ ...sale, item_id: 'X'.repeat(200) }, `unknown item "${'X'.repeat(76)}...`],
    ];
    for (const [event, error] of cases) {
      const result = check(event);
      expect(result.error, JSON.stringify(event)).toBe(error);
      expect(result.batch.length).toBe(0);
    }
  });

  it('refuses a sale or stock position dated after tomorrow by its clock, and a date outside 1900 to 2199', async () => {
    const now = new Date('2026-12-07T23:30:00Z');
    const validate = (event: Record<string, unknown>) => {
      const fields = new EventFields();
      const line = JSON.stringify(event);
      new LineReader().read(line, 0, line.length, fields);
      return new EventValidator(catalog, new UnitKeys(), now).add(fields, new BatchBuilder(2));
    };
    expect(validate({ ...sale, date: '2026-12-08' })).toBeNull();
    expect(validate({ ...stock, as_of: '2026-12-08', on_order_due: '2027-03-01' })).toBeNull();
    expect(validate({ ...sale, date: '2026-12-09' })).toBe('date 2026-12-09 is after today (2026-12-07): a sale cannot be dated in the future');
    expect(validate({ ...sale, date: '2062-12-07T09:00:00' })).toBe('date 2062-12-07 is after today (2026-12-07): a sale cannot be dated in the future');
    expect(validate({ ...stock, as_of: '2027-01-01' })).toBe('as_of 2027-01-01 is after today (2026-12-07): a stock position cannot be dated in the future');
    expect(validate({ ...sale, date: '0001-01-01' })).toBe('date must be a date from 1900 to 2199, got "0001-01-01"');
    expect(validate({ ...stock, on_order_due: '9999-12-31' })).toBe('on_order_due must be a date from 1900 to 2199, got "9999-12-31"');
  });

  it('rejects a number too large to be finite', async () => {
    const fields = new EventFields();
    const line = '{"type":"sale","item_id":"SKU-1","date":"2024-01-01","quantity":1e999,"uom":"EA"}';
    new LineReader().read(line, 0, line.length, fields);
    expect(new EventValidator(catalog, new UnitKeys()).add(fields, new BatchBuilder())).toBe(
      'quantity must be finite, got Infinity',
    );
  });
});

describe('isoDay', () => {
  it('agrees with the store day numbering for every day from 1900 to 2100', async () => {
    const wrong: string[] = [];
    for (let day = parseIsoDay('1900-01-01'); day <= parseIsoDay('2100-12-31'); day++) {
      if (isoDay(dayToIso(day)) !== day) wrong.push(dayToIso(day));
    }
    expect(wrong).toEqual([]);
  });

  it('ignores a time part and rejects malformed or impossible dates', async () => {
    expect(isoDay('2024-02-29T23:59:59Z')).toBe(parseIsoDay('2024-02-29'));
    expect(isoDay('2024-02-29 10:00')).toBe(parseIsoDay('2024-02-29'));
    for (const bad of ['2023-02-29', '2024-00-10', '2024-01-32', '2024-1-01', '2024/01/01', '24-01-01', 'x024-01-01', '2024-01-01x', '']) {
      expect(isoDay(bad), bad).toBeNaN();
    }
  });
});
