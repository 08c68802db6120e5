import { EXCEPTION_KINDS, type ExceptionKind } from '@/lib/actions/exceptions';
import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DAY_MS = 86_400_000;

/**
 * Body `{"itemId", "kind", "state": "handled"|"snoozed"|"open", "days"? (snooze, 1–365), "by"}`:
 * marks an exception handled, snoozes it for `days`, or opens it again. Kept across runs.
 */
export const POST = handled(async (request: Request) => {
  const { itemId, kind, state, days, by, ...rest } = await readJsonObject(request);
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown field "${unknown[0]}"`);
  const bad = (message: string) => new HttpError(400, 'bad_request', message);
  if (typeof itemId !== 'string' || itemId === '' || itemId.length > 200) throw bad('"itemId" must be an item code');
  if (!EXCEPTION_KINDS.includes(kind as ExceptionKind)) throw bad(`"kind" must be one of ${EXCEPTION_KINDS.join(', ')}`);
  if (state !== 'handled' && state !== 'snoozed' && state !== 'open') throw bad('"state" must be "handled", "snoozed" or "open"');
  if (typeof by !== 'string' || by.trim() === '' || by.length > 80) throw bad('"by" must name who marks it (up to 80 characters)');
  if (state === 'snoozed' && !(Number.isInteger(days) && (days as number) >= 1 && (days as number) <= 365)) {
    throw bad('"days" must be a whole number of days from 1 to 365 to snooze');
  }
  if (state !== 'snoozed' && days !== undefined) throw bad('"days" is only for "snoozed"');
  const store = getStore();
  if (!(await store.reads.itemFacts(itemId))) throw new HttpError(404, 'not_found', `no item "${itemId}"`);
  if (state === 'open') {
    await store.actions.unmark(itemId, kind as string);
    return Response.json({ itemId, kind, state });
  }
  const now = Date.now();
  const mark = {
    itemId,
    kind: kind as string,
    state,
    untilDay: state === 'snoozed' ? Math.floor(now / DAY_MS) + (days as number) : null,
    markedBy: by.trim(),
    markedAt: now,
  } as const;
  await store.actions.mark(mark);
  return Response.json(mark);
});
