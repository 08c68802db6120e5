import { readOverview } from '@/lib/dashboard/overview';
import { versionedJson } from '@/lib/dashboard/respond';
import { readModelVersion } from '@/lib/dashboard/version';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** KPIs, health matrix and items most at risk of the latest completed run. */
export const GET = handled((request: Request) => {
  const { db } = getStore();
  return versionedJson(request, readModelVersion(db, 'overview'), () => readOverview(db));
});
