import { readItemDetail } from '@/lib/dashboard/item-detail';
import { versionedJson } from '@/lib/dashboard/respond';
import { readModelVersion } from '@/lib/dashboard/version';
import { handled, HttpError } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** One item: facts, forecast series with bands, leaderboard and inventory figures. */
export const GET = handled(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const { db } = getStore();
  const detail = readItemDetail(db, id);
  if (!detail) throw new HttpError(404, 'not_found', `no item "${id}"`);
  return versionedJson(request, `${readModelVersion(db, 'item')}:${id}`, () => detail);
});
