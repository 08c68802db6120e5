import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_BYTES } from '@/lib/events/batch';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { openEventRequest, postEvents, readStore, sale, storeWithItems, type Answer } from '../unit/events/fixtures';

/**
 * A writer slowed by the test-only hook (2 s per transaction) behind a queue of 2,000 events, and
 * producers that send far more than that. The wait limit (1 s) is shorter than one transaction,
 * so a producer that finds the queue full after its first round must be refused.
 */
const QUEUE = 2000;
const env = {
  STOCKCAST_TEST_HOOKS: '1',
  STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '2000',
  STOCKCAST_EVENTS_QUEUE_EVENTS: String(QUEUE),
  STOCKCAST_EVENTS_BATCH_EVENTS: '500',
  STOCKCAST_EVENTS_WAIT_MS: '1000',
};

interface Sample {
  depth: number;
  bytes: number;
  waiting: number;
  rss: number;
}

describe('backpressure', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');
  let server: RunningServer;

  beforeAll(async () => {
    storeWithItems(dataDir, 10).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dataDir, ...env });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  async function sample(): Promise<Sample> {
    const text = await (await fetch(`${server.url}/api/metrics`)).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)![1]);
    return {
      depth: value('stockcast_events_queue_depth'),
      bytes: value('stockcast_events_queue_bytes'),
      waiting: value('stockcast_events_producers_waiting'),
      rss: value('stockcast_process_process_resident_memory_bytes'),
    };
  }

  const storedWithTag = (tag: number) => {
    const db = readStore(dataDir);
    try {
      return db.prepare('SELECT COUNT(*) FROM sales WHERE quantity = ?').pluck().get(tag) as number;
    } finally {
      db.close();
    }
  };

  it('makes producers wait, keeps memory bounded, refuses with 503 + Retry-After past the limit and loses nothing acknowledged', async () => {
    await postEvents(server.url, sale('SKU-1', '2024-01-01', 1)); // start the writer thread
    const baseline = await sample();

    // Small requests fit the queue; they are answered once the slow writer has committed them.
    const small = [11, 12, 13].map((tag) =>
      postEvents(server.url, Array(300).fill(sale(`SKU-${tag - 10}`, '2024-01-01', tag)).join('\n')),
    );
    // They are in the queue (admitted, not yet committed) before the big producer starts.
    while ((await sample()).depth < 900) await new Promise((r) => setTimeout(r, 10));

    // A producer with far more than the queue holds: 60 MB of events, written as fast as the
    // server reads them. With backpressure the server reads only what the queue has room for.
    const big = openEventRequest(server.url, { 'Idempotency-Key': 'bp-big' });
    const line = `${sale('SKU-5', '2024-01-01', 99)}\n`;
    const chunk = line.repeat(Math.ceil(65_536 / line.length));
    const total = 60 * 2 ** 20;
    let written = 0;
    let answered = false;
    void big.answer.then(() => (answered = true), () => (answered = true));
    const writing = (async () => {
      while (written < total && !answered) {
        await big.write(chunk);
        written += chunk.length;
      }
    })().catch(() => {});

    const samples: Sample[] = [];
    while (!answered) {
      samples.push(await sample());
      await new Promise((r) => setTimeout(r, 50));
    }
    const refused: Answer = await big.answer;
    const writtenWhenRefused = written;
    await writing;

    expect(refused.status).toBe(503);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toMatchObject({ error: { code: 'busy' } });
    // Producers waited (the gauge showed it) and the queue never held more than its capacity.
    expect(Math.max(...samples.map((s) => s.waiting))).toBeGreaterThanOrEqual(1);
    expect(Math.max(...samples.map((s) => s.depth))).toBeLessThanOrEqual(QUEUE + 1000);
    expect(Math.max(...samples.map((s) => s.bytes))).toBeLessThanOrEqual((QUEUE + 1000) * EVENT_BYTES);
    // The body was read no faster than the writer stored: most of it was never taken from the client,
    // and the server's memory did not grow by anything like the body size.
    expect(writtenWhenRefused).toBeLessThan(total / 2);
    expect(Math.max(...samples.map((s) => s.rss)) - baseline.rss).toBeLessThan(total / 2);

    // Every acknowledged event is stored; the refused request stored nothing.
    const answers = await Promise.all(small);
    for (const [i, a] of answers.entries()) {
      expect(a.status).toBe(200);
      expect(a.body).toEqual({ accepted: 300, rejected: [], rejected_total: 0 });
      expect(storedWithTag(11 + i)).toBe(300);
    }
    expect(storedWithTag(99)).toBe(0);

    // The key of the refused request was not used up: a retry goes through.
    const retry = await postEvents(server.url, Array(700).fill(sale('SKU-5', '2024-01-01', 99)).join('\n'), {
      'Idempotency-Key': 'bp-big',
    });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual({ accepted: 700, rejected: [], rejected_total: 0 });
    expect(storedWithTag(99)).toBe(700);
    const after = await sample();
    expect(after.depth).toBe(0);
    expect(after.waiting).toBe(0);
  });
});
