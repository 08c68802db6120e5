import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

describe('STOCKCAST_TOKEN', () => {
  const tmp = tempDir();
  let server: RunningServer;
  const token = 'test-token-1234';

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir, STOCKCAST_TOKEN: token });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  const mutating: [string, () => RequestInit][] = [
    ['/api/refresh', () => ({ method: 'POST', body: '{}' })],
    ['/api/runs/some-run/cancel', () => ({ method: 'POST' })],
    ['/api/events', () => ({ method: 'POST', body: '{"type":"sale","item_id":"X","date":"2026-01-01","quantity":1,"uom":"EA"}\n' })],
    [
      '/api/import',
      () => {
        const form = new FormData();
        form.append('file', new Blob(['item_id,date,quantity,uom\n']), 'sales.csv');
        return { method: 'POST', body: form };
      },
    ],
  ];

  it.each(mutating)('%s refuses a missing or wrong bearer token with 401', async (route, init) => {
    const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-9999' }, { Authorization: token }];
    for (const headers of attempts) {
      const res = await fetch(`${server.url}${route}`, { ...init(), headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
  });

  it('lets the right token through, and reading routes need it too', async () => {
    const ok = await fetch(`${server.url}/api/refresh`, {
      method: 'POST',
      body: '{}',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    });
    expect([200, 202]).toContain(ok.status);
    for (const route of ['/api/health', '/api/runs', '/api/metrics']) {
      expect((await fetch(`${server.url}${route}`)).status).toBe(401);
      expect((await fetch(`${server.url}${route}`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    }
  });
});
