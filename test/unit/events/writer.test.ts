import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchBuilder, type EventBatch } from '@/lib/events/batch';
import { eventCatalog, UnitKeys } from '@/lib/events/catalog';
import { LineSplitter } from '@/lib/events/lines';
import { LineReader } from '@/lib/events/parse';
import { RequestLines } from '@/lib/events/request';
import { EventValidator } from '@/lib/events/validate';
import type { WriterOp } from '@/lib/events/wire';
import type { Catalog, EventTransactions, Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { sale, stock, storeWithItems } from './fixtures';
import { sqlite } from '../../helpers/sqlite';

describe('EventWriter', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let writer: EventTransactions;
  let units: UnitKeys;
  let catalog: Catalog;

  beforeEach(async () => {
    tmp = tempDir();
    store = storeWithItems(path.join(tmp.dir, 'data'), 5);
    writer = await store.events.writer();
    units = new UnitKeys();
    catalog = await store.catalog.load();
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  /** Validated batch from NDJSON lines, as a request would build it. */
  function batch(lines: string[]): EventBatch {
    const request = new RequestLines(new LineReader(), new EventValidator(eventCatalog(catalog), units));
    const splitter = new LineSplitter(request, 1000);
    splitter.push(lines.join('\n'));
    splitter.end();
    expect(request.answer().rejected).toEqual([]);
    return request.builder.take();
  }

  async function apply(ops: WriterOp[]) {
    writer.addUnits(units.codes.slice(announced));
    announced = units.codes.length;
    return await writer.apply(ops);
  }
  let announced = 0;
  beforeEach(() => (announced = 0));

  const final = (req: number, b: EventBatch | null, staged = 0, key: string | null = null): WriterOp => ({
    kind: 'final',
    req,
    batch: b,
    staged,
    idempotencyKey: key,
    response: `answer ${req}`,
  });
  const count = (table: string) => (sqlite(store).prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number);

  it('writes a one-batch request directly, interning its units, and raises the data version once', async () => {
    sqlite(store).exec(`UPDATE items SET base_uom = 'PCS' WHERE item_id = 'SKU-2'`);
    catalog = await store.catalog.load();
    const result = await apply([
      final(1, batch([sale('SKU-1', '2024-01-02', 3), sale('SKU-2', '2024-01-02', 1, 'PCS'), stock('SKU-0', '2024-01-02', 9, 'BOX', 4)])),
    ]);
    expect(result.finals).toEqual([{ req: 1, stored: true, replay: null }]);
    expect(result.version).toBe(1);
    expect(await store.dataVersion()).toBe(1);
    expect(
      sqlite(store)
        .prepare('SELECT i.item_id, s.day, s.quantity, u.code FROM sales s JOIN items i ON i.id = s.item JOIN uom_codes u ON u.id = s.uom ORDER BY 1')
        .raw()
        .all(),
    ).toEqual([
      ['SKU-1', 19724, 3, 'EA'],
      ['SKU-2', 19724, 1, 'PCS'],
    ]);
    expect(sqlite(store).prepare('SELECT on_hand, on_order, on_order_due FROM inventory').raw().all()).toEqual([[9, 4, null]]);
  });

  it('keeps staged batches invisible until the final op, then moves them all in one commit', async () => {
    const lines = Array.from({ length: 100 }, (_, i) => sale(`SKU-${i % 5}`, '2024-02-01', i));
    const first = await apply([{ kind: 'stage', req: 7, batch: batch(lines.slice(0, 40)) }]);
    const second = await apply([{ kind: 'stage', req: 7, batch: batch(lines.slice(40, 90)) }]);
    expect([first.version, second.version]).toEqual([null, null]);
    expect(count('sales')).toBe(0);
    expect((await writer.stagedRows()).sales).toBe(90);
    const done = await apply([final(7, batch(lines.slice(90)), 90)]);
    expect(done.finals[0]).toEqual({ req: 7, stored: true, replay: null });
    expect(done.version).toBe(1);
    expect(count('sales')).toBe(100);
    expect(sqlite(store).prepare('SELECT SUM(quantity) FROM sales').pluck().get()).toBe((99 * 100) / 2);
    expect((await writer.stagedRows()).sales).toBe(0);
    expect(writer.stagedRequests()).toBe(0);
  });

  it('interleaves requests and discards a failed one without touching the others', async () => {
    await apply([
      { kind: 'stage', req: 1, batch: batch([sale('SKU-1', '2024-01-01', 1), sale('SKU-1', '2024-01-01', 1)]) },
      { kind: 'stage', req: 2, batch: batch([sale('SKU-2', '2024-01-01', 5)]) },
      { kind: 'stage', req: 1, batch: batch([stock('SKU-1', '2024-01-01', 3)]) },
    ]);
    const result = await apply([{ kind: 'discard', req: 1 }, final(2, null, 1)]);
    expect(result.finals).toEqual([{ req: 2, stored: true, replay: null }]);
    expect(sqlite(store).prepare('SELECT quantity FROM sales').pluck().all()).toEqual([5]);
    expect(count('inventory')).toBe(0);
    expect((await writer.stagedRows()).sales + (await writer.stagedRows()).stock).toBe(0);
  });

  it('stores an idempotency key with the events and replays its answer instead of storing again', async () => {
    await apply([final(1, batch([sale('SKU-1', '2024-01-01', 2)]), 0, 'key-1')]);
    await apply([{ kind: 'stage', req: 2, batch: batch([sale('SKU-1', '2024-01-01', 2)]) }]);
    const again = await apply([final(2, batch([sale('SKU-1', '2024-01-01', 2)]), 1, 'key-1')]);
    expect(again.finals).toEqual([{ req: 2, stored: true, replay: 'answer 1' }]);
    expect(again.version).toBeNull();
    expect(count('sales')).toBe(1);
    expect((await writer.stagedRows()).sales).toBe(0);
    expect(await store.dataVersion()).toBe(1);
  });

  it('fails a request whose staged events are not all there (e.g. the writer restarted)', async () => {
    const result = await apply([
      { kind: 'stage', req: 3, batch: batch([sale('SKU-1', '2024-01-01', 2)]) },
      final(3, batch([sale('SKU-1', '2024-01-01', 2)]), 5),
    ]);
    expect(result.finals).toEqual([{ req: 3, stored: false, error: '4 staged events were lost (writer restarted)' }]);
    expect(count('sales') + (await writer.stagedRows()).sales).toBe(0);
    expect(result.version).toBeNull();
  });

  it('lets the later stock position for the same item and day win, also across staged and direct rows', async () => {
    await apply([{ kind: 'stage', req: 1, batch: batch([stock('SKU-1', '2024-01-01', 1), stock('SKU-1', '2024-01-01', 2)]) }]);
    await apply([final(1, batch([stock('SKU-1', '2024-01-01', 3), stock('SKU-1', '2024-01-02', 4)]), 2)]);
    expect(sqlite(store).prepare('SELECT as_of, on_hand FROM inventory ORDER BY as_of').raw().all()).toEqual([
      [19723, 3],
      [19724, 4],
    ]);
    await apply([final(2, batch([stock('SKU-1', '2024-01-02', 8)]))]);
    expect(sqlite(store).prepare('SELECT on_hand FROM inventory ORDER BY as_of').pluck().all()).toEqual([3, 8]);
  });

  it('rolls a failing transaction back whole and keeps its staging bookkeeping as before', async () => {
    await apply([{ kind: 'stage', req: 1, batch: batch([sale('SKU-1', '2024-01-01', 1)]) }]);
    const bad = new BatchBuilder();
    bad.addSale(1, 19723, 1, 999); // a unit key the writer was never told about
    await expect(
      apply([final(1, batch([sale('SKU-1', '2024-01-01', 1)]), 1), { kind: 'stage', req: 2, batch: bad.take() }]),
    ).rejects.toThrow('unit key 999 was never announced');
    expect(count('sales')).toBe(0);
    expect(await store.dataVersion()).toBe(0);
    // Request 1 is still staged and can still be finished.
    const retry = await apply([final(1, null, 1)]);
    expect(retry.finals[0]).toMatchObject({ stored: true });
    expect(count('sales')).toBe(1);
  });
});
