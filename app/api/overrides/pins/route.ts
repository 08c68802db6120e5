import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { authorOf } from '@/lib/overrides/api';
import { pinChangeJson, pinFromBody, pinJson } from '@/lib/overrides/pins';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The pinned models (`?item=` for one item's) and their history of changes, newest first. */
export const GET = handled(async (request: Request) => {
  const item = new URL(request.url).searchParams.get('item') ?? undefined;
  const store = getStore();
  const [pins, history] = await Promise.all([store.overrides.pins(item), store.overrides.pinHistory(item)]);
  return Response.json({ dataVersion: await store.dataVersion(), pins: pins.map(pinJson), history: history.map(pinChangeJson) });
});

/** Pins a model for an item (`item_id`, `model`, `reason`, `author`), replacing its pin; it applies from the next run. */
export const PUT = handled(async (request: Request) => {
  const store = getStore();
  const { pin, author } = await pinFromBody(store, await readJsonObject(request));
  const action = await store.overrides.pin(pin, { author, at: Date.now() });
  const [stored] = await store.overrides.pins(pin.itemId);
  return Response.json({ dataVersion: await store.dataVersion(), pin: pinJson(stored!) }, { status: action === 'set' ? 201 : 200 });
});

/** Unpins `?item=` (JSON body, optionally with `author`): the tournament chooses again; the history keeps the pin. */
export const DELETE = handled(async (request: Request) => {
  const item = new URL(request.url).searchParams.get('item') ?? '';
  if (item === '') throw new HttpError(400, 'bad_request', 'say which item to unpin: DELETE /api/overrides/pins?item=ID');
  const store = getStore();
  const body = await readJsonObject(request);
  if (!(await store.overrides.unpin(item, { author: authorOf(body), at: Date.now() }))) throw new HttpError(404, 'not_found', `item "${item}" has no pinned model`);
  return Response.json({ dataVersion: await store.dataVersion(), unpinned: item });
});
