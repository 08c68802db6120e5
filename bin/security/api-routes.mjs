// The API's routes and the methods each takes, read from app/api/**/route.ts when the server
// starts, so that the gate answers a method a route does not take (405 with Allow) and a path no
// route has (404) in JSON like every other API error; Next.js sends an empty 405 and its HTML 404.
import fs from 'node:fs';
import path from 'node:path';

const METHOD_EXPORT = /^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm;

/** `[{ path, pattern, methods }]`, static segments before dynamic ones, as Next.js matches them. */
export function apiRoutes(appDir) {
  const routes = [];
  const walk = (dir, segments) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name), [...segments, entry.name]);
      else if (entry.name === 'route.ts') routes.push(route(segments, fs.readFileSync(path.join(dir, entry.name), 'utf8')));
    }
  };
  walk(path.join(appDir, 'api'), ['api']);
  return routes.sort((a, b) => a.dynamic - b.dynamic);
}

function route(segments, source) {
  const methods = new Set([...source.matchAll(METHOD_EXPORT)].map((m) => m[1]));
  if (methods.has('GET')) methods.add('HEAD');
  methods.add('OPTIONS'); // Next.js answers it for every route, with Allow
  const dynamic = segments.filter((s) => s.startsWith('[')).length;
  const parts = segments.map((s) => (s.startsWith('[') ? '[^/]+' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return { path: `/${segments.join('/')}`, pattern: new RegExp(`^/${parts.join('/')}/?$`), methods, dynamic };
}

/** The route a request path takes, or undefined. */
export function apiRouteOf(routes, urlPath) {
  return routes.find((r) => r.pattern.test(urlPath));
}

/** The Allow header of a route. */
export const allowOf = (route) => [...route.methods].sort().join(', ');
