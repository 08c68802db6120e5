import Papa from 'papaparse';
import { dayToIso } from '../store/days';
import type { OverrideInput, OverrideRecord } from '../store/types';
import { EXPORT_ONLY, readAnalystCsv, type CsvShape, type FileIssue } from './csv-rows';
import { OVERRIDE_FIELDS, parseOverride, type OverrideField } from './validate';

/** A problem in an overrides file. */
export type OverrideFileIssue = FileIssue;

const SHAPE: CsvShape = {
  columns: OVERRIDE_FIELDS,
  required: ['item_id', 'period_start', 'period_end', 'reason'] satisfies OverrideField[],
  headerIssues: (names) => (names.includes('quantity') || names.includes('percent') ? [] : [{ column: 'quantity', message: 'missing column: give quantity or percent' }]),
  what: 'overrides',
};

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
  const overrides: OverrideInput[] = [];
  const issues = readAnalystCsv(text, file, SHAPE, (fields, row, found) => {
    const result = parseOverride(fields as Partial<Record<OverrideField, string>>);
    if ('issues' in result) {
      for (const i of result.issues) found.push({ file, row, column: i.column, message: i.message });
    } else if (!known(result.override.itemId)) {
      found.push({ file, row, column: 'item_id', message: `no item "${result.override.itemId}"` });
    } else {
      overrides.push(result.override);
    }
  });
  return { overrides: issues.length > 0 ? [] : overrides, issues };
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
    { newline: '\n', escapeFormulae: true },
  ) + '\n';
}
