import { HttpError } from '../http/errors';
import { isKind, KINDS, type Kind } from './kinds';
import { bytesSource, type ImportSource } from './source';

/** Uploads larger than this are refused with 413: STOCKCAST_UPLOAD_LIMIT_MB, default 256 MiB. */
export const DEFAULT_UPLOAD_LIMIT_MB = 256;

export function uploadLimitBytes(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STOCKCAST_UPLOAD_LIMIT_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_UPLOAD_LIMIT_MB : Number(raw);
  if (!(mb > 0) || !Number.isFinite(mb)) throw new Error(`STOCKCAST_UPLOAD_LIMIT_MB must be a number above 0, got "${raw}"`);
  return Math.floor(mb * 1024 * 1024);
}

function tooLarge(limit: number, what: string): HttpError {
  return new HttpError(
    413,
    'payload_too_large',
    `${what} is over the upload limit of ${limit.toLocaleString('en-US')} bytes (STOCKCAST_UPLOAD_LIMIT_MB); import bigger files with \`npx stockcast import\``,
  );
}

/** The request body, refused as soon as it passes `limit` bytes (whatever Content-Length said). */
async function readBody(request: Request, limit: number): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > limit) throw tooLarge(limit, `the upload (${declared.toLocaleString('en-US')} bytes)`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > limit) throw tooLarge(limit, 'the upload');
      chunks.push(chunk);
    }
  }
  return Buffer.concat(chunks, size);
}

/**
 * The files of a multipart upload (field `file`, one or more) as import sources, with the kind
 * given in an optional field `kind`. 415 when the body is not multipart, 413 over the size
 * limit, 400 when it holds no file.
 */
export async function uploadedSources(request: Request, limit = uploadLimitBytes()): Promise<ImportSource[]> {
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data')) {
    throw new HttpError(415, 'unsupported_media_type', 'send the files as multipart/form-data, one or more in the field "file"');
  }
  const body = await readBody(request, limit);
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body.buffer, body.byteOffset, body.byteLength) as Uint8Array<ArrayBuffer>, { headers: { 'content-type': type } }).formData();
  } catch (err) {
    throw new HttpError(400, 'bad_request', `malformed multipart body: ${err instanceof Error ? err.message : String(err)}`);
  }
  const kindField = form.get('kind');
  let kind: Kind | undefined;
  if (typeof kindField === 'string' && kindField !== '') {
    if (!isKind(kindField)) throw new HttpError(400, 'bad_request', `kind must be one of ${KINDS.join(', ')}, got "${kindField}"`);
    kind = kindField;
  }
  const files = form.getAll('file').filter((v): v is File => typeof v !== 'string');
  if (!files.length) throw new HttpError(400, 'bad_request', 'no file in the field "file"');
  return files.map((f, i) => bytesSource(f.name || `upload-${i + 1}`, f, kind));
}
