import { readCsv } from './csv';
import { InventoryRows } from './inventory';
import type { IssueList } from './issues';
import { ItemsRows } from './items';
import { resolveHeader, type ResolvedHeader } from './kinds';
import { SalesRows } from './sales';
import { formatOf, type ImportSource, type SourceFingerprint } from './source';
import { UomRows } from './uom';
import { readXlsx } from './xlsx';

export type AnyRows = ItemsRows | UomRows | SalesRows | InventoryRows;

function rowsFor(header: ResolvedHeader, file: string, issues: IssueList, decimalComma: boolean): AnyRows {
  switch (header.kind) {
    case 'items':
      return new ItemsRows(file, header, issues, decimalComma);
    case 'uom':
      return new UomRows(file, header, issues, decimalComma);
    case 'sales':
      return new SalesRows(file, header, issues, decimalComma);
    case 'inventory':
      return new InventoryRows(file, header, issues, decimalComma);
  }
}

/**
 * Reads one file (CSV or XLSX, told apart by its first bytes) into the typed columns of its kind.
 * Problems go to `issues`; the result is null when the file could not be read at all.
 */
export async function parseSource(source: ImportSource, print: SourceFingerprint, issues: IssueList): Promise<AnyRows | null> {
  const file = source.name;
  const before = issues.total;
  let rows: AnyRows | null = null;
  const open = (header: string[], headerRow: number, decimalComma: boolean) => {
    const resolved = resolveHeader(header, source.kind);
    if (Array.isArray(resolved)) {
      for (const p of resolved) issues.add(file, headerRow, p.column, p.message);
      return null;
    }
    rows = rowsFor(resolved, file, issues, decimalComma);
    return rows;
  };
  const format = formatOf(print.head);
  if (format === 'xls') {
    issues.add(file, 0, '', 'a legacy .xls workbook; save it as .xlsx or CSV UTF-8');
    return null;
  }
  if (format === 'xlsx') {
    await readXlsx(source.chunks(), { file, issues, open: (header, headerRow) => open(header, headerRow, false) });
  } else {
    await readCsv(source.chunks(), {
      file,
      issues,
      bytes: print.bytes,
      fits: (header) => !Array.isArray(resolveHeader(header, source.kind)),
      open: (header, decimalComma, headerRow) => open(header, headerRow, decimalComma),
    });
  }
  const read = rows as AnyRows | null;
  if (read && read.rowsRead === 0 && issues.total === before) issues.add(file, 0, '', 'no data rows below the header');
  return read;
}
