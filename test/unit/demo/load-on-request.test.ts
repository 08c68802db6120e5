import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { demoSizeFromRequest, loadDemoIfEmpty, loadDemoIntoEmptyStore } from '@/lib/demo/load';
import { httpErrorOf } from '@/lib/http/errors';
import { Refusal } from '@/lib/runtime/refusal';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { counts, csv, GOOD, storeChecksum } from '../ingest/helpers';
import { sqlite } from '../../helpers/sqlite';

const tmp = tempDir();
const open: Store[] = [];
afterEach(() => {
  for (const store of open.splice(0)) store.close();
});
afterAll(() => tmp.cleanup());

function connection(dir: string): Store {
  const store = openStore(dir);
  open.push(store);
  return store;
}

describe('demo data on request', () => {
  it('goes only into an empty store: of two connections loading at once, one loads it and the other is refused with 409', async () => {
    const dir = `${tmp.dir}/race`;
    const [a, b] = [connection(dir), connection(dir)];
    const outcomes = await Promise.allSettled([
      loadDemoIntoEmptyStore(a, { items: 6, days: 30 }, { exclusive: true }),
      loadDemoIntoEmptyStore(b, { items: 6, days: 30 }, { exclusive: true }),
    ]);
    const loaded = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason);
    expect(loaded).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(Refusal);
    expect((refused[0] as Refusal).kind).toBe('conflict');
    expect(httpErrorOf(refused[0] as Refusal).status).toBe(409);
    expect(counts(sqlite(a))).toMatchObject({ items: 6, imports: 4 });
    expect(await a.dataVersion()).toBe(1);
  });

  it('refuses a store that holds data without writing anything', async () => {
    const store = connection(`${tmp.dir}/full`);
    await importFiles(store, [csv('items.csv', GOOD.items)]);
    const before = storeChecksum(sqlite(store));
    await expect(loadDemoIntoEmptyStore(store, { items: 6, days: 30 })).rejects.toMatchObject({ kind: 'conflict', code: 'not_empty' });
    expect(storeChecksum(sqlite(store))).toBe(before);
  });

  it('loads on a machine whose clock runs behind the demo\'s fixed dates, which refuses the same sales from a file', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2025-06-01T12:00:00Z'));
      const onRequest = connection(`${tmp.dir}/clock-behind`);
      expect((await loadDemoIntoEmptyStore(onRequest, { items: 6, days: 30 })).dataVersion).toBe(1);
      const onStart = connection(`${tmp.dir}/clock-behind-start`);
      expect(await loadDemoIfEmpty(onStart, { STOCKCAST_DEMO_ITEMS: '6', STOCKCAST_DEMO_DAYS: '30' } as Record<string, string> as NodeJS.ProcessEnv)).toMatchObject({ outcome: { dataVersion: 1 } });
      const err = await importFiles(onRequest, [csv('late.csv', 'item_id,date,quantity\nSKU-000001,2026-10-30,2\n')]).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ImportError);
      expect((err as ImportError).issues[0]!.message).toBe('date 2026-10-30 is after today (2025-06-01): a sale cannot be dated in the future');
    } finally {
      vi.useRealTimers();
    }
  });

  it('sizes from the body within bounds, else from the environment', () => {
    const env = { STOCKCAST_DEMO_ITEMS: '300', STOCKCAST_DEMO_DAYS: '200' } as Record<string, string> as NodeJS.ProcessEnv;
    expect(demoSizeFromRequest({}, env)).toEqual({ items: 300, days: 200 });
    expect(demoSizeFromRequest({ items: 20_000 }, env)).toEqual({ items: 20_000, days: 200 });
    expect(demoSizeFromRequest({ days: 1 }, {} as NodeJS.ProcessEnv)).toEqual({ items: 2000, days: 1 });
    for (const body of [{ items: 20_001 }, { days: 0 }, { days: 1_462 }, { items: null }, { items: 10, extra: 1 }]) {
      expect(() => demoSizeFromRequest(body, env)).toThrow(Refusal);
    }
  });
});
