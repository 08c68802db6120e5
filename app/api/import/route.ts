import { HttpError, handled } from '@/lib/http/errors';
import { ImportError } from '@/lib/ingest/issues';
import { importUpload } from '@/lib/ingest/thread-client';
import { readUploadBody } from '@/lib/ingest/upload';
import { dataVersion, getStore } from '@/lib/store';
import { listImports } from '@/lib/store/imports';

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
export const GET = handled(() => {
  const { db } = getStore();
  return Response.json({ dataVersion: dataVersion(db), imports: listImports(db) });
});
