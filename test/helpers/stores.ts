import path from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from './postgres';
import { tempDir } from './tmp';

/** The two implementations of the store contract; suites run once for each. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

/**
 * Fresh real stores of one backend for the tests of a describe block: a temporary data folder
 * per test, and for PostgreSQL one database per test file (created before the first test,
 * dropped after the last, emptied between tests). Stores opened here are closed after each test.
 */
export function testStores(backend: Backend): { fresh: () => Promise<Store>; reopen: () => Store } {
  let database: Awaited<ReturnType<typeof tempDatabase>> | null = null;
  let tmp: ReturnType<typeof tempDir> | null = null;
  const open: Store[] = [];
  const dataDir = () => path.join((tmp ??= tempDir()).dir, 'data');
  const reopen = () => {
    const store = openStore(dataDir(), database?.url ?? null);
    open.push(store);
    return store;
  };

  beforeAll(async () => {
    if (backend === 'postgres') database = await tempDatabase();
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
    await database?.reset();
    tmp?.cleanup();
    tmp = null;
  });
  afterAll(async () => {
    await database?.drop();
  });

  return {
    /** A new empty store (migrated on open). */
    fresh: async () => {
      const store = reopen();
      await store.dataVersion(); // migrated before the test starts
      return store;
    },
    /** Another store object on the same data (a second process's view). */
    reopen,
  };
}
