import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IssueList } from './issues';
import type { RowSink } from './rows';
import { endRecordAt, readingOrder } from './zip-order';

/**
 * XLSX reader (exceljs, streaming): the workbook's first sheet, its first non-empty row as the
 * header. Cells become text as a CSV export would write them (dates as YYYY-MM-DD), so one set
 * of field rules serves both formats. Row numbers are the sheet's.
 */
export interface XlsxTarget {
  file: string;
  issues: IssueList;
  /** `headerRow`: the sheet row the header is on */
  open(header: string[], headerRow: number): RowSink | null;
}

export async function readXlsx(chunks: AsyncIterable<Uint8Array>, target: XlsxTarget): Promise<void> {
  // The whole zip first: its parts' order is in the central directory at its end (zip-order.ts).
  const parts: Buffer[] = [];
  for await (const chunk of chunks) parts.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  const zip = Buffer.concat(parts);
  // Read as it is, a cut workbook would yield a sheet without its shared strings: a header of numbers.
  if (endRecordAt(zip) < 0) {
    target.issues.add(target.file, 0, '', 'not a readable XLSX workbook: it ends before its zip directory (a file cut short: copy or upload it again)');
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([readingOrder(zip)]), {
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // With the parts in reading order a sheet waits for nothing exceljs reads before it, but for a
  // workbook without shared strings (it then waits for them in a temporary file, which loses the
  // rest of the zip): start it with none. It names a sheet from the workbook part, which a zip
  // may still store after its sheets: start it with no sheets known.
  const state = workbook as unknown as { model?: { sheets?: { name: string }[] }; sharedStrings?: unknown[] };
  state.model = { sheets: [] };
  state.sharedStrings = [];
  let read = false;
  try {
    for await (const sheet of workbook) {
      if (read || !isFirstSheet(state.model?.sheets ?? [], sheet as unknown as { id: unknown; name: string })) {
        // Read a skipped sheet to its end: one kept in a temporary file is deleted once the next
        // sheet is asked for, and left unread its file's opening fails outside any handler.
        for await (const _ of sheet) void _;
        continue;
      }
      read = true;
      await readSheet(sheet, target);
    }
  } catch (err) {
    target.issues.add(target.file, 0, '', `not a readable XLSX workbook (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  if (!read) target.issues.add(target.file, 0, '', 'the workbook has no sheets');
}

/**
 * Whether `sheet` is the workbook's first: by name where the workbook part has been read, else
 * (the part stored after its sheets) the sheet stored as sheet1.xml, as writers number them.
 */
function isFirstSheet(sheets: { name: string }[], sheet: { id: unknown; name: string }): boolean {
  return sheets.length > 0 ? sheet.name === sheets[0]!.name : String(sheet.id) === '1';
}

async function readSheet(sheet: ExcelJS.stream.xlsx.WorksheetReader, target: XlsxTarget): Promise<void> {
  let sink: RowSink | null = null;
  let width = 0;
  let bounds = new Int32Array(64);
  let sawHeader = false;
  let refused = false;
  for await (const row of sheet) {
    if (refused) continue; // drain the sheet: leaving it half-read stalls the unzip stream
    const values = row.values as unknown[];
    const cells: string[] = [];
    for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
    if (!sawHeader) {
      if (cells.every((c) => c.trim() === '')) continue;
      while (cells.length && cells[cells.length - 1]!.trim() === '') cells.pop();
      sawHeader = true;
      width = cells.length;
      sink = target.open(cells, row.number);
      refused = !sink;
      continue;
    }
    while (cells.length < width) cells.push('');
    if (cells.length * 2 > bounds.length) bounds = new Int32Array(cells.length * 2);
    let at = 0;
    for (let f = 0; f < cells.length; f++) {
      bounds[2 * f] = at;
      at += cells[f]!.length;
      bounds[2 * f + 1] = at;
    }
    sink!.row(cells.join(''), bounds, cells.length, row.number);
  }
  if (!sawHeader) target.issues.add(target.file, 0, '', 'the first sheet is empty');
}

/** A cell as text: formulas by their cached result, rich text joined, dates as ISO dates. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((t) => t.text ?? '').join('');
    if ('result' in v) return cellText(v.result);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if ('text' in v) return cellText(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(value);
}
