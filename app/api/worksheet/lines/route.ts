import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { MAX_AMOUNT, MAX_AMOUNT_TEXT } from '@/lib/inventory/amounts';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DAY_MS = 86_400_000;

/** Body `{"itemId", "quantity" (0 to MAX_AMOUNT), "dueDate": "YYYY-MM-DD"}`: one draft line, kept until exported or cleared. */
export const PUT = handled(async (request: Request) => {
  const { itemId, quantity, dueDate, ...rest } = await readJsonObject(request);
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown field "${unknown[0]}"`);
  const bad = (message: string) => new HttpError(400, 'bad_request', message);
  if (typeof itemId !== 'string' || itemId === '' || itemId.length > 200) throw bad('"itemId" must be an item code');
  if (typeof quantity !== 'number' || !Number.isFinite(quantity) || quantity < 0 || quantity > MAX_AMOUNT) throw bad(`"quantity" must be a number from 0 to ${MAX_AMOUNT_TEXT}`);
  const day = typeof dueDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(dueDate) ? Date.parse(`${dueDate}T00:00:00Z`) / DAY_MS : Number.NaN;
  if (!Number.isInteger(day) || new Date(day * DAY_MS).toISOString().slice(0, 10) !== dueDate) throw bad('"dueDate" must be a date as YYYY-MM-DD');
  const store = getStore();
  if (!(await store.reads.itemFacts(itemId))) throw new HttpError(404, 'not_found', `no item "${itemId}"`);
  const line = { itemId, quantity, dueDay: day, updatedAt: Date.now() };
  await store.worksheet.saveLine(line);
  return Response.json(line);
});
