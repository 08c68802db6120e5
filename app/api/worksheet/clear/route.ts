import { handled } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Discards the draft: every line back to its suggestion. */
export const POST = handled(async (request: Request) => {
  await readJsonObject(request);
  return Response.json({ cleared: await getStore().worksheet.clear() });
});
