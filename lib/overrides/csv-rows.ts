import Papa from 'papaparse';

/** A problem in an analyst's file (overrides, pins): spreadsheet row (the header is row 1) and column. */
export interface FileIssue {
  file: string;
  row: number;
  column: string | null;
  message: string;
  /** The item code the row names, where it names one. */
  item?: string;
}

/** Columns the exports add; an import reads past them, so an exported file imports as it is. */
export const EXPORT_ONLY: readonly string[] = ['author', 'updated_at'];
/**
 * The exports write text a spreadsheet would run as a formula (`=1+2`) after an apostrophe
 * (papaparse's escapeFormulae); read back, the apostrophe goes, so an exported file imports as it is.
 */
const unescapeFormula = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** The first this many issues are reported. */
const MAX_ISSUES = 50;

export interface CsvShape {
  /** Every column the import reads, in the documented order. */
  columns: readonly string[];
  required: readonly string[];
  /** Further header checks (e.g. one of two columns must be there). */
  headerIssues?: (names: readonly string[]) => { column: string | null; message: string }[];
  /** What a row holds, for "no … in the file". */
  what: string;
}

/**
 * Reads an analyst's CSV: the header checked (unknown and missing columns), then every row with
 * the header's field count handed to `onRow` by column name, which reports its own problems into
 * `issues`. Stops reading rows at MAX_ISSUES problems. Returns every problem found.
 */
export function readAnalystCsv(
  text: string,
  file: string,
  shape: CsvShape,
  onRow: (fields: Record<string, string>, row: number, issues: FileIssue[]) => void,
): FileIssue[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  const issues: FileIssue[] = [];
  for (const name of names) {
    if (!shape.columns.includes(name) && !EXPORT_ONLY.includes(name)) issues.push({ file, row: 1, column: name, message: `unknown column; expected ${shape.columns.join(', ')}` });
  }
  for (const name of shape.required) if (!names.includes(name)) issues.push({ file, row: 1, column: name, message: 'missing column' });
  for (const i of shape.headerIssues?.(names) ?? []) issues.push({ file, row: 1, ...i });
  if (issues.length > 0) return issues;
  rows.forEach((cells, k) => {
    const row = k + 2;
    if (issues.length >= MAX_ISSUES) return;
    if (cells.length !== names.length) {
      issues.push({ file, row, column: null, message: `${cells.length} fields, the header has ${names.length}` });
      return;
    }
    const fields = Object.fromEntries(names.map((name, c) => [name, unescapeFormula(cells[c]!)]));
    const before = issues.length;
    onRow(fields, row, issues);
    const item = fields.item_id?.trim();
    if (item) for (let i = before; i < issues.length; i++) issues[i] = { ...issues[i]!, item };
  });
  if (rows.length === 0) issues.push({ file, row: 2, column: null, message: `no ${shape.what} in the file` });
  return issues;
}
