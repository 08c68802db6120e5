import { currentWorksheet } from '@/lib/actions/worksheet-model';
import { versionedJsonText } from '@/lib/dashboard/respond';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The purchase worksheet: suggested orders by supplier with their arithmetic and the draft's edits (ETag: 304 when unchanged). */
export const GET = handled(async (request: Request) => {
  const sheet = await currentWorksheet(getStore());
  return versionedJsonText(request, sheet.version, sheet.json);
});
