import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { dataVersion } from '@/lib/store/sqlite/db';
import { multipart, raw } from '../helpers/raw';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { sale, storeWithItems } from '../unit/events/fixtures';
import { counts, GOOD, storeChecksum } from '../unit/ingest/helpers';

/** The store as the server left it (every table's rows, their counts, the data version). */
function snapshot(dir: string) {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return { sum: storeChecksum(db), counts: counts(db), version: dataVersion(db) };
  } finally {
    db.close();
  }
}

const errorCode = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;
const JSON_TYPE = { 'Content-Type': 'application/json' };
const NDJSON_TYPE = { 'Content-Type': 'application/x-ndjson' };

/** Every write an attacking page could send, with the headers its browser adds. */
function writes(url: string, attack: Record<string, string>) {
  const upload = multipart('items.csv', GOOD.items);
  return [
    ['refresh', () => raw(`${url}/api/refresh`, { method: 'POST', headers: { ...attack, 'Content-Type': 'text/plain' }, body: '{"force":true}' })],
    ['refresh (JSON)', () => raw(`${url}/api/refresh`, { method: 'POST', headers: { ...attack, ...JSON_TYPE }, body: '{"force":true}' })],
    ['import', () => raw(`${url}/api/import`, { method: 'POST', headers: { ...attack, 'Content-Type': upload.contentType }, body: upload.body })],
    ['events', () => raw(`${url}/api/events`, { method: 'POST', headers: { ...attack, ...NDJSON_TYPE }, body: `${sale('SKU-1', '2026-01-05', 4)}\n` })],
    ['events (text/plain)', () => raw(`${url}/api/events`, { method: 'POST', headers: { ...attack, 'Content-Type': 'text/plain' }, body: `${sale('SKU-1', '2026-01-05', 4)}\n` })],
    ['demo', () => raw(`${url}/api/demo`, { method: 'POST', headers: { ...attack, ...JSON_TYPE }, body: '{}' })],
    ['cancel', () => raw(`${url}/api/runs/any/cancel`, { method: 'POST', headers: { ...attack, ...JSON_TYPE }, body: '{}' })],
    ['pin a model', () => raw(`${url}/api/overrides/pins`, { method: 'PUT', headers: { ...attack, ...JSON_TYPE }, body: '{"item_id":"SKU-1","model":"naive","reason":"x"}' })],
    // Connection: close: after the gate refuses a DELETE that has a body, Node ends that keep-alive
    // connection, and the next request on it would fail with "socket hang up".
    ['unpin', () => raw(`${url}/api/overrides/pins?item=SKU-1`, { method: 'DELETE', headers: { ...attack, ...JSON_TYPE }, body: '{}' })],
  ] as const;
}

