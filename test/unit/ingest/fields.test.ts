import { describe, expect, it } from 'vitest';
import { civilDay, numberProblem, parseDay, parseNumber } from '@/lib/ingest/fields';
import { resolveHeader } from '@/lib/ingest/kinds';

const day = (s: string) => parseDay(s, 0, s.length);
const num = (s: string, comma = false) => parseNumber(s, 0, s.length, comma);

describe('parseDay', () => {
  it('agrees with Date.UTC on every day from 1900 to 2199', () => {
    for (let d = civilDay(1900, 1, 1); d <= civilDay(2199, 12, 31); d++) {
      const iso = new Date(d * 86_400_000).toISOString().slice(0, 10);
      if (day(iso) !== d) throw new Error(`${iso}: ${day(iso)} != ${d}`);
    }
    expect(civilDay(1970, 1, 1)).toBe(0);
  });

  it('reads a date inside a longer text, with a time after it or spaces around it', () => {
    const text = 'x,2024-02-29,y';
    expect(parseDay(text, 2, 12)).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(day('2024-02-29T13:45:00Z')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
    expect(day(' 2024-02-29 ')).toBe(Date.UTC(2024, 1, 29) / 86_400_000);
  });

  it('refuses impossible, ambiguous and out-of-range dates', () => {
    for (const bad of ['2023-02-29', '2024-04-31', '2024-00-10', '2024-13-01', '2024-1-05', '05/01/2024', '2024/01/05', '20240105', '', 'today', '1899-12-31', '2200-01-01', '2024-01-05x', '2O24-01-05']) {
      expect(day(bad), bad).toBeNaN();
    }
  });
});

describe('parseNumber', () => {
  it('reads decimals exactly as Number() does', () => {
    let seed = 1;
    const rand = () => ((seed = (Math.imul(seed, 48271) + 11) >>> 0) / 4294967296);
    for (let i = 0; i < 20_000; i++) {
      const digits = Math.floor(rand() * 15) + 1;
      const raw = Math.floor(rand() * 10 ** digits);
      const scale = Math.floor(rand() * (digits + 1));
      const text = scale ? `${String(raw).padStart(scale + 1, '0').slice(0, -scale)}.${String(raw).padStart(scale, '0').slice(-scale)}` : String(raw);
      for (const t of [text, `-${text}`]) if (num(t) !== Number(t)) throw new Error(`${t}: ${num(t)} != ${Number(t)}`);
    }
  });

  it('reads signs, exponents and surrounding spaces; refuses hex, Infinity and thousands separators', () => {
    expect([num('+5'), num('-0.5'), num('.5'), num('5.'), num('1e3'), num(' 42 '), num('1234567890123456789')]).toEqual([5, -0.5, 0.5, 5, 1000, 42, 1234567890123456789]);
    for (const bad of ['', ' ', '0x1A', 'Infinity', '-Infinity', 'NaN', '1,000', '1 000', '12..5', '--3', '$5', '5%', 'five']) {
      expect(num(bad), bad).toBeNaN();
    }
  });

  it('reads a decimal comma only where the delimiter is not a comma', () => {
    expect(num('2,5', true)).toBe(2.5);
    expect(num('2,5', false)).toBeNaN();
    expect(num('1,234,5', true)).toBeNaN();
  });

  it('refuses 1.000 and 1,000 where either mark may be the decimal one: a thousand, or one?', () => {
    for (const ambiguous of ['1.000', '12.500', '250,000', '-1.000', '999,999']) {
      expect(num(ambiguous, true), ambiguous).toBeNaN();
      expect(numberProblem(ambiguous, true), ambiguous).toContain('is ambiguous here: a thousands separator or a decimal mark?');
    }
    // Not grouped thousands: a leading zero, other decimals, or more than three digits before the mark.
    expect([num('0.250', true), num('0,125', true), num('1.25', true), num('1,5', true), num('1000.500', true), num('1000,5', true)]).toEqual([0.25, 0.125, 1.25, 1.5, 1000.5, 1000.5]);
    // A comma-delimited file writes its decimals with a point: 1.000 is one.
    expect(num('1.000', false)).toBe(1);
    expect(numberProblem('five', true)).toBe('expected a number, got "five"');
  });
});

describe('resolveHeader', () => {
  const kindOf = (header: string[]) => {
    const r = resolveHeader(header);
    return Array.isArray(r) ? r[0]!.message : r.kind;
  };

  it('tells the four kinds apart by their columns and common aliases', () => {
    expect(kindOf(['item_id', 'name', 'category', 'base_uom', 'unit_cost', 'lead_time_days'])).toBe('items');
    expect(kindOf(['SKU', 'Description', 'Group', 'Base Unit', 'Cost', 'Lead Time'])).toBe('items');
    expect(kindOf(['item_id', 'uom', 'factor_to_base'])).toBe('uom');
    expect(kindOf(['Product', 'Unit', 'Conversion Factor'])).toBe('uom');
    expect(kindOf(['item', 'date', 'qty'])).toBe('sales');
    expect(kindOf(['product_id', 'Sale Date', 'Units Sold', 'UoM'])).toBe('sales');
    expect(kindOf(['item_id', 'on_hand', 'on_order', 'uom', 'as_of', 'on_order_due'])).toBe('inventory');
    expect(kindOf(['SKU', 'Stock on hand', 'Open orders', 'Snapshot date'])).toBe('inventory');
  });

  it('says which columns it found when no kind fits', () => {
    expect(kindOf(['sku', 'when', 'how many'])).toMatch(/cannot tell what kind of file this is.*found columns: sku, when, how many/);
  });

  it('locates columns in any order', () => {
    const r = resolveHeader(['uom', 'qty', 'date', 'sku']);
    expect(Array.isArray(r) ? null : [...r.fieldOf]).toEqual([3, 2, 1, 0]);
  });
});
