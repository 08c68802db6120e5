import { itemDetailModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { readItemFacts } from '@/lib/dashboard/item-detail';
import { handled, HttpError } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One item: facts, forecast series with bands, leaderboard and inventory figures. */
export const GET = handled(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const store = getStore();
  if (!(await readItemFacts(store, id))) throw new HttpError(404, 'not_found', `no item "${id}"`);
  const model = await itemDetailModel(store, id);
  return versionedJson(request, model.version, model.build);
});
