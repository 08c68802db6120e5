import { requireContentType } from '@/lib/http/content-type';
import { handled } from '@/lib/http/errors';
import { eventIngest } from '@/lib/events/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** NDJSON sales and stock events, streamed into the store (see lib/events/service.ts). */
export const POST = handled(async (request: Request) => {
  requireContentType(request, 'application/x-ndjson');
  return eventIngest().handle(request);
});
