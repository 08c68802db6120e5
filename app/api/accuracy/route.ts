import { accuracyModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled, HttpError } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Accuracy across runs by lag, bias, MASE and value added; `?item=ID` adds its past forecasts.
 * Built once per shown run (ETag: 304 until the next run), since it reads every snapshot.
 */
export const GET = handled(async (request: Request) => {
  const item = new URL(request.url).searchParams.get('item') ?? undefined;
  const store = getStore();
  if (item !== undefined && !(await store.reads.itemFacts(item))) throw new HttpError(404, 'not_found', `no item "${item}"`);
  const model = await accuracyModel(store, item);
  return versionedJson(request, model.version, model.build);
});
