import { requireWriteAccess } from '@/lib/http/auth';
import { handled } from '@/lib/http/errors';
import { eventIngest } from '@/lib/events/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** NDJSON sales and stock events, streamed into the store (see lib/events/service.ts). */
export const POST = handled(async (request: Request) => {
  requireWriteAccess(request);
  return eventIngest().handle(request);
});
