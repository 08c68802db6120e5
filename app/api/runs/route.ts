import { handled, HttpError } from '@/lib/http/errors';
import { getService } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Recent runs, newest first: `?limit=N` (1–500, default 50). */
export const GET = handled(async (request: Request) => {
  const raw = new URL(request.url).searchParams.get('limit');
  const limit = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) {
    throw new HttpError(400, 'bad_request', `limit must be a whole number from 1 to 500, got "${raw}"`);
  }
  return Response.json({ runs: await getService().recentRuns(limit) });
});
