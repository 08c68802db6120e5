import Papa from 'papaparse';
import type { ModelPinInput, ModelPinRecord } from '../store/types';
import type { OverrideFileIssue } from './csv';
import { PINNABLE_MODELS } from './pins';
import { MAX_REASON_LENGTH } from './validate';

/** The columns of a pins file: the item, the engine's model label (`auto_ets`, `combo(…)`, …), why. */
export const PIN_FIELDS = ['item_id', 'model', 'reason'] as const;
/** Columns the export adds; an import reads past them, so an exported file imports as it is. */
const EXPORT_ONLY = ['author', 'updated_at'];
/** The first this many issues are reported. */
const MAX_ISSUES = 50;

/**
 * Reads a pins CSV (`item_id, model, reason`): every row checked, every issue named by file, row
 * and column; an item may appear once. `known` says whether an item code is in the item list.
 */
export function parsePinsCsv(text: string, file: string, known: (itemId: string) => boolean): { pins: ModelPinInput[]; issues: OverrideFileIssue[] } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [header = [], ...rows] = parsed.data;
  const names = header.map((h) => h.trim().toLowerCase());
  const issues: OverrideFileIssue[] = [];
  for (const name of names) {
    if (!(PIN_FIELDS as readonly string[]).includes(name) && !EXPORT_ONLY.includes(name)) issues.push({ file, row: 1, column: name, message: `unknown column; expected ${PIN_FIELDS.join(', ')}` });
  }
  for (const name of PIN_FIELDS) if (!names.includes(name)) issues.push({ file, row: 1, column: name, message: 'missing column' });
  if (issues.length > 0) return { pins: [], issues };
  const pins: ModelPinInput[] = [];
  const firstRow = new Map<string, number>();
  rows.forEach((cells, k) => {
    const row = k + 2;
    if (issues.length >= MAX_ISSUES) return;
    if (cells.length !== names.length) {
      issues.push({ file, row, column: null, message: `${cells.length} fields, the header has ${names.length}` });
      return;
    }
    const field = (name: (typeof PIN_FIELDS)[number]) => (cells[names.indexOf(name)] ?? '').trim();
    const itemId = field('item_id');
    const model = field('model');
    const reason = field('reason');
    const before = issues.length;
    if (itemId === '') issues.push({ file, row, column: 'item_id', message: 'is required' });
    else if (!known(itemId)) issues.push({ file, row, column: 'item_id', message: `no item "${itemId}"` });
    else if (firstRow.has(itemId)) issues.push({ file, row, column: 'item_id', message: `"${itemId}" is pinned on row ${firstRow.get(itemId)} already: one model per item` });
    if (!PINNABLE_MODELS.includes(model)) issues.push({ file, row, column: 'model', message: `"${model}" is not a model; expected one of ${PINNABLE_MODELS.join(', ')}` });
    if (reason === '') issues.push({ file, row, column: 'reason', message: 'is required: say briefly why' });
    else if (reason.length > MAX_REASON_LENGTH) issues.push({ file, row, column: 'reason', message: `is longer than ${MAX_REASON_LENGTH} characters` });
    if (issues.length > before) return;
    firstRow.set(itemId, row);
    pins.push({ itemId, model, reason });
  });
  if (rows.length === 0) issues.push({ file, row: 2, column: null, message: 'no pins in the file' });
  return { pins, issues };
}

/** The stored pins as a CSV in the import's format, plus who made them and when. */
export function pinsCsv(pins: readonly ModelPinRecord[]): string {
  return (
    Papa.unparse(
      { fields: [...PIN_FIELDS, ...EXPORT_ONLY], data: pins.map((p) => [p.itemId, p.model, p.reason, p.author, new Date(p.updatedAt).toISOString()]) },
      { newline: '\n' },
    ) + '\n'
  );
}
