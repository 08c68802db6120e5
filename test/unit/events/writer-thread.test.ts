import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchBuilder } from '@/lib/events/batch';
import { UnitKeys } from '@/lib/events/catalog';
import { WriterThread } from '@/lib/events/writer-client';
import { type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { storeWithItems } from './fixtures';
import { sqlite } from '../../helpers/sqlite';

describe('WriterThread', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let units: UnitKeys;
  let thread: WriterThread;

  beforeEach(() => {
    tmp = tempDir();
    store = storeWithItems(path.join(tmp.dir, 'data'), 2);
    units = new UnitKeys();
    thread = new WriterThread(store, 0, units);
  });
  afterEach(async () => {
    await thread.close();
    store.close();
    tmp.cleanup();
  });

  const batch = (n: number, unit: string) => {
    const b = new BatchBuilder();
    for (let i = 0; i < n; i++) b.addSale(1, 19723 + i, 2, units.key(unit));
    return b.take();
  };

  it('commits in its own thread and connection; the data version is visible to other connections', async () => {
    const b = batch(1000, 'EA');
    const result = await thread.commit([
      { kind: 'final', req: 1, batch: b, staged: 0, idempotencyKey: 'k', response: '{"accepted":1000}' },
    ]);
    expect(b.buffer.byteLength).toBe(0); // transferred, not copied
    expect(result.finals).toEqual([{ req: 1, stored: true, replay: null }]);
    expect(result.version).toBe(1);
    expect(await store.dataVersion()).toBe(1);
    expect(sqlite(store).prepare('SELECT COUNT(*) FROM sales').pluck().get()).toBe(1000);
    expect(sqlite(store).prepare('SELECT response FROM event_requests').pluck().get()).toBe('{"accepted":1000}');
  });

  it('announces unit codes learnt after the first transaction', async () => {
    await thread.commit([{ kind: 'final', req: 1, batch: batch(1, 'EA'), staged: 0, idempotencyKey: null, response: '' }]);
    await thread.commit([{ kind: 'final', req: 2, batch: batch(1, 'CASE'), staged: 0, idempotencyKey: null, response: '' }]);
    expect(
      sqlite(store).prepare('SELECT u.code FROM sales s JOIN uom_codes u ON u.id = s.uom ORDER BY s.rowid').pluck().all(),
    ).toEqual(['EA', 'CASE']);
  });

  it('starts a fresh thread after the old one is gone, and fails requests whose staged rows went with it', async () => {
    await thread.commit([{ kind: 'stage', req: 1, batch: batch(10, 'EA') }]);
    await thread.close();
    const result = await thread.commit([
      { kind: 'final', req: 1, batch: batch(1, 'EA'), staged: 10, idempotencyKey: null, response: '' },
      { kind: 'final', req: 2, batch: batch(3, 'CASE'), staged: 0, idempotencyKey: null, response: '' },
    ]);
    expect(result.finals).toEqual([
      { req: 1, stored: false, error: '10 staged events were lost (writer restarted)' },
      { req: 2, stored: true, replay: null },
    ]);
    expect(sqlite(store).prepare('SELECT COUNT(*) FROM sales').pluck().get()).toBe(3);
  });
});
