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

/** The content type of a gzipped read model (see versionedJson). */
export const GZIP_JSON = 'application/gzip';

function encoded(version: string, build: () => unknown): Encoded {
  const cache = encodedCache();
  let entry = cache.get(version);
  if (!entry) {
    entry = encode(version, build());
    cache.set(version, entry);
  }
  return entry;
}

/**
 * The read model for `version` as a value, for server rendering: from the same cache as the
 * JSON routes, so a page render and its API request build it once between them.
 */
export function versionedValue<T>(version: string, build: () => T): T {
  return JSON.parse(encoded(version, build).json.toString('utf8')) as T;
}

/**
 * Answers a GET with the read model for `version` (a string naming everything it depends on),
 * building it with `build` on a miss. Honours If-None-Match (304); browsers revalidate every time
 * (no-cache), so a new run is seen at once.
 *
 * Compression: Next.js drops Content-Encoding from route handler responses and our server does
 * not compress, so `?format=gzip` answers with the gzipped JSON as an `application/gzip` body,
 * which the page inflates itself (DecompressionStream); a plain URL gets plain JSON. A query
 * parameter rather than a header, so the page can preload the URL while its scripts load.
 */
export function versionedJson(request: Request, version: string, build: () => unknown): Response {
  const entry = encoded(version, build);
  const gzip = new URL(request.url).searchParams.get('format') === 'gzip';
  const headers: Record<string, string> = {
    'Content-Type': gzip ? GZIP_JSON : 'application/json; charset=utf-8',
    'Cache-Control': 'private, no-cache',
    ETag: gzip ? `${entry.etag.slice(0, -1)}.gz"` : entry.etag,
  };
  const seen = request.headers.get('if-none-match');
  if (seen && seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === headers.ETag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(gzip ? entry.gzip : entry.json), { headers });
}
