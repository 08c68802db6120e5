import { salesSummaryModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Sales rows and date range (a full scan, cached per data version). */
export const GET = handled(async (request: Request) => {
  const model = await salesSummaryModel(getStore());
  return versionedJson(request, model.version, model.build);
});
