import { describe, expect, it } from 'vitest';
import { readingOrder } from '@/lib/ingest/zip-order';
import { csvToCells, GOOD, reorderZip, xlsx } from './helpers';

/** The parts' names in stored order. */
function names(zip: Buffer): string[] {
  let stored: string[] = [];
  reorderZip(zip, (n) => (stored = n));
  return stored;
}

describe('readingOrder', () => {
  it('stores the workbook part, its relationships, the shared strings and the styles before the sheets, every part kept', async () => {
    const book = await xlsx(csvToCells(GOOD.items), { Notes: [['not', 'this', 'sheet']] });
    const isSheet = (n: string) => n.startsWith('xl/worksheets/sheet');
    const late = reorderZip(book, (names) => [...names.filter(isSheet), ...names.filter((n) => !isSheet(n))]);
    const fixed = readingOrder(late);
    expect(names(fixed).slice(0, 4)).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
    expect([...names(fixed)].sort()).toEqual([...names(late)].sort());
    // The parts' contents are the same bytes (reorderZip inflates what it reads).
    const contents = (zip: Buffer) => {
      const out = new Map<string, Buffer>();
      const plain = reorderZip(zip, (n) => n);
      let at = 0;
      while (plain.readUInt32LE(at) === 0x04034b50) {
        const size = plain.readUInt32LE(at + 18);
        const nameLength = plain.readUInt16LE(at + 26);
        out.set(plain.toString('utf8', at + 30, at + 30 + nameLength), plain.subarray(at + 30 + nameLength, at + 30 + nameLength + size));
        at += 30 + nameLength + size;
      }
      return out;
    };
    expect(contents(fixed)).toEqual(contents(late));
  });

  it('leaves a workbook already in reading order, and bytes that are no zip, as they are', async () => {
    const book = await xlsx(csvToCells(GOOD.items));
    const ordered = reorderZip(book, (names) => [...names.filter((n) => !n.startsWith('xl/worksheets/')), ...names.filter((n) => n.startsWith('xl/worksheets/'))]);
    expect(readingOrder(ordered)).toBe(ordered);
    const notZip = Buffer.from('item_id,name\nA-1,Cola\n');
    expect(readingOrder(notZip)).toBe(notZip);
  });
});
