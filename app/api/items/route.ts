import { readItemTable } from '@/lib/dashboard/item-table';
import { versionedJson } from '@/lib/dashboard/respond';
import { readModelVersion } from '@/lib/dashboard/version';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Every item's latest results as columns (see ItemTableJson); the page sorts and filters. */
export const GET = handled((request: Request) => {
  const { db } = getStore();
  return versionedJson(request, readModelVersion(db, 'items'), () => readItemTable(db));
});
