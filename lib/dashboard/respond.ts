import { gzipSync } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { processSingleton } from '../runtime/singleton';

/** A read model serialized once: its JSON bytes, gzipped bytes and ETag. */
interface Encoded {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/**
 * Read models depend only on the data version and the shown run, so their JSON (and its gzip)
 * is built once per such version and kept here; any other request for it costs a lookup, and a
 * browser that already has it gets 304.
 */
const encodedCache = () =>
  processSingleton(
    'dashboardEncoded',
    () =>
      new LRUCache<string, Encoded>({
        maxSize: 64 * 1024 * 1024,
        sizeCalculation: (value) => value.json.length + value.gzip.length + 64,
      }),
  );

function encode(version: string, value: unknown): Encoded {
  const json = Buffer.from(JSON.stringify(value));
  return { etag: `"${version}"`, json, gzip: gzipSync(json, { level: 6 }) };
}

/** What a client sends in Accept to get the JSON gzipped as the body itself (see below). */
export const GZIP_JSON = 'application/gzip';

/**
 * Answers a GET with the read model for `version` (a string naming everything it depends on),
 * building it with `build` on a miss. Honours If-None-Match (304); browsers revalidate every time
 * (no-cache), so a new run is seen at once.
 *
 * Compression: Next.js drops Content-Encoding from route handler responses and our server does
 * not compress, so a client that sends `Accept: application/gzip` gets the gzipped JSON as an
 * `application/gzip` body and inflates it itself (DecompressionStream); others get plain JSON.
 */
export function versionedJson(request: Request, version: string, build: () => unknown): Response {
  const cache = encodedCache();
  let encoded = cache.get(version);
  if (!encoded) {
    encoded = encode(version, build());
    cache.set(version, encoded);
  }
  const gzip = (request.headers.get('accept') ?? '').includes(GZIP_JSON);
  const headers: Record<string, string> = {
    'Content-Type': gzip ? GZIP_JSON : 'application/json; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    ETag: gzip ? `${encoded.etag.slice(0, -1)}.gz"` : encoded.etag,
    Vary: 'Accept',
  };
  const seen = request.headers.get('if-none-match');
  if (seen && seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === headers.ETag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(gzip ? encoded.gzip : encoded.json), { headers });
}
