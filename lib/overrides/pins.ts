import { MODEL_NAMES } from '../forecast';
import { Refusal } from '../runtime/refusal';
import type { ModelPinChange, ModelPinRecord, Store } from '../store/types';
import { authorOf } from './api';
import { MAX_REASON_LENGTH } from './validate';

/** Models an analyst may pin: every label of the engine but `none`. */
export const PINNABLE_MODELS: readonly string[] = MODEL_NAMES.filter((m) => m !== 'none');

/** What the API shows of a pinned model. */
export function pinJson(p: ModelPinRecord) {
  return {
    item_id: p.itemId,
    model: p.model,
    reason: p.reason,
    author: p.author,
    created_at: new Date(p.createdAt).toISOString(),
    updated_at: new Date(p.updatedAt).toISOString(),
  };
}

export function pinChangeJson(c: ModelPinChange) {
  return { id: c.id, item_id: c.itemId, action: c.action, model: c.pin.model, reason: c.pin.reason, author: c.author, at: new Date(c.at).toISOString() };
}

const text = (v: unknown): string => (v === undefined || v === null ? '' : String(v).trim());

/**
 * A request body (`item_id`, `model`, `reason`, optional `author`) as a pin of an item that
 * exists. 422 naming every field that is wrong.
 */
export async function pinFromBody(store: Store, body: Record<string, unknown>) {
  const itemId = text(body.item_id);
  const model = text(body.model);
  const reason = text(body.reason);
  const issues: { column: string; message: string }[] = [];
  if (itemId === '') issues.push({ column: 'item_id', message: 'is required' });
  if (!PINNABLE_MODELS.includes(model)) issues.push({ column: 'model', message: `"${model}" is not a model; expected one of ${PINNABLE_MODELS.join(', ')}` });
  if (reason === '') issues.push({ column: 'reason', message: 'is required: say briefly why' });
  if (reason.length > MAX_REASON_LENGTH) issues.push({ column: 'reason', message: `is longer than ${MAX_REASON_LENGTH} characters` });
  if (issues.length === 0 && !(await store.reads.itemFacts(itemId))) issues.push({ column: 'item_id', message: `no item "${itemId}"` });
  if (issues.length > 0) throw new Refusal('invalid_data', 'invalid_pin', issues.map((i) => `${i.column}: ${i.message}`).join('; '), issues);
  return { pin: { itemId, model, reason }, author: authorOf(body) };
}
