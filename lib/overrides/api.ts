import { Refusal } from '../runtime/refusal';
import { dayToIso } from '../store/days';
import type { OverrideChange, OverrideInput, OverrideRecord, Store } from '../store/types';
import { OVERRIDE_FIELDS, parseOverride, type OverrideField } from './validate';

/** What the API and the export show of an override: dates as YYYY-MM-DD. */
export function overrideJson(o: OverrideInput & Partial<Pick<OverrideRecord, 'id' | 'author' | 'createdAt' | 'updatedAt'>>) {
  return {
    ...(o.id !== undefined ? { id: o.id } : {}),
    item_id: o.itemId,
    period_start: dayToIso(o.startDay),
    period_end: dayToIso(o.endDay),
    quantity: o.kind === 'quantity' ? o.value : null,
    percent: o.kind === 'percent' ? o.value : null,
    reason: o.reason,
    until: o.untilDay === null ? null : dayToIso(o.untilDay),
    ...(o.author !== undefined ? { author: o.author, created_at: new Date(o.createdAt!).toISOString(), updated_at: new Date(o.updatedAt!).toISOString() } : {}),
  };
}

export function changeJson(c: OverrideChange) {
  return { id: c.id, override_id: c.overrideId, action: c.action, author: c.author, at: new Date(c.at).toISOString(), override: overrideJson(c.override) };
}

/**
 * A request body as an override of an item that exists, and who makes the change (`author`, the
 * name the analyst gives; "api" when none). 422 naming the field when a value is wrong.
 */
export async function overrideFromBody(store: Store, body: Record<string, unknown>): Promise<{ override: OverrideInput; author: string }> {
  // A misspelt field ("untill") would otherwise be dropped without a word, and the override last for ever.
  const unknown = Object.keys(body).filter((k) => k !== 'author' && !(OVERRIDE_FIELDS as readonly string[]).includes(k));
  if (unknown.length > 0) {
    throw new Refusal('bad_input', 'bad_request', `unknown field "${unknown[0]}"; an override has ${OVERRIDE_FIELDS.join(', ')} and author`);
  }
  const parsed = parseOverride(body as Partial<Record<OverrideField, unknown>>);
  if ('issues' in parsed) {
    throw new Refusal('invalid_data', 'invalid_override',
      parsed.issues.map((i) => `${i.column}: ${i.message}`).join('; '),
      parsed.issues.map((i) => ({ column: i.column, message: i.message })),
    );
  }
  if (!(await store.reads.itemFacts(parsed.override.itemId))) {
    throw new Refusal('invalid_data', 'invalid_override', `item_id: no item "${parsed.override.itemId}"`, [
      { column: 'item_id', item: parsed.override.itemId, message: 'no such item' },
    ]);
  }
  return { override: parsed.override, author: authorOf(body) };
}

export function authorOf(body: Record<string, unknown>): string {
  const author = typeof body.author === 'string' ? body.author.trim().slice(0, 80) : '';
  return author === '' ? 'api' : author;
}
