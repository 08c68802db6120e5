import { currentWorksheet } from '@/lib/actions/worksheet-model';
import { isoDay } from '@/lib/dashboard/format';
import { handled, HttpError } from '@/lib/http/errors';
import { readJsonObject } from '@/lib/http/json-body';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/**
 * Body `{"format": "csv"|"xlsx"}`: the worksheet as an ERP import file (XLSX: a sheet per
 * supplier). Exporting hands the orders on, so the draft is cleared.
 */
export const POST = handled(async (request: Request) => {
  const { format, ...rest } = await readJsonObject(request);
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new HttpError(400, 'bad_request', `unknown field "${unknown[0]}"`);
  if (format !== 'csv' && format !== 'xlsx') throw new HttpError(400, 'bad_request', '"format" must be "csv" or "xlsx"');
  const store = getStore();
  const sheet = await currentWorksheet(store);
  const body = await sheet.file(format);
  if (body === null) throw new HttpError(409, 'no_results', 'no results yet: run a refresh first');
  await store.worksheet.clear();
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return new Response(typeof body === 'string' ? body : new Uint8Array(body), {
    headers: { 'Content-Type': type, 'Content-Disposition': `attachment; filename="purchase-orders-${isoDay(sheet.asOfDay!)}.${format}"`, 'Cache-Control': 'no-store' },
  });
});
