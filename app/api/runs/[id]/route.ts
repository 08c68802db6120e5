import { handled, HttpError } from '@/lib/http/errors';
import { getService } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handled(async (_request: Request, context: { params: Promise<{ id: string }> }) => {
  const { id } = await context.params;
  const run = await getService().run(id);
  if (!run) throw new HttpError(404, 'not_found', `no run with id ${id}`);
  return Response.json(run);
});
