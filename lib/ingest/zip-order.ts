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

interface Part {
  name: Buffer;
  /** The central directory's record (46 bytes, without name, extra field and comment). */
  record: Buffer;
  /** Offset of the part's local header. */
  local: number;
}

/**
 * The zip with the parts in FIRST stored before every sheet; `zip` itself where they already are,
 * or where it is not a zip this reads (ZIP64, several disks: the reader then reports it).
 */
export function readingOrder(zip: Buffer): Buffer {
  const parts = centralDirectory(zip);
  if (!parts) return zip;
  const byOffset = [...parts].sort((a, b) => a.local - b.local);
  const firstSheet = byOffset.findIndex((p) => isSheet(p.name.toString('utf8')));
  if (firstSheet < 0) return zip;
  const early = new Set(byOffset.slice(0, firstSheet).map((p) => p.name.toString('utf8')));
  const late = FIRST.filter((name) => !early.has(name) && byOffset.some((p) => p.name.toString('utf8') === name));
  if (late.length === 0) return zip;
  const front = FIRST.map((name) => byOffset.find((p) => p.name.toString('utf8') === name)).filter((p): p is Part => p !== undefined);
  const order = [...front, ...byOffset.filter((p) => !front.includes(p))];
  const out: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  for (const part of order) {
    const { record, name } = part;
    const at = part.local;
    if (zip.readUInt32LE(at) !== LOCAL) return zip;
    const dataAt = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
    const data = zip.subarray(dataAt, dataAt + record.readUInt32LE(20));
    // A local header with the central directory's sizes and CRC, so no data descriptor follows.
    const flags = record.readUInt16LE(8) & ~0x0008;
    const head = Buffer.alloc(30);
    head.writeUInt32LE(LOCAL, 0);
    head.writeUInt16LE(record.readUInt16LE(6), 4);
    head.writeUInt16LE(flags, 6);
    record.copy(head, 8, 10, 28); // method, time, date, CRC, sizes
    head.writeUInt16LE(name.length, 26);
    const entry = Buffer.from(record);
    entry.writeUInt16LE(flags, 8);
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
  end.writeUInt16LE(order.length, 8);
  end.writeUInt16LE(order.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, directory, end]);
}

/** The central directory's parts, or null where it cannot be read as a plain single-disk zip. */
function centralDirectory(zip: Buffer): Part[] | null {
  // The end record is the last 22 bytes but for a comment of up to 65,535 bytes.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END) {
      end = at;
      break;
    }
  }
  if (end < 0 || zip.readUInt16LE(end + 4) !== 0 || zip.readUInt16LE(end + 6) !== 0) return null;
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  if (count === 0xffff || at === 0xffffffff) return null;
  const parts: Part[] = [];
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL) return null;
    const nameLength = zip.readUInt16LE(at + 28);
    const record = Buffer.from(zip.subarray(at, at + 46));
    if (record.readUInt32LE(20) === 0xffffffff || record.readUInt32LE(42) === 0xffffffff) return null;
    parts.push({ name: Buffer.from(zip.subarray(at + 46, at + 46 + nameLength)), record, local: record.readUInt32LE(42) });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return parts;
}
