import Papa from 'papaparse';
import { dayToIso } from '../store/days';
import type { OverrideInput, OverrideRecord } from '../store/types';
import { OVERRIDE_FIELDS, parseOverride, type OverrideField } from './validate';

/** A problem in an overrides file: spreadsheet row (the header is row 1) and column. */
export interface OverrideFileIssue {
  file: string;
  row: number;
  column: string | null;
  message: string;
}

const REQUIRED: readonly OverrideField[] = ['item_id', 'period_start', 'period_end', 'reason'];
/** Columns the export adds; an import reads past them, so an exported file imports as it is. */
const EXPORT_ONLY = ['author', 'updated_at'];
/** The first this many issues are reported; the rest are counted. */
const MAX_ISSUES = 50;

/**
 * Reads an overrides CSV (`item_id, period_start, period_end, quantity | percent, reason, until`):
 * every row checked, every issue named by file, row and column. `known` says whether an item code
 * is in the item list.
 */
export function parseOverridesCsv(
  text: string,
  file: string,
  known: (itemId: string) => boolean,
): { overrides: OverrideInput[]; issues: OverrideFileIssue[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  const issues: OverrideFileIssue[] = [];
  for (const name of names) {
    if (!(OVERRIDE_FIELDS as readonly string[]).includes(name) && !EXPORT_ONLY.includes(name)) issues.push({ file, row: 1, column: name, message: `unknown column; expected ${OVERRIDE_FIELDS.join(', ')}` });
  }
  for (const name of REQUIRED) if (!names.includes(name)) issues.push({ file, row: 1, column: name, message: 'missing column' });
  if (!names.includes('quantity') && !names.includes('percent')) issues.push({ file, row: 1, column: 'quantity', message: 'missing column: give quantity or percent' });
  if (issues.length > 0) return { overrides: [], issues };
  const overrides: OverrideInput[] = [];
  rows.forEach((cells, k) => {
    const row = k + 2;
    if (issues.length >= MAX_ISSUES) return;
    if (cells.length !== names.length) {
      issues.push({ file, row, column: null, message: `${cells.length} fields, the header has ${names.length}` });
      return;
    }
    const fields = Object.fromEntries(names.map((name, c) => [name, cells[c]])) as Partial<Record<OverrideField, string>>;
    const result = parseOverride(fields);
    if ('issues' in result) {
      for (const i of result.issues) issues.push({ file, row, column: i.column, message: i.message });
    } else if (!known(result.override.itemId)) {
      issues.push({ file, row, column: 'item_id', message: `no item "${result.override.itemId}"` });
    } else {
      overrides.push(result.override);
    }
  });
  if (rows.length === 0) issues.push({ file, row: 2, column: null, message: 'no overrides in the file' });
  return { overrides, issues };
}

/** The stored overrides as a CSV in the import's format, plus who made them and when. */
export function overridesCsv(overrides: readonly OverrideRecord[]): string {
  return Papa.unparse(
    {
    fields: [...OVERRIDE_FIELDS, ...EXPORT_ONLY],
    data: overrides.map((o) => [
      o.itemId,
      dayToIso(o.startDay),
      dayToIso(o.endDay),
      o.kind === 'quantity' ? o.value : '',
      o.kind === 'percent' ? o.value : '',
      o.reason,
      o.untilDay === null ? '' : dayToIso(o.untilDay),
      o.author,
      new Date(o.updatedAt).toISOString(),
    ]),
    },
    { newline: '\n' },
  ) + '\n';
}
