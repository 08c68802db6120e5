import { describe, expect, it } from 'vitest';
import { EventFields, LineReader } from '@/lib/events/parse';

const NAMES = ['type', 'item_id', 'date', 'quantity', 'uom', 'on_hand', 'on_order', 'as_of', 'on_order_due'] as const;

/** What a line must yield: JSON.parse, then the named own fields. */
function reference(line: string): unknown {
  if (line.trim() === '') return 'blank';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'invalid';
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'invalid';
  const o = value as Record<string, unknown>;
  return Object.fromEntries(NAMES.map((n) => [n, Object.hasOwn(o, n) ? o[n] : undefined]));
}

/** One reader for all lines, as in a request: its string cache must never leak one line into another. */
const reader = new LineReader();

function actual(line: string): unknown {
  const fields = new EventFields();
  // Embed the line in a larger string, as the splitter hands over ranges of a chunk.
  const text = `garbage{"x":1}\n${line}\n{"more":true}`;
  const start = 15;
  const result = reader.read(text, start, start + line.length, fields);
  if (result.kind !== 'event') return result.kind;
  return Object.fromEntries(NAMES.map((n) => [n, fields[n]]));
}

function same(line: string): void {
  expect(actual(line), line).toStrictEqual(reference(line));
}

describe('readLine', () => {
  it('reads typical event lines like JSON.parse does', () => {
    same('{"type":"sale","item_id":"SKU-1","date":"2024-01-02","quantity":3,"uom":"EA"}');
    same('{"type":"stock","item_id":"SKU-1","on_hand":10.5,"on_order":null,"uom":"CASE","as_of":"2024-01-02"}');
    same('  { "type" : "sale" , "item_id" : "A" ,\t"quantity" : -0 , "uom":"EA", "date":"2024-01-02T10:00:00Z" }  ');
    same('{}');
    same('{"type":"sale","type":"stock"}');
    same('{"quantity":1e3,"on_hand":-1.5E-2,"on_order":123456789012345678901234567890}');
    same('{"quantity":1e999}');
    same('{"quantity":0.1,"on_hand":9007199254740993,"on_order":-9007199254740993}');
    same('{"type":true,"item_id":false,"uom":null}');
    same('{"extra":{"nested":[1,2,{"a":"b"}]},"type":"sale"}');
    same('{"item_id":"escaped \\"quote\\" and \\u00e9 and \\n"}');
    same('{"item_id":"ünïcödé 漢字 😀"}');
    same('{"__proto__":{"type":"sale"},"constructor":"x"}');
  });

  it('treats blank lines as blank and everything else that is not an object as invalid', () => {
    for (const line of ['', '   ', '\t']) expect(actual(line)).toBe('blank');
    for (const line of [
      'not json',
      '[1,2]',
      '"text"',
      '42',
      'null',
      '{"a":1',
      '{"a":1}}',
      '{"a":1} x',
      '{"a":01}',
      '{"a":1.}',
      '{"a":.5}',
      '{"a":-}',
      '{"a":1e}',
      '{"a":+1}',
      '{"a":"tab\there"}',
      '{"a":tru}',
      '{"a":truex}',
      "{'a':1}",
      '{"a":1,}',
      '{,"a":1}',
      '{"a" 1}',
      '{"a":"unterminated}',
    ]) {
      expect(actual(line), line).toBe('invalid');
      same(line);
    }
  });

  it('agrees with JSON.parse on many generated lines', () => {
    let seed = 42;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const numbers = ['0', '-0', '7', '-12', '3.25', '1e2', '1E+2', '2.5e-3', '123456789012345', '1234567890123456789', '00', '1.', '-'];
    const strings = ['"SKU-1"', '""', '"2024-01-02"', '"a\\"b"', '"\\u0041"', '"é"', '"unterminated'];
    const others = ['true', 'false', 'null', '[]', '{"x":[1]}', 'nul'];
    const keys = [...NAMES, 'other', 'quantity2', 'typ'];
    const space = () => pick(['', '', ' ', '  ', '\t', ' \t ']);
    for (let n = 0; n < 5000; n++) {
      const members: string[] = [];
      const count = Math.floor(rand() * 7);
      for (let m = 0; m < count; m++) {
        const value = pick([numbers, strings, others] as const);
        members.push(`${space()}"${pick(keys)}"${space()}:${space()}${pick(value)}${space()}`);
      }
      let line = `${space()}{${members.join(',')}}${space()}`;
      if (rand() < 0.05) line = line.slice(0, Math.floor(rand() * line.length));
      same(line);
    }
  });
});
