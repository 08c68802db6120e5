import { readDataSummary } from '@/lib/dashboard/data-summary';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { dataVersion, getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** What the store holds: counts, sales date range, imported files. */
export const GET = handled((request: Request) => {
  const { db } = getStore();
  return versionedJson(request, `data:v${dataVersion(db)}`, () => readDataSummary(db));
});
