import { itemTableModel } from '@/lib/dashboard/models';
import { versionedJson } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Every item's latest results as columns (see ItemTableJson). */
export const GET = handled(async (request: Request) => {
  const model = await itemTableModel(getStore());
  return versionedJson(request, model.version, model.build);
});
