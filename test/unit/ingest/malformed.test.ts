import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import { bytesSource } from '@/lib/ingest/source';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { csv, GOOD, storeChecksum } from './helpers';
import { goodSales, malformedVariants, MUTATION_NAMES } from './malformed';
import { sqlite } from '../../helpers/sqlite';

const tmp = tempDir();
let store: Store;
beforeAll(async () => {
  store = openStore(tmp.dir);
  await importFiles(store, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
}, 60_000);
afterAll(() => {
  store.close();
  tmp.cleanup();
});

describe('200 malformed variants of good files', () => {
  it('the good files they come from import cleanly (into a copy)', async () => {
    const copy = tempDir();
    const other = openStore(copy.dir);
    try {
      await importFiles(other, [csv('items.csv', GOOD.items), csv('uom.csv', GOOD.uom)]);
      const outcome = await importFiles(other, [csv('sales.csv', goodSales()), csv('inventory.csv', GOOD.inventory)]);
      expect(outcome.imported.map((f) => f.skipped)).toEqual([false, false]);
    } finally {
      other.close();
      copy.cleanup();
    }
  });

  const variants = malformedVariants(200);
  it('cover every kind of damage', () => {
    expect(variants).toHaveLength(200);
    expect(new Set(variants.map((v) => v.mutation))).toEqual(new Set(MUTATION_NAMES));
  });

  it('each end in a clear ImportError naming the file, and change nothing', async () => {
    const before = storeChecksum(sqlite(store));
    const version = await store.dataVersion();
    for (const v of variants) {
      const err = await importFiles(store, [bytesSource(v.name, v.bytes)]).catch((e: unknown) => e);
      if (!(err instanceof ImportError)) throw new Error(`${v.name}: expected an ImportError, got ${err instanceof Error ? err.stack : JSON.stringify(err)}`);
      expect(err.issues.length, v.name).toBeGreaterThan(0);
      for (const issue of err.issues) {
        expect(issue.file).toBe(v.name);
        expect(issue.message.length).toBeGreaterThan(5);
        expect(Number.isInteger(issue.row) && issue.row >= 0).toBe(true);
      }
    }
    expect(await store.dataVersion()).toBe(version);
    expect(storeChecksum(sqlite(store))).toBe(before);
  });
});
