import { HttpError, handled } from '@/lib/http/errors';
import { requireWriteAccess } from '@/lib/http/auth';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import { uploadedSources } from '@/lib/ingest/upload';
import { dataVersion, getStore } from '@/lib/store';
import { listImports } from '@/lib/store/imports';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

/** Imports the uploaded files (field `file`, one or more) all or nothing. */
export const POST = handled(async (request: Request) => {
  requireWriteAccess(request);
  const sources = await uploadedSources(request);
  try {
    return Response.json(await importFiles(getStore().db, sources));
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
