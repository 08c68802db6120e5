import Papa from 'papaparse';
import type { ModelPinInput, ModelPinRecord } from '../store/types';
import { EXPORT_ONLY, readAnalystCsv, type CsvShape, type FileIssue } from './csv-rows';
import { PINNABLE_MODELS } from './pins';
import { MAX_REASON_LENGTH } from './validate';

/** The columns of a pins file: the item, the engine's model label (`auto_ets`, `combo(…)`, …), why. */
export const PIN_FIELDS = ['item_id', 'model', 'reason'] as const;
const SHAPE: CsvShape = { columns: PIN_FIELDS, required: PIN_FIELDS, what: 'pins' };

/**
 * Reads a pins CSV (`item_id, model, reason`): every row checked, every issue named by file, row
 * and column; an item may appear once. `known` says whether an item code is in the item list.
 */
export function parsePinsCsv(text: string, file: string, known: (itemId: string) => boolean): { pins: ModelPinInput[]; issues: FileIssue[] } {
  const pins: ModelPinInput[] = [];
  const firstRow = new Map<string, number>();
  const issues = readAnalystCsv(text, file, SHAPE, (fields, row, found) => {
    const itemId = (fields.item_id ?? '').trim();
    const model = (fields.model ?? '').trim();
    const reason = (fields.reason ?? '').trim();
    const before = found.length;
    if (itemId === '') found.push({ file, row, column: 'item_id', message: 'is required' });
    else if (!known(itemId)) found.push({ file, row, column: 'item_id', message: `no item "${itemId}"` });
    else if (firstRow.has(itemId)) found.push({ file, row, column: 'item_id', message: `"${itemId}" is pinned on row ${firstRow.get(itemId)} already: one model per item` });
    if (!PINNABLE_MODELS.includes(model)) found.push({ file, row, column: 'model', message: `"${model}" is not a model; expected one of ${PINNABLE_MODELS.join(', ')}` });
    if (reason === '') found.push({ file, row, column: 'reason', message: 'is required: say briefly why' });
    else if (reason.length > MAX_REASON_LENGTH) found.push({ file, row, column: 'reason', message: `is longer than ${MAX_REASON_LENGTH} characters` });
    if (found.length > before) return;
    firstRow.set(itemId, row);
    pins.push({ itemId, model, reason });
  });
  return { pins: issues.length > 0 ? [] : pins, issues };
}

/** The stored pins as a CSV in the import's format, plus who made them and when. */
export function pinsCsv(pins: readonly ModelPinRecord[]): string {
  return (
    Papa.unparse(
      { fields: [...PIN_FIELDS, ...EXPORT_ONLY], data: pins.map((p) => [p.itemId, p.model, p.reason, p.author, new Date(p.updatedAt).toISOString()]) },
      { newline: '\n', escapeFormulae: true },
    ) + '\n'
  );
}
