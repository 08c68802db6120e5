import { accuracyReport } from '@/lib/accuracy/report';
import { handled, HttpError } from '@/lib/http/errors';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Accuracy across runs by lag, bias, MASE and value added; `?item=ID` adds its past forecasts. */
export const GET = handled(async (request: Request) => {
  const item = new URL(request.url).searchParams.get('item') ?? undefined;
  const store = getStore();
  if (item !== undefined && !(await store.reads.itemFacts(item))) throw new HttpError(404, 'not_found', `no item "${item}"`);
  return Response.json(await accuracyReport(store, item));
});