describe('security gate, no token (loopback)', () => {
  const tmp = tempDir();
  const dir = path.join(tmp.dir, 'data');
  let server: RunningServer;

  beforeAll(async () => {
    storeWithItems(dir, 5).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_ALLOWED_HOSTS: 'stockcast.test, Other.Example' });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it.each([
    ['Origin of another site', { Origin: 'http://evil.example' }],
    ['Origin of another port on this machine', { Origin: 'http://127.0.0.1:1' }],
    ['Origin null', { Origin: 'null' }],
    ['Sec-Fetch-Site cross-site without Origin', { 'Sec-Fetch-Site': 'cross-site' }],
    ['Sec-Fetch-Site same-site without Origin', { 'Sec-Fetch-Site': 'same-site' }],
  ])('refuses every write with %s: 403 naming why, store unchanged', async (_what, attack) => {
    const before = snapshot(dir);
    for (const [route, send] of writes(server.url, attack)) {
      const res = await send();
      expect(res.status, route).toBe(403);
      expect(errorCode(res.text), route).toBe('cross_origin');
      expect(JSON.parse(res.text).error.message, route).toMatch(/Origin|Sec-Fetch-Site/);
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('a refused write leaves its kept-alive connection usable for the next request', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const refused = await raw(`${server.url}/api/overrides/pins?item=SKU-1`, {
          method,
          agent,
          headers: { Origin: 'http://evil.example', ...JSON_TYPE },
          body: JSON.stringify({ padding: 'x'.repeat(64 * 1024) }),
        });
        expect(refused.status, refused.text).toBe(403);
        const next = await raw(`${server.url}/api/health`, { agent });
        expect(next.status, next.text).toBe(200);
      }
    } finally {
      agent.destroy();
    }
  });

  it('refuses bodies of the wrong type with 415, even from the page itself, store unchanged', async () => {
    const before = snapshot(dir);
    const self = { Origin: server.url, 'Sec-Fetch-Site': 'same-origin' };
    const attempts = [
      raw(`${server.url}/api/refresh`, { method: 'POST', headers: { ...self, 'Content-Type': 'text/plain' }, body: '{"force":true}' }),
      raw(`${server.url}/api/refresh`, { method: 'POST', headers: self, body: '{}' }),
      raw(`${server.url}/api/demo`, { method: 'POST', headers: { ...self, 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'items=5' }),
      raw(`${server.url}/api/runs/any/cancel`, { method: 'POST', headers: { ...self, 'Content-Type': 'text/plain' } }),
      raw(`${server.url}/api/events`, { method: 'POST', headers: { ...self, 'Content-Type': 'text/plain' }, body: `${sale('SKU-1', '2026-01-06', 4)}\n` }),
      raw(`${server.url}/api/events`, { method: 'POST', headers: { ...self, ...JSON_TYPE }, body: `${sale('SKU-1', '2026-01-06', 4)}\n` }),
      raw(`${server.url}/api/import`, { method: 'POST', headers: { ...self, 'Content-Type': 'text/plain' }, body: GOOD.items }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(415);
      expect(errorCode(res.text)).toBe('unsupported_media_type');
    }
    expect(snapshot(dir)).toEqual(before);
  });

  it('answers no request whose Host is not its own (DNS rebinding): 421 before any handler', async () => {
    const before = snapshot(dir);
    for (const route of ['/', '/items', '/api/items', '/api/overview', '/api/health', '/api/progress', '/api/metrics']) {
      for (const host of [`evil.example:${server.port}`, 'evil.example', `127.0.0.1.evil.example:${server.port}`, '203.0.113.9']) {
        const res = await raw(`${server.url}${route}`, { headers: { Host: host } });
        expect(res.status, `${route} Host ${host}`).toBe(421);
        expect(errorCode(res.text)).toBe('unknown_host');
        expect(res.text).not.toContain('SKU-');
      }
    }
    const write = await raw(`${server.url}/api/events`, {
      method: 'POST',
      headers: { Host: `evil.example:${server.port}`, ...NDJSON_TYPE },
      body: `${sale('SKU-1', '2026-01-07', 4)}\n`,
    });
    expect(write.status).toBe(421);
    expect(snapshot(dir)).toEqual(before);
  });

  it('answers the bound address, localhost and STOCKCAST_ALLOWED_HOSTS names', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, 'localhost', `stockcast.test:${server.port}`, 'other.example', 'STOCKCAST.TEST.']) {
      const res = await raw(`${server.url}/api/health`, { headers: { Host: host } });
      expect(res.status, host).toBe(200);
    }
  });

  it('accepts writes from its own page and from scripts without Origin', async () => {
    const before = snapshot(dir);
    const fromPage = multipart('sales.csv', 'item_id,date,quantity,uom\nSKU-1,2026-01-08,3,EA\n');
    const page = await raw(`${server.url}/api/import`, {
      method: 'POST',
      headers: { Origin: server.url, 'Sec-Fetch-Site': 'same-origin', 'Content-Type': fromPage.contentType },
      body: fromPage.body,
    });
    expect(page.status, page.text).toBe(200);
    const localhostPage = await raw(`${server.url}/api/events`, {
      method: 'POST',
      headers: { Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}`, ...NDJSON_TYPE },
      body: `${sale('SKU-2', '2026-01-08', 2)}\n`,
    });
    expect(localhostPage.status, localhostPage.text).toBe(200);
    const script = await raw(`${server.url}/api/events`, { method: 'POST', headers: NDJSON_TYPE, body: `${sale('SKU-3', '2026-01-08', 1)}\n` });
    expect(script.status, script.text).toBe(200);
    const refresh = await raw(`${server.url}/api/refresh`, { method: 'POST', headers: { Origin: server.url, ...JSON_TYPE }, body: '{}' });
    expect([200, 202]).toContain(refresh.status);
    const after = snapshot(dir);
    expect(after.counts.sales).toBe(before.counts.sales + 3);
    expect(after.version).toBe(before.version + 3);
  });

  it('answers an API path no route has with 404, and a method its route does not take with 405 and Allow, in JSON', async () => {
    const policy = await raw(`${server.url}/api/policy`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(policy.status).toBe(405);
    expect(policy.headers.allow).toBe('GET, HEAD, OPTIONS, PUT');
    expect(JSON.parse(policy.text)).toEqual({ error: { code: 'method_not_allowed', message: '/api/policy does not take POST; it takes GET, HEAD, OPTIONS, PUT' } });
    const cancel = await raw(`${server.url}/api/runs/some-run/cancel`);
    expect([cancel.status, cancel.headers.allow]).toEqual([405, 'OPTIONS, POST']);
    const nowhere = await raw(`${server.url}/api/stock-levels?x=1`);
    expect(nowhere.status).toBe(404);
    expect(JSON.parse(nowhere.text)).toEqual({ error: { code: 'not_found', message: 'no API route /api/stock-levels' } });
    // What routes do take still reaches them.
    expect((await raw(`${server.url}/api/overrides/pins`)).status).toBe(200);
    expect((await raw(`${server.url}/api/health`, { method: 'HEAD' })).status).toBe(200);
  });

  it('answers a path that is not percent-encoding with 400 in JSON, reads and writes alike, store unchanged', async () => {
    const before = snapshot(dir);
    for (const [method, where] of [
      ['GET', '/api/items/%ZZ'],
      ['GET', '/api/runs/%E0%A4%A'],
      ['GET', '/items/%E0%A4%A'],
      ['DELETE', '/api/overrides/%ZZ'],
      ['POST', '/api/runs/%ZZ/cancel'],
    ] as const) {
      const res = await raw(`${server.url}${where}`, { method, headers: method === 'GET' ? {} : { ...JSON_TYPE, Connection: 'close' }, body: method === 'GET' ? undefined : '{}' });
      expect(res.status, where).toBe(400);
      expect(res.headers['content-type'], where).toMatch(/^application\/json/);
      expect(JSON.parse(res.text).error, where).toMatchObject({ code: 'bad_request', message: expect.stringContaining('%25') });
    }
    expect(snapshot(dir)).toEqual(before);
    // An encoded % still reaches the route.
    expect((await raw(`${server.url}/api/items/A%25B`)).status).toBe(404);
  });

  it('serves an item whose code holds "/", "%" or a space under its encoded path, decoded once', async () => {
    const codes = ['A/B', 'C%D', 'C%25D', 'é x'];
    const items = `item_id,name,category,base_uom,unit_cost,lead_time_days\n${codes.map((c, k) => `${c},Item ${k},Cat,EA,1,10`).join('\n')}\n`;
    const upload = multipart('codes.csv', items);
    expect((await raw(`${server.url}/api/import`, { method: 'POST', headers: { 'Content-Type': upload.contentType }, body: upload.body })).status).toBe(200);
    for (const code of codes) {
      const page = await raw(`${server.url}/items/${encodeURIComponent(code)}`);
      expect(page.status, code).toBe(200);
      const title = page.text.match(/<title>([^<]*)<\/title>/)![1]!.replace(/&amp;/g, '&');
      expect(title, code).toBe(`${code} · Stockcast`);
    }
  });

  it('sends the security headers, and its scripts carry the nonce of the policy', async () => {
    for (const route of ['/', '/items', '/api/health']) {
      const res = await raw(`${server.url}${route}`);
      expect(res.status).toBe(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*' 'strict-dynamic'/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
      if (route === '/api/health') continue;
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      const scripts = res.text.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length).toBeGreaterThan(2);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    }
    const a = String((await raw(`${server.url}/`)).headers['content-security-policy']);
    const b = String((await raw(`${server.url}/`)).headers['content-security-policy']);
    expect(a).not.toBe(b);
  });
});

describe('security gate, with STOCKCAST_TOKEN', () => {
  const tmp = tempDir();
  const dir = path.join(tmp.dir, 'data');
  const token = 'gate-token-0123456789abcdef';
  let server: RunningServer;

  beforeAll(async () => {
    storeWithItems(dir, 5).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_TOKEN: token });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('needs the token or a session for reads too; pages send the browser to sign in', async () => {
    for (const route of ['/api/items', '/api/overview', '/api/health', '/api/metrics', '/api/runs', '/api/progress']) {
      const res = await raw(`${server.url}${route}`);
      expect(res.status, route).toBe(401);
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect(res.text).not.toContain('SKU-');
      const wrong = await raw(`${server.url}${route}`, { headers: { Authorization: 'Bearer not-the-token' } });
      expect(wrong.status, route).toBe(401);
    }
    expect((await raw(`${server.url}/api/items`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const page = await raw(`${server.url}/items?q=SKU`, { headers: { Accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Fitems%3Fq%3DSKU');
    expect(page.text).not.toContain('SKU-');
  });

  it('signs a browser in with an HttpOnly, SameSite=Strict session cookie; refuses wrong tokens and other sites', async () => {
    const before = snapshot(dir);
    const form = await raw(`${server.url}/sign-in?next=%2Fitems`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('name="token"');
    const post = (body: string, headers: Record<string, string> = { Origin: server.url }) =>
      raw(`${server.url}/sign-in`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, body });
    const wrong = await post('token=guess&next=%2Fitems');
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const csrf = await post(`token=${token}&next=%2F`, { Origin: 'http://evil.example' });
    expect(csrf.status).toBe(403);
    expect(csrf.headers['set-cookie']).toBeUndefined();
    const offsite = await post(`token=${token}&next=${encodeURIComponent('//evil.example/')}`);
    expect(offsite.headers.location).toBe('/');
    const ok = await post(`token=${encodeURIComponent(token)}&next=%2Fitems`);
    expect(ok.status).toBe(303);
    expect(ok.headers.location).toBe('/items');
    const setCookie = String(ok.headers['set-cookie']);
    expect(setCookie).toMatch(/^stockcast_session=[^;]+; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    const session = setCookie.split(';')[0]!;
    expect((await raw(`${server.url}/api/items`, { headers: { Cookie: session } })).status).toBe(200);
    expect((await raw(`${server.url}/items`, { headers: { Cookie: session, Accept: 'text/html' } })).status).toBe(200);
    const forged = session.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect((await raw(`${server.url}/api/items`, { headers: { Cookie: forged } })).status).toBe(401);
    // A session does not let another site write: the browser would send the cookie only to
    // same-site requests anyway (SameSite=Strict), and Origin is checked first.
    const attack = await raw(`${server.url}/api/refresh`, {
      method: 'POST',
      headers: { Cookie: session, Origin: 'http://evil.example', ...JSON_TYPE },
      body: '{"force":true}',
    });
    expect(attack.status).toBe(403);
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('binding beyond loopback', () => {
  function start(script: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin', script)], {
        cwd: ROOT,
        env: { ...process.env, PORT: '0', STOCKCAST_DEMO: '0', STOCKCAST_TOKEN: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c));
      child.stderr.on('data', (c: Buffer) => (output += c));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }

  it.each([['server.mjs'], ['start.mjs']])('without a token, %s exits non-zero saying what to set', async (script) => {
    const tmp = tempDir();
    try {
      for (const host of ['0.0.0.0', '::', '192.0.2.10']) {
        const { code, output } = await start(script, { HOST: host, STOCKCAST_DATA_DIR: tmp.dir });
        expect(code).not.toBe(0);
        expect(output).toContain(`HOST=${host}`);
        expect(output).toContain('Set STOCKCAST_TOKEN');
        expect(output).not.toContain('ready on');
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('a plain `next start` (no gate) refuses to serve', async () => {
    const tmp = tempDir();
    try {
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/next/dist/bin/next'), 'start', '-p', '0', '-H', '127.0.0.1'], {
          cwd: ROOT,
          env: { ...process.env, STOCKCAST_DATA_DIR: tmp.dir, STOCKCAST_DEMO: '0', NEXT_TELEMETRY_DISABLED: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (c: Buffer) => (output += c));
        child.stderr.on('data', (c: Buffer) => (output += c));
        child.on('exit', (code) => resolve({ code, output }));
      });
      expect(result.code).toBe(1);
      expect(result.output).toContain('stockcast: cannot start: serve Stockcast with `npm start` (bin/server.mjs)');
    } finally {
      tmp.cleanup();
    }
  });

  it('with a token, serves on 0.0.0.0 to the token only', async () => {
    const tmp = tempDir();
    const server = await startServer({ HOST: '0.0.0.0', STOCKCAST_DATA_DIR: tmp.dir, STOCKCAST_TOKEN: 'wide-token-0123456789' });
    try {
      expect((await raw(`${server.url}/api/health`)).status).toBe(401);
      expect((await raw(`${server.url}/api/health`, { headers: { Authorization: 'Bearer wide-token-0123456789' } })).status).toBe(200);
      expect((await raw(`${server.url}/api/health`, { headers: { Host: 'evil.example', Authorization: 'Bearer wide-token-0123456789' } })).status).toBe(421);
    } finally {
      await server.stop();
      tmp.cleanup();
    }
  });
});
