import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchBuilder, type EventBatch } from '@/lib/events/batch';
import { EventQueue, QueueFullError } from '@/lib/events/queue';
import type { TransactionResult, WriterOp } from '@/lib/events/wire';
import type { EventTransactions, Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { storeWithItems } from './fixtures';
import { sqlite } from '../../helpers/sqlite';

/** A batch of `n` sales of item 1 with quantity `tag`, so each request's rows can be counted. */
function sales(n: number, tag: number): EventBatch {
  const b = new BatchBuilder();
  for (let i = 0; i < n; i++) b.addSale(1, 19723, tag, 0);
  return b.take();
}

describe('EventQueue', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let writer: EventTransactions;
  /** Transactions are held here until the test lets them through. */
  let held: (() => void)[];
  let autoCommit: boolean;
  let transactions: WriterOp[][];

  function queue(capacity: number, transactionEvents = 1_000_000) {
    return new EventQueue({
      capacity,
      transactionEvents,
      commit: (ops) =>
        new Promise<TransactionResult>((resolve, reject) => {
          const run = () => {
            transactions.push(ops);
            try {
              resolve(writer.apply(ops));
            } catch (err) {
              reject(err);
            }
          };
          if (autoCommit) run();
          else held.push(run);
        }),
    });
  }
  const release = () => held.splice(0).forEach((run) => run());
  const releaseAll = async () => {
    while (held.length > 0) {
      release();
      await settled();
    }
  };
  const stored = (tag: number) =>
    sqlite(store).prepare('SELECT COUNT(*) FROM sales WHERE quantity = ?').pluck().get(tag) as number;
  const never = new AbortController().signal;
  const final = (req: number, batch: EventBatch | null, staged = 0) =>
    ({ kind: 'final', req, batch, staged, idempotencyKey: null, response: '{}' }) as const;
  const settled = () => new Promise((r) => setImmediate(r));

  beforeEach(async () => {
    tmp = tempDir();
    store = storeWithItems(path.join(tmp.dir, 'data'), 2);
    writer = await store.events.writer();
    writer.addUnits(['EA']);
    held = [];
    autoCommit = false;
    transactions = [];
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('admits producers while there is room and makes the rest wait, in arrival order', async () => {
    const q = queue(100);
    await q.stage(1, sales(60, 1), 10_000, never);
    expect(q.depth).toBe(60);
    const order: number[] = [];
    const second = q.stage(2, sales(60, 2), 10_000, never).then(() => order.push(2));
    const third = q.stage(3, sales(10, 3), 10_000, never).then(() => order.push(3));
    await settled();
    // The third would fit, but arrived after the second: no overtaking.
    expect(q.waiting).toBe(2);
    expect(q.depth).toBe(60);
    release();
    await Promise.all([second, third]);
    expect(order).toEqual([2, 3]);
    expect(q.waiting).toBe(0);
    expect(q.depth).toBe(70);
    expect(q.bytes).toBeGreaterThan(0);
    await releaseAll();
    expect(q.depth).toBe(0);
    expect(q.bytes).toBe(0);
  });

  it('refuses a producer that gets no room within the wait limit, with a Retry-After', async () => {
    const q = queue(10);
    await q.stage(1, sales(10, 1), 10_000, never);
    const refused = await q.stage(2, sales(5, 2), 20, never).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(QueueFullError);
    expect((refused as QueueFullError).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(q.waiting).toBe(0);
    expect(q.depth).toBe(10);
  });

  it('lets a waiting producer go when its request is aborted', async () => {
    const q = queue(10);
    await q.stage(1, sales(10, 1), 10_000, never);
    const abort = new AbortController();
    const waiting = q.stage(2, sales(5, 2), 10_000, abort.signal).catch((err: unknown) => err);
    await settled();
    expect(q.waiting).toBe(1);
    abort.abort(new Error('client went away'));
    expect(((await waiting) as Error).message).toBe('client went away');
    expect(q.waiting).toBe(0);
  });

  it('takes a batch larger than the whole queue when the queue is empty', async () => {
    const q = queue(10);
    await q.stage(1, sales(50, 1), 10_000, never);
    expect(q.depth).toBe(50);
  });

  it('commits a request only with its final op and groups ops into transactions of bounded size', async () => {
    autoCommit = true;
    const q = queue(1000, 25);
    await q.stage(1, sales(20, 1), 10_000, never);
    await q.stage(1, sales(20, 1), 10_000, never);
    expect(stored(1)).toBe(0);
    const outcome = await q.finish(final(1, sales(5, 1), 40), 10_000, never);
    expect(outcome).toEqual({ req: 1, stored: true, replay: null });
    expect(stored(1)).toBe(40 + 5);
    for (const ops of transactions) {
      const events = ops.reduce((n, op) => n + (op.kind === 'discard' ? 0 : (op.batch?.length ?? 0)), 0);
      expect(events === 0 || ops.length === 1 || events <= 25).toBe(true);
    }
    await q.drained();
    expect(q.depth).toBe(0);
  });

  it('reports a failed transaction to the requests in it and keeps working afterwards', async () => {
    autoCommit = true;
    const q = queue(1000);
    const bad = new BatchBuilder();
    bad.addSale(1, 19723, 9, 42); // unknown unit key: the writer throws
    const failed = await q.finish(final(1, bad.take()), 10_000, never);
    expect(failed).toMatchObject({ req: 1, stored: false });
    expect((failed as { error: string }).error).toContain('unit key 42');
    const ok = await q.finish(final(2, sales(3, 2)), 10_000, never);
    expect(ok).toMatchObject({ stored: true });
    expect(stored(2)).toBe(3);
    expect(stored(9)).toBe(0);
  });

  it('resolves drained only after discards and finals are written', async () => {
    const q = queue(1000);
    await q.stage(1, sales(10, 1), 10_000, never);
    q.discard(1);
    const done = q.finish(final(2, sales(2, 2)), 10_000, never);
    let drained = false;
    const wait = q.drained().then(() => (drained = true));
    await settled();
    expect(drained).toBe(false);
    await releaseAll();
    await wait;
    await done;
    expect(stored(1)).toBe(0);
    expect(stored(2)).toBe(2);
    expect(await writer.stagedRows()).toEqual({ sales: 0, stock: 0 });
  });
});
