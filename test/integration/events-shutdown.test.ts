import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { openEventRequest, postEvents, readStore, sale, storeWithItems } from '../unit/events/fixtures';

const EVENTS_PER_REQUEST = 5000;

interface Attempt {
  tag: number;
  status: number | 'error';
  accepted?: number;
  code?: string;
}

describe('SIGTERM during a heavy stream', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('commits every acknowledged event, stores nothing of the rest and exits 0', async () => {
    const dataDir = path.join(tmp.dir, 'data');
    storeWithItems(dataDir, 50).close();
    // A slightly slow writer keeps the queue full, so there is work to drain when SIGTERM comes.
    const server = await startServer({
      STOCKCAST_DATA_DIR: dataDir,
      STOCKCAST_TEST_HOOKS: '1',
      STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '50',
      STOCKCAST_EVENTS_QUEUE_EVENTS: '20000',
      STOCKCAST_EVENTS_BATCH_EVENTS: '1000',
    });

    // Each request's events carry its own tag as quantity, so stored rows can be told apart.
    let nextTag = 1;
    const attempts: Attempt[] = [];
    let acknowledged = 0;
    let exited = false;
    void server.exited.then(() => (exited = true));
    const producer = async (n: number) => {
      while (!exited) {
        const tag = nextTag++;
        const body = Array.from({ length: EVENTS_PER_REQUEST }, (_, i) => sale(`SKU-${i % 50}`, '2024-01-01', tag));
        const headers: Record<string, string> = n % 2 === 0 ? { 'Idempotency-Key': `shutdown-${tag}` } : {};
        try {
          const res = await postEvents(server.url, body.join('\n'), headers);
          const json = res.body as { accepted?: number; error?: { code: string } };
          attempts.push({ tag, status: res.status, accepted: json.accepted, code: json.error?.code });
          if (res.status === 200) acknowledged++;
          else break; // 503: the server is going away
        } catch {
          attempts.push({ tag, status: 'error' });
          break;
        }
      }
    };
    const producers = [0, 1, 2, 3, 4, 5].map(producer);

    // One more request whose body is still streaming when SIGTERM arrives.
    const streaming = openEventRequest(server.url);
    await streaming.write(`${sale('SKU-1', '2024-01-01', 0.5)}\n`.repeat(3000));

    while (acknowledged < 12) await new Promise((r) => setTimeout(r, 20));
    server.child.kill('SIGTERM');
    const code = await server.exited;
    await Promise.all(producers);
    const cut = await streaming.answer;

    expect(code).toBe(0);
    expect(cut.status).toBe(503);
    expect(cut.body).toMatchObject({ error: { code: 'shutting_down' } });
    expect(cut.headers['retry-after']).toBe('5');

    const db = readStore(dataDir);
    const stored = new Map(
      (db.prepare('SELECT quantity, COUNT(*) FROM sales GROUP BY quantity').raw().all() as [number, number][]).map(
        ([tag, n]) => [tag, n],
      ),
    );
    db.close();
    expect(stored.get(0.5)).toBeUndefined(); // the cut-off stream stored nothing
    const ok = attempts.filter((a) => a.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(12);
    for (const a of ok) {
      expect(a.accepted).toBe(EVENTS_PER_REQUEST);
      expect(stored.get(a.tag), `acknowledged request ${a.tag}`).toBe(EVENTS_PER_REQUEST);
    }
    // Refused or cut requests stored nothing; nothing was stored half.
    for (const a of attempts.filter((x) => x.status !== 200 && x.status !== 'error')) {
      expect(a.status).toBe(503);
      expect(stored.get(a.tag) ?? 0, `refused request ${a.tag}`).toBe(0);
    }
    for (const [tag, n] of stored) expect(n, `request ${tag}`).toBe(EVENTS_PER_REQUEST);
    const acknowledgedEvents = ok.length * EVENTS_PER_REQUEST;
    const storedEvents = [...stored.values()].reduce((a, b) => a + b, 0);
    // A request whose answer was lost with the connection may be stored beyond the acknowledged ones.
    expect(storedEvents).toBeGreaterThanOrEqual(acknowledgedEvents);
  });
});
