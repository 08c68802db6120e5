import http from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, runPipeline } from '@/lib/pipeline';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

/** A GET as raw bytes: what travels on the wire, before any decoding. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

describe('dashboard read models over HTTP', () => {
  const tmp = tempDir();
  let server: RunningServer;

  beforeAll(async () => {
    const store = await demoStore(tmp.dir, { items: 40, days: 200 });
    const pool = createPool({ threads: 1 });
    try {
      await runPipeline({ store, origin: 'cli', pool });
    } finally {
      await pool.destroy();
      store.close();
    }
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('sends the items table gzipped to a client that accepts it, plain JSON otherwise, and 304 when unchanged', async () => {
    const plain = await rawGet(`${server.url}/api/items`, {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['content-type']).toMatch(/^application\/json/);
    const json = JSON.parse(plain.body.toString('utf8')) as { count: number };
    expect(json.count).toBe(40);

    const zipped = await rawGet(`${server.url}/api/items`, { 'Accept-Encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/^application\/json/);
    expect(zipped.headers.vary).toMatch(/Accept-Encoding/i);
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(zipped.body.length).toBeLessThan(plain.body.length / 2);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);

    const unchanged = await rawGet(`${server.url}/api/items`, { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);
  });

  it.each([
    ['/api/inbox?state=all', { method: 'POST', url: '/api/inbox/marks', mark: true }],
    ['/api/worksheet', { method: 'PUT', url: '/api/worksheet/lines', mark: false }],
  ] as const)('sends %s gzipped with an ETag, 304 while unchanged, and anew after an analyst edit', async (route, change) => {
    const plain = await rawGet(`${server.url}${route}`, {});
    expect(plain.status).toBe(200);
    const model = JSON.parse(plain.body.toString('utf8')) as { runId: string; rows?: { itemId: string; kind: string }[]; lines?: { itemId: string }[] };
    expect(model.runId).not.toBeNull();

    const zipped = await rawGet(`${server.url}${route}`, { 'Accept-Encoding': 'gzip' });
    expect(zipped.status).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.etag).toBe(plain.headers.etag);
    expect(gunzipSync(zipped.body).equals(plain.body)).toBe(true);
    const unchanged = await rawGet(`${server.url}${route}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag! });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body.length).toBe(0);

    // A mark or a draft line leaves the data version alone but changes what is sent.
    const body = change.mark
      ? { itemId: model.rows![0]!.itemId, kind: model.rows![0]!.kind, state: 'handled', by: 'Ana' }
      : { itemId: model.lines![0]!.itemId, quantity: 7, dueDate: '2030-01-02' };
    const res = await fetch(`${server.url}${change.url}`, { method: change.method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
    const edited = await rawGet(`${server.url}${route}`, { 'Accept-Encoding': 'gzip', 'If-None-Match': zipped.headers.etag! });
    expect(edited.status).toBe(200);
    expect(edited.headers.etag).not.toBe(zipped.headers.etag);
    const after = JSON.parse(gunzipSync(edited.body).toString('utf8')) as typeof model & { rows?: { state: string }[]; lines?: { quantity: number; edited: boolean }[] };
    if (change.mark) expect(after.rows![0]).toMatchObject({ itemId: body.itemId, state: 'handled' });
    else expect(after.lines!.find((l) => l.itemId === body.itemId)).toMatchObject({ quantity: 7, edited: true });
  });

  it('sends accuracy across runs with an ETag, 304 until the next run, and the next run counted after it', async () => {
    const items = JSON.parse((await rawGet(`${server.url}/api/items`, {})).body.toString('utf8')) as { id: string[] };
    for (const route of ['/api/accuracy', `/api/accuracy?item=${items.id[0]}`]) {
      const first = await rawGet(`${server.url}${route}`, {});
      expect(first.status).toBe(200);
      expect(first.headers.etag).toBeDefined();
      const report = JSON.parse(first.body.toString('utf8')) as { snapshots: number; typedWrong: number; item?: { forecasts: unknown[] } };
      expect(report).toMatchObject({ snapshots: 1, typedWrong: 0 });
      if (route !== '/api/accuracy') expect(report.item!.forecasts).toHaveLength(1);
      const unchanged = await rawGet(`${server.url}${route}`, { 'If-None-Match': first.headers.etag! });
      expect(unchanged.status).toBe(304);
    }
    expect((await rawGet(`${server.url}/api/accuracy?item=NO-SUCH-ITEM`, {})).status).toBe(404);

    const before = (await rawGet(`${server.url}/api/accuracy`, {})).headers.etag!;
    const refresh = await fetch(`${server.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ force: true }) });
    expect(refresh.status).toBe(202);
    let next = await rawGet(`${server.url}/api/accuracy`, { 'If-None-Match': before });
    for (let wait = 0; next.status === 304 && wait < 300; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      next = await rawGet(`${server.url}/api/accuracy`, { 'If-None-Match': before });
    }
    expect(next.status).toBe(200);
    expect(next.headers.etag).not.toBe(before);
    expect((JSON.parse(next.body.toString('utf8')) as { snapshots: number }).snapshots).toBe(2);
  });
});
