/**
 * A large read model a page starts downloading (and parsing) from an inline script in its HTML,
 * before its JavaScript has loaded; the page's fetcher takes the result over once. Only a full
 * page load runs the script (React does not run scripts it renders on client navigation, and link
 * prefetches do not either), so a prefetch never downloads the data and a client navigation simply
 * fetches as usual. Anything unexpected (an error status, a network failure) yields null, and the
 * fetcher asks again the ordinary way (which then reports the error).
 */
const KEY = '__stockcastEarly';

type EarlyRequests = Record<string, Promise<unknown> | undefined>;

export function earlyFetchScript(url: string): string {
  const u = JSON.stringify(url);
  return (
    `(window.${KEY}=window.${KEY}||{})[${u}]=fetch(${u},{headers:{Accept:'application/json'}})` +
    `.then(function(r){return r.ok?r.json():null}).catch(function(){return null})`
  );
}

/** The parsed JSON of the early request for `url`, once; null when there was none or it failed. */
export async function takeEarlyJson<T>(url: string): Promise<T | null> {
  if (typeof window === 'undefined') return null;
  const requests = (window as unknown as Record<string, EarlyRequests | undefined>)[KEY];
  const request = requests?.[url];
  if (!request) return null;
  delete requests![url];
  return ((await request) as T | null) ?? null;
}
