import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { getService } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Body `{"force"?, "params"?: {"period"?, "horizon"?}, "priority"?: "interactive"|"scheduled"}`. */
export const POST = handled(async (request: Request) => {
  const body = await readJsonObject(request);
  const { force, params, priority, ...rest } = body;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown field "${unknown[0]}"`);
  if (force !== undefined && typeof force !== 'boolean') throw new HttpError(400, 'bad_request', '"force" must be true or false');
  if (priority !== undefined && priority !== 'interactive' && priority !== 'scheduled') {
    throw new HttpError(400, 'bad_request', '"priority" must be "interactive" or "scheduled"');
  }
  const answer = await getService().refresh.refresh({ force, params, priority, requestedBy: priority ?? 'refresh' });
  return Response.json(answer, { status: answer.status === 'cached' ? 200 : 202 });
});
