// Every request passes here before Next.js sees it: unknown Host names (DNS rebinding) are
// refused, every answer gets the security headers, writes from other sites are refused, and with
// STOCKCAST_TOKEN set nothing but the sign-in page is served without the token or a session.
// An API path or method no route takes is answered here in the API's JSON (api-routes.mjs).
import { allowOf, apiRouteOf } from './api-routes.mjs';
import { hostName, isLoopback, knownHostNames } from './hosts.mjs';
import { crossSiteReason } from './origin.mjs';
import { newNonce, securityHeaders } from './headers.mjs';
import { credentials } from './session.mjs';
import { SIGN_IN_PATH, signIn } from './sign-in.mjs';

const PUBLIC_PATHS = new Set(['/icon.svg']);

/** The gate's settings from the environment; throws, saying what to set, when they are unsafe. */
export function securityConfig(env = process.env) {
  const host = env.HOST || '127.0.0.1';
  const token = env.STOCKCAST_TOKEN || '';
  if (!isLoopback(host) && !token) {
    throw new Error(
      `HOST=${host} accepts connections from other machines, and STOCKCAST_TOKEN is not set: anyone who ` +
        'reaches this port could read and change the data. Set STOCKCAST_TOKEN to a long random secret ' +
        '(and STOCKCAST_ALLOWED_HOSTS to the names browsers use for this server), or bind HOST=127.0.0.1.',
    );
  }
  return { token, hosts: knownHostNames(host, env.STOCKCAST_ALLOWED_HOSTS ?? '') };
}

function refuse(res, status, code, message, headers = {}) {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(body);
  return true;
}

const wantsPage = (req) =>
  (req.method === 'GET' || req.method === 'HEAD') &&
  !req.url.startsWith('/api/') &&
  (req.headers['sec-fetch-dest'] === 'document' || String(req.headers.accept ?? '').includes('text/html'));

/** Next.js answers a path it cannot decode (`/items/%ZZ`) with a plain-text 500. */
function decodablePath(req) {
  try {
    decodeURIComponent((req.url ?? '/').split('?')[0]);
    return true;
  } catch {
    return false;
  }
}

/** An API path no route has (404) or a method its route does not take (405), answered in JSON. */
function refuseApiMiss(req, res, routes) {
  const path = (req.url ?? '/').split('?')[0];
  if (!routes || !path.startsWith('/api/')) return false;
  const route = apiRouteOf(routes, path);
  if (!route) return refuse(res, 404, 'not_found', `no API route ${path}`);
  if (route.methods.has(req.method)) return false;
  const allow = allowOf(route);
  return refuse(res, 405, 'method_not_allowed', `${path} does not take ${req.method}; it takes ${allow}`, { Allow: allow });
}

/**
 * `(req, res) => handled`: true when the gate answered (refused, or served the sign-in page),
 * false when the request goes on to Next.js. `routes` (api-routes.mjs) lets it answer API paths
 * and methods that no route takes.
 */
export function createGate({ token, hosts, routes }) {
  return function gate(req, res) {
    const name = hostName(String(req.headers.host ?? ''));
    if (!name || !hosts.has(name)) {
      return refuse(
        res,
        421,
        'unknown_host',
        `Host "${req.headers.host ?? ''}" is not a name of this server; an operator who serves Stockcast under it adds it to STOCKCAST_ALLOWED_HOSTS`,
      );
    }
    const nonce = newNonce();
    const headers = securityHeaders(nonce);
    for (const [key, value] of Object.entries(headers)) res.setHeader(key, value);
    // Next.js takes the script nonce from the request's policy; a client's own value never counts.
    req.headers['content-security-policy'] = headers['Content-Security-Policy'];

    const reason = crossSiteReason(req);
    if (reason) return refuse(res, 403, 'cross_origin', reason);
    if (!decodablePath(req)) return refuse(res, 400, 'bad_request', 'the path holds a % that is not percent-encoding (a literal % is written %25)');
    if (!token) return refuseApiMiss(req, res, routes);

    const path = (req.url ?? '/').split('?')[0];
    if (path === SIGN_IN_PATH) {
      void signIn(req, res, token, nonce).catch((err) => {
        if (!res.headersSent) refuse(res, 500, 'internal', err.message);
      });
      return true;
    }
    if (PUBLIC_PATHS.has(path)) return false;
    const given = credentials(req, token);
    if (given === 'ok') return refuseApiMiss(req, res, routes);
    if (given === 'none' && wantsPage(req)) {
      res.writeHead(303, { Location: `${SIGN_IN_PATH}?next=${encodeURIComponent(req.url ?? '/')}`, 'Cache-Control': 'no-store' });
      res.end();
      return true;
    }
    return refuse(
      res,
      401,
      'unauthorized',
      given === 'wrong'
        ? 'the bearer token is not this server’s STOCKCAST_TOKEN'
        : `this server requires Authorization: Bearer <STOCKCAST_TOKEN>, or a browser session from ${SIGN_IN_PATH}`,
      { 'WWW-Authenticate': 'Bearer' },
    );
  };
}
