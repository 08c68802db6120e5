import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { parseIntegers, parseReals, wholeAsInteger } from '@/lib/store/sqlite/numbers';

describe('parsing group_concat text', () => {
  it.each([
    ['as SQLite renders a REAL', 'q'],
    ['with whole values rendered as integers (wholeAsInteger, as the sales are read)', wholeAsInteger('q')],
  ])('reads back exactly the doubles SQLite stored, %s', (_how, rendered) => {
    let s = 7;
    const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const values = [0, -0, 4, -4, 0.1, 0.2 + 0.1, 1 / 3, 1e20, 1.5e-5, 123456789.123456789, 2 ** 53 + 2, -987.65, Infinity, -Infinity, 1e300, 2 ** 63, -(2 ** 63), 2 ** 62 + 2 ** 10, 1e15 + 0.5, -1e-300];
    for (let i = 0; i < 20_000; i++) values.push(Math.round(rand() * 1e6) / 10 ** Math.floor(rand() * 6), (rand() - 0.5) * 10 ** Math.floor(rand() * 30 - 10));
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (q REAL NOT NULL)');
    const insert = db.prepare('INSERT INTO t (q) VALUES (?)');
    db.transaction(() => values.forEach((v) => insert.run(v)))();
    const text = db.prepare(`SELECT group_concat(${rendered}) FROM t`).pluck().get() as string;
    expect(text.split(',')[2]).toBe(rendered === 'q' ? '4.0' : '4');
    const stored = db.prepare('SELECT q FROM t ORDER BY rowid').pluck().all() as number[];
    const out = new Float64Array(values.length + 2);
    parseReals(text, out, 2);
    for (let i = 0; i < stored.length; i++) {
      if (!Object.is(out[i + 2], stored[i])) throw new Error(`value ${i}: stored ${stored[i]}, parsed ${out[i + 2]}`);
    }
    db.close();
  });

  it('reads integers, negative ones included', () => {
    const out = new Int32Array(6);
    parseIntegers('12,-3,0,2147483647,-2147483648', out, 1);
    expect(Array.from(out)).toEqual([0, 12, -3, 0, 2147483647, -2147483648]);
  });
});
