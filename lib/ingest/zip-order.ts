/**
 * An XLSX workbook is a zip whose parts may be stored in any order, and the streaming reader
 * (exceljs) reads them in the order stored: a sheet stored before the workbook's shared strings,
 * its relationships or its styles waits in a temporary file, and that path loses the rest of the
 * zip (exceljs issue 683). `readingOrder` stores those parts first, each part's compressed bytes
 * as they are, so that every sheet is read as it streams. Pure: bytes in, bytes out.
 */
const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
/** The parts a sheet is read with, in the order they are stored before the sheets. */
const FIRST = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const isSheet = (name: string) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name);

/** One part as the central directory lists it. */
export interface ZipPart {
  name: string;
  crc: number;
  compressedSize: number;
  /** The central directory's record (46 bytes, without name, extra field and comment). */
  record: Buffer;
  /** Offset of the part's local header. */
  local: number;
}

/**
 * Where the zip's end record starts, -1 where it has none: a file cut short (an interrupted copy or
 * upload) loses it first. It is the last 22 bytes but for a comment of up to 65,535 bytes.
 */
export function endRecordAt(zip: Buffer): number {
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END) return at;
  }
  return -1;
}

/**
 * The zip with the parts in FIRST stored before every sheet; `zip` itself where they already are,
 * or where it is not a zip this reads (truncated, ZIP64, several disks, a name stored twice: the
 * reader then reports what it finds).
 */
export function readingOrder(zip: Buffer): Buffer {
  const parts = zipParts(zip);
  if (!parts || new Set(parts.map((p) => p.name)).size !== parts.length) return zip;
  const firstSheet = parts.findIndex((p) => isSheet(p.name));
  if (firstSheet < 0) return zip;
  const early = new Set(parts.slice(0, firstSheet).map((p) => p.name));
  if (!FIRST.some((name) => !early.has(name) && parts.some((p) => p.name === name))) return zip;
  return storedInOrder(zip, (names) => [...FIRST.filter((name) => names.includes(name)), ...names.filter((name) => !FIRST.includes(name))]) ?? zip;
}

/**
 * The zip with its parts stored in the order `order` gives their names (every name once), each
 * part's compressed bytes as they are, under a local header that carries its sizes and CRC; null
 * where the zip cannot be read as a plain single-disk one.
 */
export function storedInOrder(zip: Buffer, order: (names: string[]) => string[]): Buffer | null {
  const parts = zipParts(zip);
  if (!parts) return null;
  const byName = new Map(parts.map((p) => [p.name, p]));
  const names = order(parts.map((p) => p.name));
  if (names.length !== parts.length || new Set(names).size !== names.length || names.some((n) => !byName.has(n))) {
    throw new Error('storedInOrder: the order must name every part of the zip once');
  }
  const out: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const nameText of names) {
    const { record, local } = byName.get(nameText)!;
    if (local + 30 > zip.length || zip.readUInt32LE(local) !== LOCAL) return null;
    const name = Buffer.from(nameText);
    const dataAt = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(dataAt, dataAt + record.readUInt32LE(20));
    if (data.length !== record.readUInt32LE(20)) return null;
    // No data descriptor follows: the local header has the central directory's sizes and CRC.
    const flags = record.readUInt16LE(8) & ~0x0008;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(record.readUInt16LE(6), 4);
    head.writeUInt16LE(flags, 6);
    record.copy(head, 8, 10, 28); // method, time, date, CRC, sizes
    head.writeUInt16LE(name.length, 26);
    const entry = Buffer.from(record);
    entry.writeUInt16LE(flags, 8);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt16LE(0, 30); // no extra field
    entry.writeUInt16LE(0, 32); // no comment
    entry.writeUInt32LE(offset, 42);
    out.push(head, name, data);
    records.push(entry, name);
    offset += 30 + name.length + data.length;
  }
  const directory = Buffer.concat(records);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(names.length, 8);
  end.writeUInt16LE(names.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

/** The zip's parts in the order they are stored, or null where it is not a plain single-disk zip. */
export function zipParts(zip: Buffer): ZipPart[] | null {
  const end = endRecordAt(zip);
  if (end < 0 || zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const parts: ZipPart[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const record = Buffer.from(zip.subarray(at, at + 46));
    if (record.readUInt32LE(20) === 0xffffffff || record.readUInt32LE(42) === 0xffffffff) return null;
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    parts.push({ name, crc: record.readUInt32LE(16), compressedSize: record.readUInt32LE(20), record, local: record.readUInt32LE(42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts.sort((a, b) => a.local - b.local);
}
