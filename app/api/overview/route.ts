import { overviewModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** KPIs, health matrix and items most at risk of the latest completed run. */
export const GET = handled(async (request: Request) => {
  const model = await overviewModel(getStore());
  return versionedJson(request, model.version, model.build);
});
