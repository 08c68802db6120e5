import { handled } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { changeJson, overrideFromBody, overrideJson } from '@/lib/overrides/api';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The overrides (`?item=` for one item's) and their history of changes, newest first. */
export const GET = handled(async (request: Request) => {
  const item = new URL(request.url).searchParams.get('item') ?? undefined;
  const store = getStore();
  const [overrides, history] = await Promise.all([store.overrides.list(item), store.overrides.history(item)]);
  return Response.json({ dataVersion: await store.dataVersion(), overrides: overrides.map(overrideJson), history: history.map(changeJson) });
});

/** Adds an override (fields as in the CSV format, plus `author`); it applies from the next run. */
export const POST = handled(async (request: Request) => {
  const store = getStore();
  const { override, author } = await overrideFromBody(store, await readJsonObject(request));
  const [id] = await store.overrides.add([override], { author, at: Date.now() });
  return Response.json({ dataVersion: await store.dataVersion(), override: overrideJson((await store.overrides.get(id!))!) }, { status: 201 });
});
