import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { openEventRequest, postEvents, readStore, sale, stock, storeWithItems } from '../unit/events/fixtures';

const TOKEN = 'events-test-token';
const auth = { Authorization: `Bearer ${TOKEN}` };

describe('POST /api/events', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');
  let server: RunningServer;

  beforeAll(async () => {
    storeWithItems(dataDir, 20).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dataDir, STOCKCAST_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  const salesOf = (tag: number) => {
    const db = readStore(dataDir);
    try {
      return db.prepare('SELECT COUNT(*) FROM sales WHERE quantity = ?').pluck().get(tag) as number;
    } finally {
      db.close();
    }
  };
  const version = async () => ((await (await fetch(`${server.url}/api/health`, { headers: auth })).json()) as { dataVersion: number }).dataVersion;

  it('refuses writes without the bearer token', async () => {
    const res = await postEvents(server.url, sale('SKU-1', '2024-01-01', 1));
    expect(res.status).toBe(401);
  });

  it('stores the valid lines and rejects the invalid ones by line number', async () => {
    const before = await version();
    const body = [
      sale('SKU-1', '2024-01-01', 101),
      sale('NOPE', '2024-01-01', 101),
      '',
      stock('SKU-2', '2024-01-01', 40, 'CASE', 5),
      '{"type":"sale","item_id":"SKU-1",',
      sale('SKU-1', '2024-02-30', 101),
      sale('SKU-3', '2024-01-02', 101, 'BOX'),
      sale('SKU-0', '2024-01-02', 101, 'BOX'),
      '{"type":"sale","item_id":"SKU-4","date":"2024-01-03","quantity":101,"uom":"EA","note":"extra fields are ignored"}',
    ].join('\r\n');
    const res = await postEvents(server.url, body, auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      accepted: 4,
      rejected: [
        { line: 2, error: 'unknown item "NOPE"', item: 'NOPE' },
        { line: 5, error: expect.stringMatching(/^invalid JSON: /) },
        { line: 6, error: 'date must be an ISO date (YYYY-MM-DD), got "2024-02-30"', item: 'SKU-1' },
        { line: 7, error: 'unit "BOX" has no conversion factor for item "SKU-3"', item: 'SKU-3' },
      ],
      rejected_total: 4,
    });
    expect(salesOf(101)).toBe(3);
    const db = readStore(dataDir);
    expect(db.prepare('SELECT on_hand, on_order, as_of FROM inventory').raw().all()).toEqual([[40, 5, 19723]]);
    db.close();
    expect(await version()).toBe(before + 1);
  });

  it('lists the first 1000 rejected lines and counts them all', async () => {
    const lines = Array.from({ length: 1500 }, (_, i) => (i % 3 === 0 ? sale('SKU-1', '2024-01-01', 102) : 'nope'));
    const res = await postEvents(server.url, lines.join('\n'), auth);
    const body = res.body as { accepted: number; rejected: { line: number }[]; rejected_total: number };
    expect(body.accepted).toBe(500);
    expect(body.rejected_total).toBe(1000);
    expect(body.rejected).toHaveLength(1000);
    expect(body.rejected[0]!.line).toBe(2);
    expect(salesOf(102)).toBe(500);
  });

  it('stores a long request (many batches) all at once', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => sale(`SKU-${i % 20}`, '2024-03-01', 103));
    const res = await postEvents(server.url, lines.join('\n'), auth);
    expect(res.body).toEqual({ accepted: 30_000, rejected: [], rejected_total: 0 });
    expect(salesOf(103)).toBe(30_000);
  });

  it('answers a retry with the same Idempotency-Key from the first attempt and stores nothing twice', async () => {
    const headers = { ...auth, 'Idempotency-Key': 'retry-1' };
    const lines = Array.from({ length: 10_000 }, () => sale('SKU-5', '2024-01-01', 104));
    const first = await postEvents(server.url, lines.join('\n'), headers);
    const before = await version();
    const again = await postEvents(server.url, lines.join('\n'), headers);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(salesOf(104)).toBe(10_000);
    expect(await version()).toBe(before);
  });

  it('makes a retry that arrives while the first attempt runs wait for it and get its answer', async () => {
    const headers = { ...auth, 'Idempotency-Key': 'retry-2' };
    const first = openEventRequest(server.url, headers);
    await first.write(`${sale('SKU-6', '2024-01-01', 105)}\n`);
    // Different body on purpose: had the retry been processed on its own, it would store 5 rows.
    const retry = postEvents(server.url, Array(5).fill(sale('SKU-6', '2024-01-01', 105)).join('\n'), headers);
    await new Promise((r) => setTimeout(r, 500));
    first.end(`${sale('SKU-6', '2024-01-01', 105)}\n${sale('SKU-6', '2024-01-01', 105)}\n`);
    const [a, b] = await Promise.all([first.answer, retry]);
    expect(a.body).toEqual({ accepted: 3, rejected: [], rejected_total: 0 });
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(salesOf(105)).toBe(3);
  });

  it('lets a retry take over when the first attempt with its key never finished', async () => {
    const headers = { ...auth, 'Idempotency-Key': 'retry-3' };
    const first = openEventRequest(server.url, headers);
    await first.write(`${sale('SKU-7', '2024-01-01', 106)}\n`.repeat(6000)); // more than one batch
    const retry = postEvents(server.url, Array(4).fill(sale('SKU-7', '2024-01-01', 106)).join('\n'), headers);
    first.destroy(); // the client gave up mid-body
    const b = await retry;
    expect(b.body).toEqual({ accepted: 4, rejected: [], rejected_total: 0 });
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(salesOf(106)).toBe(4);
  });

  it('refuses a malformed Idempotency-Key', async () => {
    const res = await postEvents(server.url, sale('SKU-1', '2024-01-01', 107), { ...auth, 'Idempotency-Key': 'x'.repeat(300) });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: { code: 'bad_idempotency_key' } });
    expect(salesOf(107)).toBe(0);
  });

  it('counts accepted and rejected events in the metrics', async () => {
    const text = await (await fetch(`${server.url}/api/metrics`, { headers: auth })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('stockcast_events_accepted_total\\{type="sale"\\}')).toBe(3 + 500 + 30_000 + 10_000 + 3 + 4);
    expect(value('stockcast_events_accepted_total\\{type="stock"\\}')).toBe(1);
    expect(value('stockcast_events_rejected_total')).toBe(4 + 1000);
    expect(value('stockcast_events_queue_depth')).toBe(0);
    expect(text).toMatch(/^stockcast_events_batch_commit_seconds_count [1-9]/m);
  });
});
