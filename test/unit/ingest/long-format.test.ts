import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LongFormatError, parseLongCsv, readLongCsv } from '@/lib/ingest/long-format';
import { tempDir } from '../../helpers/tmp';

const plain = (r: ReturnType<typeof parseLongCsv>) => ({
  ids: r.ids,
  firstT: Array.from(r.firstT),
  values: Array.from(r.batch.values),
  offsets: Array.from(r.batch.offsets),
});

const malformed: [string, number, number, RegExp][] = [
  ['series_id,t\na,1\n', 1, 3, /missing header column "value"/],
  ['series_id,t,value\na,1,2\na,x,2\n', 3, 2, /t must be an integer, got "x"/],
  ['series_id,t,value\na,1,2\na,2,2e\n', 3, 3, /value must be a number, got "2e"/],
  ['series_id,t,value\na,1,2\na,2,1e400\n', 3, 3, /value must be a number, got "1e400"/],
  ['series_id,t,value\na,1,2\na,2,-3e120\n', 3, 3, /value must lie within ±1e\+100, got "-3e120"/],
  ['series_id,t,value\na,1,2\nb,1,2\na,1,5\n', 4, 2, /duplicate \(series_id, t\) = \("a", 1\)/],
  ['series_id,t,value\na,1\n', 2, 3, /expected 3 columns, found 2/],
  ['series_id,t,value\n,1,2\n', 2, 1, /empty series_id/],
  ['series_id,t,value\na,1,2\na,5000000,2\n', 3, 2, /spans/],
  ['series_id,t,value\n"a,1,2\n', 2, 1, /./],
];

describe('long CSV', () => {
  it('orders by t, keeps first-appearance order of series, and leaves gaps as NaN', () => {
    const r = parseLongCsv('series_id,t,value\nb,3,30\na,1,1\nb,1,10\na,2,NA\nb,5,50\n');
    expect(plain(r)).toEqual({ ids: ['b', 'a'], firstT: [1, 1], values: [10, NaN, 30, NaN, 50, 1, NaN], offsets: [0, 5, 7] });
  });

  it('reads columns in any order, extra columns, CRLF, a BOM and blank lines', () => {
    const r = parseLongCsv('\ufeffvalue,note,t,series_id\r\n5,x,3,z\r\n\r\n6,y,2,z\r\n');
    expect(plain(r)).toEqual({ ids: ['z'], firstT: [2], values: [6, 5], offsets: [0, 2] });
  });

  it('reads quoted fields (commas, quotes) the same way as plain ones', () => {
    const quoted = parseLongCsv('series_id,t,value\n"a,1",1,"2.5"\n"say ""hi""",1,3\n');
    expect(quoted.ids).toEqual(['a,1', 'say "hi"']);
    expect(Array.from(quoted.batch.values)).toEqual([2.5, 3]);
    const text = 'series_id,t,value\nx,2,4\nx,1,3\ny,1,-1\n';
    expect(plain(parseLongCsv(text))).toEqual(plain(parseLongCsv(text.replace('series_id', '"series_id"'))));
  });

  it.each(malformed)('%j → line %i, column %i', (text, line, column, message) => {
    let error: unknown;
    try {
      parseLongCsv(text);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(LongFormatError);
    expect((error as LongFormatError).line).toBe(line);
    expect((error as LongFormatError).column).toBe(column);
    expect((error as Error).message).toMatch(message);
  });
});

describe('long CSV read from a file in pieces', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let n = 0;
  const file = (text: string) => {
    const at = path.join(tmp.dir, `${n++}.csv`);
    fs.writeFileSync(at, text);
    return at;
  };
  const outcome = async (read: () => Promise<ReturnType<typeof parseLongCsv>> | ReturnType<typeof parseLongCsv>) => {
    try {
      return { ok: plain(await read()) };
    } catch (err) {
      return { error: err instanceof LongFormatError ? [err.line, err.column, err.message] : String(err) };
    }
  };

  const texts = [
    'series_id,t,value\nb,3,30\na,1,1\nb,1,10\na,2,NA\nb,5,50\n',
    '\ufeffvalue,note,t,series_id\r\n5,x,3,z\r\n\r\n6,y,2,z\r\n',
    'series_id,t,value\nÄpfel–Süd,1,2.5\nÄpfel–Süd,2,3\n東京,1,4',
    'series_id,t,value\n"a,1",1,"2.5"\n"say ""hi""",1,3\n',
    '\ufeff"series_id",t,value\nx,2,4\nx,1,3\ny,1,-1\n',
    '',
    'series_id,t,value',
    ...malformed.map(([text]) => text),
    'series_id,t,value\na,1,2\n"b",1,x\n',
  ];
  it.each(texts)('%j: the same series or the same error as the whole text, whatever the piece size', async (text) => {
    const whole = await outcome(() => parseLongCsv(text));
    const at = file(text);
    for (const bytes of [1, 2, 3, 7, 64, 1 << 16]) {
      expect(await outcome(() => readLongCsv(at, bytes)), `pieces of ${bytes} bytes`).toEqual(whole);
    }
  });

  it('reads a file longer than its pieces many times over, lines split anywhere', async () => {
    let text = 'series_id,t,value\r\n';
    for (let i = 0; i < 5_000; i++) text += `item-${i % 37}-€,${Math.floor(i / 37)},${(i * 7919) % 1000}.5\r\n`;
    const at = file(text);
    const whole = plain(parseLongCsv(text));
    expect(whole.ids).toHaveLength(37);
    for (const bytes of [4_093, 65_536]) expect(plain(await readLongCsv(at, bytes))).toEqual(whole);
  });
});
