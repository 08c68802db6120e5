import { worksheetModel } from '@/lib/actions/worksheet-model';
import { handled } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** The purchase worksheet: suggested orders by supplier with their arithmetic and the draft's edits. */
export const GET = handled(async () => Response.json(await worksheetModel(getStore()), { headers: { 'Cache-Control': 'no-store' } }));
