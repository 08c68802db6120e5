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
});
