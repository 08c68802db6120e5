import { dataSummaryModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** What the store holds: counts, sales date range, imported files. */
export const GET = handled(async (request: Request) => {
  const model = await dataSummaryModel(getStore());
  return versionedJson(request, model.version, model.build);
});
