// Same-origin writes: a browser names the page behind a request in Origin (or, on some requests
// without it, Sec-Fetch-Site). Only the Stockcast page itself may change data; a command line or a
// script sends neither and is let through (the token, when set, guards those).
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Why a request may not change data here, or null when it may. */
export function crossSiteReason(req) {
  if (SAFE_METHODS.has(req.method ?? 'GET')) return null;
  const origin = req.headers.origin;
  if (origin !== undefined) {
    if (origin === 'null') return 'Origin "null" (a sandboxed frame, a file or a redirect) may not change data here';
    let url;
    try {
      url = new URL(origin);
    } catch {
      return `Origin "${origin}" is not a URL`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `Origin "${origin}" is not a web page`;
    const host = String(req.headers.host ?? '').toLowerCase();
    let own = '';
    try {
      own = new URL(`${url.protocol}//${host}`).host;
    } catch {
      // A malformed Host never matches.
    }
    if (url.host !== own) return `Origin ${origin} is another site than this server (${host}): only Stockcast's own pages may change data`;
    return null;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Sec-Fetch-Site is "${site}": only Stockcast's own pages may change data`;
  }
  return null;
}
