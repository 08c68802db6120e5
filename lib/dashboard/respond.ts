import { LRUCache } from 'lru-cache';
import { processSingleton } from '../runtime/singleton';

/** A read model serialized once: its JSON bytes and ETag. */
interface Encoded {
  etag: string;
  json: Buffer;
}

/**
 * Read models depend only on the data version and the shown run, so their JSON is built once per
 * such version and kept here; any other request for it costs a lookup, and a browser that already
 * has it gets 304.
 */
const encodedCache = () =>
  processSingleton(
    'dashboardEncoded',
    () =>
      new LRUCache<string, Encoded>({
        maxSize: 64 * 1024 * 1024,
        sizeCalculation: (value) => value.json.length + 64,
      }),
  );

async function encoded(version: string, buildText: () => Promise<string>): Promise<Encoded> {
  const cache = encodedCache();
  let entry = cache.get(version);
  if (!entry) {
    entry = { etag: `"${version}"`, json: Buffer.from(await buildText()) };
    cache.set(version, entry);
  }
  return entry;
}

/**
 * The read model for `version` as a value, for server rendering: from the same cache as the
 * JSON routes, so a page render and its API request build it once between them.
 */
export async function versionedValue<T>(version: string, build: () => Promise<T>): Promise<T> {
  return JSON.parse((await encoded(version, async () => JSON.stringify(await build()))).json.toString('utf8')) as T;
}

/**
 * Answers a GET with the read model for `version` (a string naming everything it depends on),
 * building it with `build` on a miss. Honours If-None-Match (304); browsers revalidate every time
 * (no-cache), so a new run is seen at once. The server (bin/server.mjs) gzips the JSON for
 * clients that accept it.
 */
export function versionedJson(request: Request, version: string, build: () => Promise<unknown>): Promise<Response> {
  return versionedJsonText(request, version, async () => JSON.stringify(await build()));
}

/** versionedJson for a read model built as JSON text already (on a worker thread, say). */
export async function versionedJsonText(request: Request, version: string, buildText: () => Promise<string>): Promise<Response> {
  const entry = await encoded(version, buildText);
  const headers = { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-cache', ETag: entry.etag };
  const seen = request.headers.get('if-none-match');
  if (seen && seen.split(',').some((tag) => tag.trim().replace(/^W\//, '') === entry.etag)) {
    return new Response(null, { status: 304, headers });
  }
  return new Response(new Uint8Array(entry.json), { headers });
}
