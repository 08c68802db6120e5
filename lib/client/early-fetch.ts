/**
 * A large read model a page starts downloading (and inflating and parsing, see getGzipJson) from
 * an inline script in its HTML, before its JavaScript has loaded; the page's fetcher takes the
 * result over once. Only a full page load runs the script (React does not run scripts it renders
 * on client navigation, and link prefetches do not either), so a prefetch never downloads the
 * data and a client navigation simply fetches as usual. Anything unexpected (an error status, no
 * DecompressionStream) yields null, and the fetcher asks again the ordinary way.
 */
const KEY = '__stockcastEarly';

type EarlyRequests = Record<string, Promise<unknown> | undefined>;

export function earlyFetchScript(gzipUrl: string): string {
  const u = JSON.stringify(gzipUrl);
  return (
    `(window.${KEY}=window.${KEY}||{})[${u}]=typeof DecompressionStream==='function'?fetch(${u})` +
    `.then(function(r){return r.ok&&r.body&&(r.headers.get('content-type')||'').indexOf('application/gzip')===0` +
    `?new Response(r.body.pipeThrough(new DecompressionStream('gzip'))).json():null})` +
    `.catch(function(){return null}):Promise.resolve(null)`
  );
}

/** The parsed JSON of the early request for `gzipUrl`, once; null when there was none or it failed. */
export async function takeEarlyJson<T>(gzipUrl: string): Promise<T | null> {
  if (typeof window === 'undefined') return null;
  const requests = (window as unknown as Record<string, EarlyRequests | undefined>)[KEY];
  const request = requests?.[gzipUrl];
  if (!request) return null;
  delete requests![gzipUrl];
  return ((await request) as T | null) ?? null;
}
