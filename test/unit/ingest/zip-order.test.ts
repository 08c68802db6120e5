import { describe, expect, it } from 'vitest';
import { readingOrder, storedInOrder, zipParts } from '@/lib/ingest/zip-order';
import { csvToCells, GOOD, xlsx } from './helpers';

const isSheet = (n: string) => n.startsWith('xl/worksheets/sheet');
/** Each part's name, CRC-32 and compressed size, by name: the same parts, whatever their order. */
const contents = (zip: Buffer) => zipParts(zip)!.map(({ name, crc, compressedSize }) => ({ name, crc, compressedSize })).sort((a, b) => a.name.localeCompare(b.name));

describe('XLSX parts in reading order', () => {
  it('stores the workbook part, its relationships, the shared strings and the styles before the sheets, every part kept', async () => {
    const book = await xlsx(csvToCells(GOOD.items), { Notes: [['not', 'this', 'sheet']] });
    const late = storedInOrder(book, (names) => [...names.filter(isSheet), ...names.filter((n) => !isSheet(n))])!;
    expect(zipParts(late)!.map((p) => p.name).slice(0, 2)).toEqual(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    const fixed = readingOrder(late);
    expect(zipParts(fixed)!.map((p) => p.name).slice(0, 4)).toEqual(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
    expect(contents(fixed)).toEqual(contents(book));
    // The compressed bytes are copied as they are: the rewritten zip holds the same data.
    expect(fixed.length).toBeLessThanOrEqual(book.length + 64);
  });

  it('leaves a workbook already in reading order, and bytes it cannot read as a zip (none, or cut short), as they are', async () => {
    const book = await xlsx(csvToCells(GOOD.items));
    const ordered = storedInOrder(book, (names) => [...names.filter((n) => !isSheet(n)), ...names.filter(isSheet)])!;
    expect(readingOrder(ordered)).toBe(ordered);
    const notZip = Buffer.from('item_id,name\nA-1,Cola\n');
    expect(readingOrder(notZip)).toBe(notZip);
    expect(storedInOrder(notZip, (n) => n)).toBeNull();
    // A zip cut short: its central directory whole, most of the parts it points at gone.
    const late = storedInOrder(await xlsx(csvToCells(GOOD.items)), (names) => [...names.filter(isSheet), ...names.filter((n) => !isSheet(n))])!;
    const directoryAt = late.readUInt32LE(late.length - 22 + 16);
    const cut = Buffer.concat([late.subarray(0, 100), late.subarray(directoryAt)]);
    cut.writeUInt32LE(100, cut.length - 22 + 16);
    expect(zipParts(cut)!.length).toBe(zipParts(late)!.length);
    expect(readingOrder(cut)).toBe(cut);
  });

  it('refuses an order that does not name every part once', async () => {
    const book = await xlsx(csvToCells(GOOD.items));
    expect(() => storedInOrder(book, (names) => names.slice(1))).toThrow(/every part/);
    expect(() => storedInOrder(book, (names) => [...names.slice(1), names[1]!])).toThrow(/every part/);
  });
});
