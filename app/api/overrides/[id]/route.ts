import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { authorOf, overrideFromBody, overrideJson } from '@/lib/overrides/api';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

type Context = { params: Promise<{ id: string }> };

async function overrideId(context: Context): Promise<number> {
  const { id } = await context.params;
  const n = Number(id);
  if (!Number.isSafeInteger(n) || n < 1) throw new HttpError(404, 'not_found', `no override "${id}"`);
  return n;
}

/** Changes an override (the whole of it, as for POST /api/overrides). */
export const PUT = handled(async (request: Request, context: Context) => {
  const id = await overrideId(context);
  const store = getStore();
  const { override, author } = await overrideFromBody(store, await readJsonObject(request));
  if (!(await store.overrides.edit(id, override, { author, at: Date.now() }))) throw new HttpError(404, 'not_found', `no override ${id}`);
  return Response.json({ dataVersion: await store.dataVersion(), override: overrideJson((await store.overrides.get(id))!) });
});

/** Removes an override (JSON body, optionally with `author`); the history keeps it. */
export const DELETE = handled(async (request: Request, context: Context) => {
  const id = await overrideId(context);
  const store = getStore();
  const body = await readJsonObject(request);
  if (!(await store.overrides.remove(id, { author: authorOf(body), at: Date.now() }))) throw new HttpError(404, 'not_found', `no override ${id}`);
  return Response.json({ dataVersion: await store.dataVersion(), removed: id });
});
