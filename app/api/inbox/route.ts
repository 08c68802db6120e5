import { inboxOutput } from '@/lib/actions/inbox-model';
import { INBOX_STATES, type InboxState } from '@/lib/actions/states';
import { versionedJsonText } from '@/lib/dashboard/respond';
import { handled, HttpError } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DAY_MS = 86_400_000;

/**
 * `?state=open|handled|snoozed|all&limit=&offset=`: the exceptions of the current results, ranked
 * by money at stake (ETag: 304 while results, marks and the day are unchanged).
 */
export const GET = handled(async (request: Request) => {
  const params = new URL(request.url).searchParams;
  const state = (params.get('state') ?? 'open') as InboxState;
  if (!INBOX_STATES.includes(state)) throw new HttpError(400, 'bad_request', `state must be one of ${INBOX_STATES.join(', ')}`);
  const int = (name: string, fallback: number, max: number) => {
    const raw = params.get(name);
    const v = raw === null ? fallback : Number(raw);
    if (!Number.isInteger(v) || v < 0 || v > max) throw new HttpError(400, 'bad_request', `${name} must be a whole number from 0 to ${max}`);
    return v;
  };
  const inbox = await inboxOutput(getStore(), {
    state,
    limit: int('limit', 500, 100_000),
    offset: int('offset', 0, 10_000_000),
    today: Math.floor(Date.now() / DAY_MS),
  });
  return versionedJsonText(request, inbox.version, inbox.build);
});
