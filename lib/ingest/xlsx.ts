import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { IssueList } from './issues';
import type { RowSink } from './rows';

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
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    sharedStrings: 'cache',
    styles: 'cache', // number formats tell date cells from numbers
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  let read = false;
  try {
    for await (const sheet of workbook) {
      const firstName = (workbook as unknown as { model?: { sheets?: { name: string }[] } }).model?.sheets?.[0]?.name;
      const name = (sheet as unknown as { name: string }).name;
      if (read || (firstName !== undefined && name !== firstName)) continue; // skipped sheets are drained
      read = true;
      await readSheet(sheet, target);
    }
  } catch (err) {
    target.issues.add(target.file, 0, '', `not a readable XLSX workbook (${err instanceof Error ? err.message : String(err)})`);
    return;
  }
  if (!read) target.issues.add(target.file, 0, '', 'the workbook has no sheets');
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
