import { Refusal } from '../runtime/refusal';
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

function tooLarge(limit: number, what: string): Refusal {
  return new Refusal('too_large', 'payload_too_large',
    `${what} is over the upload limit of ${limit.toLocaleString('en-US')} bytes (STOCKCAST_UPLOAD_LIMIT_MB); import bigger files with \`npx stockcast import\``,
  );
}

export interface UploadBody {
  body: Uint8Array;
  contentType: string;
}

/**
 * The raw multipart body of an upload: 415 when it is not multipart, 413 as soon as it passes
 * `limit` bytes (Content-Length is checked first, and the bytes are counted while reading, so a
 * body without a length or with a false one is stopped too).
 */
export async function readUploadBody(request: Request, limit = uploadLimitBytes()): Promise<UploadBody> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new Refusal('unsupported_media', 'unsupported_media_type', 'send the files as multipart/form-data, one or more in the field "file"');
  }
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
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return { body, contentType };
}

/** What an upload asks to import, and how. */
export interface UploadForm {
  sources: ImportSource[];
  /** Field `replace` = `days`: the sales replace the stored ones on the days they hold (ImportOptions.replaceSalesDays). */
  replaceSalesDays: boolean;
}

/**
 * The files of a multipart body (field `file`, one or more) as import sources, with the kind
 * given in an optional field `kind` and the mode in an optional field `replace` (`days`); 400
 * when the body is malformed, holds no file, or names a kind or mode there is none of.
 */
export async function formSources({ body, contentType }: UploadBody): Promise<UploadForm> {
  let form: FormData;
  try {
    form = await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch (err) {
    throw new Refusal('bad_input', 'bad_request', `malformed multipart body: ${err instanceof Error ? err.message : String(err)}`);
  }
  const kindField = form.get('kind');
  let kind: Kind | undefined;
  if (typeof kindField === 'string' && kindField !== '') {
    if (!isKind(kindField)) throw new Refusal('bad_input', 'bad_request', `kind must be one of ${KINDS.join(', ')}, got "${kindField}"`);
    kind = kindField;
  }
  const replace = form.get('replace');
  if (replace !== null && replace !== '' && replace !== 'days') {
    throw new Refusal('bad_input', 'bad_request', `replace must be "days" (the sales replace the stored ones on the days they hold), got ${JSON.stringify(replace)}`);
  }
  const files = form.getAll('file').filter((v): v is File => typeof v !== 'string');
  if (!files.length) throw new Refusal('bad_input', 'bad_request', 'no file in the field "file"');
  return { sources: files.map((f, i) => bytesSource(f.name || `upload-${i + 1}`, f, kind)), replaceSalesDays: replace === 'days' };
}
