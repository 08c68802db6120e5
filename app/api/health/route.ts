import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = handled(async () => Response.json({ status: 'ok', dataVersion: await getStore().dataVersion() }));
