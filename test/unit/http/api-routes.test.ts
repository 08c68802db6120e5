import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/server';
// @ts-expect-error: the server's plain-JS module has no type declarations
import { allowOf, apiRouteOf, apiRoutes } from '../../../bin/security/api-routes.mjs';

interface ApiRoute {
  path: string;
  methods: Set<string>;
}

const routes = apiRoutes(path.join(ROOT, 'app')) as ApiRoute[];
const HANDLERS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

describe('the API route table the security gate answers 404 and 405 from', () => {
  it('lists every route file with exactly the methods its module exports', async () => {
    expect(routes.length).toBeGreaterThan(20);
    for (const route of routes) {
      const mod = (await import(path.join(ROOT, 'app', route.path, 'route.ts'))) as Record<string, unknown>;
      const exported = Object.keys(mod).filter((name) => HANDLERS.includes(name) && typeof mod[name] === 'function');
      const expected = new Set([...exported, 'OPTIONS', ...(exported.includes('GET') ? ['HEAD'] : [])]);
      expect([...route.methods].sort(), route.path).toEqual([...expected].sort());
    }
  });

  it('matches request paths as Next.js does: static segments before dynamic ones, a trailing slash, no other path', () => {
    const pathOf = (url: string) => (apiRouteOf(routes, url) as ApiRoute | undefined)?.path;
    expect(pathOf('/api/overrides/pins')).toBe('/api/overrides/pins');
    expect(pathOf('/api/overrides/42')).toBe('/api/overrides/[id]');
    expect(pathOf('/api/runs/abc/cancel')).toBe('/api/runs/[id]/cancel');
    expect(pathOf('/api/items/SKU%2F1')).toBe('/api/items/[id]');
    expect(pathOf('/api/items/')).toBe('/api/items');
    expect(pathOf('/api/nope')).toBeUndefined();
    expect(pathOf('/api/items/a/b')).toBeUndefined();
    expect(allowOf(apiRouteOf(routes, '/api/policy'))).toBe('GET, HEAD, OPTIONS, PUT');
  });
});
