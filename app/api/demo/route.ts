import { demoSizeFromRequest } from '@/lib/demo/load';
import { handled } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { loadDemoOnImportThread } from '@/lib/ingest/thread-client';
import { log } from '@/lib/runtime/log';
import { getService } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Loads the demo data set into an EMPTY store (409 otherwise), on the import thread, then starts
 * a refresh so results follow. Body `{"items"?, "days"?}` (default STOCKCAST_DEMO_ITEMS/_DAYS).
 * Answers like POST /api/import: `{"imported":[...],"dataVersion":N}`.
 */
export const POST = handled(async (request: Request) => {
  const size = demoSizeFromRequest(await readJsonObject(request));
  const outcome = await loadDemoOnImportThread(size);
  try {
    await getService().refresh.refresh({ requestedBy: 'demo' });
  } catch (err) {
    // The data are committed either way; a refused refresh (shutting down) is left to the next one.
    log.warn({ err }, 'demo: refresh after loading refused');
  }
  return Response.json(outcome);
});
