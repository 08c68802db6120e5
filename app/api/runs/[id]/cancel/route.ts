import { requireContentType } from '@/lib/http/content-type';
import { handled, HttpError } from '@/lib/http/errors';
import { getService } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Stops a queued or running run of this server for everyone waiting on it. */
export const POST = handled(async (request: Request, context: { params: Promise<{ id: string }> }) => {
  requireContentType(request, 'application/json');
  const { id } = await context.params;
  const service = getService();
  if (!service.refresh.get(id)) {
    const run = await service.run(id);
    if (!run) throw new HttpError(404, 'not_found', `no run with id ${id}`);
    if (run.status === 'running') {
      throw new HttpError(409, 'foreign_run', `run ${id} belongs to another process (${run.requestedBy}); stop it there`);
    }
    throw new HttpError(409, 'not_active', `run ${id} already ${run.status}`);
  }
  return Response.json(service.refresh.cancel(id), { status: 202 });
});
