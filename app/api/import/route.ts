import { HttpError, handled } from '@/lib/http/errors';
import { ImportError } from '@/lib/ingest/issues';
import { importUpload } from '@/lib/ingest/thread-client';
import { readUploadBody } from '@/lib/ingest/upload';
import { getStore } from '@/lib/store';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Imports the uploaded files (field `file`, one or more) all or nothing, on the import thread. */
export const POST = handled(async (request: Request) => {
  const upload = await readUploadBody(request);
  try {
    return Response.json(await importUpload(upload));
  } catch (err) {
    if (err instanceof ImportError) throw new HttpError(422, 'invalid_data', err.message, err.issues);
    throw err;
  }
});

/** The files imported so far (newest first) and the current data version. */
export const GET = handled(async () => {
  const store = getStore();
  const dataVersion = await store.dataVersion();
  return Response.json({ dataVersion, imports: await store.imports.list() });
});
