import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { CsvReader } from '@/lib/ingest/csv';
import { IssueList } from '@/lib/ingest/issues';
import type { RowSink } from '@/lib/ingest/rows';

/** Reads `bytes` in chunks of the given sizes (cycled) and records every row as an array of fields. */
function read(bytes: Buffer | string, chunkSizes: number[] = [1 << 20], fits = (h: string[]) => h.length >= 3) {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  const rows: { row: number; fields: string[]; count?: number }[] = [];
  let header: string[] | null = null;
  let headerRow = 0;
  const issues = new IssueList();
  const sink: RowSink = {
    row(text, bounds, fields, rowNo) {
      const out: string[] = [];
      const located = Math.min(fields, bounds.length >> 1);
      for (let f = 0; f < located; f++) out.push(text.slice(bounds[2 * f], bounds[2 * f + 1]));
      // Fields past the located ones are only counted (readers refuse such rows anyway).
      rows.push(located < fields ? { row: rowNo, fields: out, count: fields } : { row: rowNo, fields: out });
    },
    reserve() {},
  };
  const reader = new CsvReader({
    file: 'f.csv',
    issues,
    fits,
    open: (h, _comma, at) => {
      header = h;
      headerRow = at;
      return sink;
    },
  });
  let at = 0;
  for (let k = 0; at < data.length; k++) {
    const size = chunkSizes[k % chunkSizes.length]!;
    if (reader.push(data.subarray(at, at + size)) === 'stop') return { header, headerRow, rows, issues };
    at += size;
  }
  reader.end();
  return { header, headerRow, rows, issues };
}

describe('CsvReader', () => {
  it('reads , ; and tab delimited files, with or without a BOM, LF, CRLF or CR line ends', () => {
    for (const d of [',', ';', '\t']) {
      for (const nl of ['\n', '\r\n', '\r']) {
        for (const bom of ['', '\ufeff']) {
          const text = `${bom}a${d}b${d}c${nl}1${d}2${d}3${nl}4${d}5${d}6`;
          const r = read(text);
          expect(r.header).toEqual(['a', 'b', 'c']);
          expect(r.rows).toEqual([
            { row: 2, fields: ['1', '2', '3'] },
            { row: 3, fields: ['4', '5', '6'] },
          ]);
          expect(r.issues.total).toBe(0);
        }
      }
    }
  });

  it('reads quoted fields: delimiters, doubled quotes and line breaks inside, at any chunk boundary', () => {
    const text = 'a,b,c\n"x, y","say ""hi""","two\nlines"\nplain,"",z\n"last","row","\r\nend"\n';
    const expected = [
      { row: 2, fields: ['x, y', 'say "hi"', 'two\nlines'] },
      { row: 3, fields: ['plain', '', 'z'] },
      { row: 4, fields: ['last', 'row', '\r\nend'] },
    ];
    for (const sizes of [[1], [2], [3], [5, 1], [7], [1 << 20]]) {
      const r = read(text, sizes);
      expect(r.rows, `chunks of ${sizes}`).toEqual(expected);
      expect(r.issues.total).toBe(0);
    }
  });

  it('splits unquoted text exactly as papaparse does, whatever the chunk sizes', () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const alphabet = ['a', 'b', '1', '.', ' ', '-', 'é', '€', ',', ',', ',', '\n'];
    for (let trial = 0; trial < 40; trial++) {
      let body = '';
      const n = 50 + Math.floor(rand() * 400);
      for (let i = 0; i < n; i++) body += alphabet[Math.floor(rand() * alphabet.length)];
      const text = `h1,h2,h3\n${body}`;
      const located = 3 + 8; // the reader locates the header's fields and 8 more
      const papa = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' })
        .data.slice(1)
        .map((fields, i) =>
          fields.length > located ? { row: i + 2, fields: fields.slice(0, located), count: fields.length } : { row: i + 2, fields },
        )
        .filter((r) => !(r.fields.length === 1 && r.fields[0] === '')); // empty lines are skipped
      const sizes = [1 + Math.floor(rand() * 40), 1 + Math.floor(rand() * 7)];
      expect(read(text, sizes).rows, `trial ${trial}`).toEqual(papa);
    }
  });

  it('keeps multi-byte characters whole across chunk boundaries', () => {
    const text = 'name,city,note\nZoë,Kraków,日本語\nØre,Århus,🙂\n';
    expect(read(text, [1]).rows.map((r) => r.fields)).toEqual([
      ['Zoë', 'Kraków', '日本語'],
      ['Øre', 'Århus', '🙂'],
    ]);
  });

  it('skips blank lines before the header and counts them as rows', () => {
    const r = read('\n\na,b,c\n\n1,2,3\n');
    expect(r.headerRow).toBe(3);
    expect(r.rows).toEqual([{ row: 5, fields: ['1', '2', '3'] }]);
  });

  it('picks the delimiter that makes a header it knows', () => {
    expect(read('a;b;c\n1;2;3\n').header).toEqual(['a', 'b', 'c']);
    // Commas inside the names, semicolons between them: the semicolon split is the one that fits.
    expect(read('x,1;y,2;z\n', undefined, (h) => h.includes('y,2')).header).toEqual(['x,1', 'y,2', 'z']);
  });

  it('reports an unclosed quote with its row, also when it swallows the file', () => {
    const r = read('a,b,c\n1,2,3\n"4,5,6\n7,8,9\n', [4]);
    expect(r.rows).toEqual([{ row: 2, fields: ['1', '2', '3'] }]);
    expect(r.issues.listed).toEqual([{ file: 'f.csv', row: 3, column: '', message: 'a quoted value is never closed (missing ")' }]);
  });

  it('reports a malformed closing quote', () => {
    const r = read('a,b,c\n"1"x,2,3\n4,5,6\n');
    expect(r.issues.listed[0]).toMatchObject({ row: 2, message: expect.stringMatching(/stray quote/) });
  });

  it('refuses text that is not UTF-8, naming the row', () => {
    const bytes = Buffer.concat([Buffer.from('a,b,c\n1,2,3\n4,'), Buffer.from([0xe9]), Buffer.from(',6\n')]);
    const r = read(bytes);
    expect(r.issues.listed).toEqual([{ file: 'f.csv', row: 3, column: '', message: 'not UTF-8 text (save the file as "CSV UTF-8")' }]);
  });

  it('refuses UTF-16, NUL bytes and empty files', () => {
    expect(read(Buffer.from('\ufeffa,b,c\n1,2,3\n', 'utf16le')).issues.listed[0]!.message).toMatch(/not UTF-8/);
    expect(read('a,b,c\n1,\u00002,3\n').issues.listed[0]).toMatchObject({ row: 2, message: expect.stringMatching(/NUL/) });
    expect(read('').issues.listed[0]).toMatchObject({ row: 0, message: 'the file is empty' });
    expect(read(' \n\t\n').issues.listed[0]).toMatchObject({ row: 0, message: 'the file is empty' });
  });

  it('stops at a line longer than 16 MiB instead of holding it', () => {
    const r = read(Buffer.alloc(17 << 20, 0x61), [1 << 20]);
    expect(r.issues.listed[0]!.message).toMatch(/longer than 16 MiB/);
  });
});
