import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { DEFAULT_HEALTH_SETTINGS } from '@/lib/inventory/health';
import { parseServicePolicy, uniformServicePolicy } from '@/lib/inventory/policy';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The service level per ABC × XYZ class: `{"policy": {"A": {"X": 0.98, ...}, ...}, "custom": bool}`. */
export const GET = handled(async () => {
  const stored = await getStore().policy.get();
  return Response.json({ policy: stored ?? uniformServicePolicy(DEFAULT_HEALTH_SETTINGS.defaultServiceLevel), custom: stored !== null });
});

/** Body `{"policy": {...}}`: replaces the policy; the next refresh recomputes under it. */
export const PUT = handled(async (request: Request) => {
  const body = await readJsonObject(request);
  const { policy, ...rest } = body;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown field "${unknown[0]}"`);
  const parsed = parseServicePolicy(policy);
  if ('error' in parsed) throw new HttpError(400, 'bad_policy', parsed.error);
  const dataVersion = await getStore().policy.set(parsed.policy);
  return Response.json({ policy: parsed.policy, custom: true, dataVersion });
});
