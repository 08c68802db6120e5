import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchBuilder } from '@/lib/events/batch';
import { CatalogCache, converts, eventCatalog } from '@/lib/events/catalog';
import { type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { storeWithItems } from './fixtures';
import { bumpDataVersion, sqlite } from '../../helpers/sqlite';

describe('event catalog', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeEach(async () => {
    tmp = tempDir();
    store = storeWithItems(path.join(tmp.dir, 'data'), 3);
  });
  afterEach(() => {
    store.close();
    tmp.cleanup();
  });

  it('knows which units convert for which items', async () => {
    const catalog = eventCatalog(await store.catalog.load());
    const sku0 = catalog.itemIds.get('SKU-0')!;
    const sku1 = catalog.itemIds.get('SKU-1')!;
    expect(converts(catalog, sku1, 'EA')).toBe(true); // base unit
    expect(converts(catalog, sku1, 'CASE')).toBe(true); // factor for all items
    expect(converts(catalog, sku0, 'BOX')).toBe(true); // factor for this item
    expect(converts(catalog, sku1, 'BOX')).toBe(false);
    expect(converts(catalog, sku1, 'PALLET')).toBe(false);
  });

  it('keeps its catalog across event commits and reloads it when anyone else commits', async () => {
    const cache = new CatalogCache(store);
    const first = await cache.current();
    const writer = await store.events.writer();
    writer.addUnits(['EA']);
    const batch = new BatchBuilder();
    batch.addSale(first.itemIds.get('SKU-1')!, 19723, 1, 0);
    const result = await writer.apply([{ kind: 'final', req: 1, batch: batch.take(), staged: 0, idempotencyKey: null, response: '' }]);
    expect(result.version).toBe(1);
    expect(await cache.current()).toBe(first);

    // An import: a new item, committed with a raised data version.
    sqlite(store).transaction(() => {
      sqlite(store).prepare(`INSERT INTO items (item_id, base_uom, unit_cost, lead_time_days) VALUES ('NEW', 'KG', 1, 1)`).run();
      bumpDataVersion(sqlite(store));
    })();
    const second = await cache.current();
    expect(second).not.toBe(first);
    expect(second.itemIds.has('NEW')).toBe(true);
    expect(await cache.current()).toBe(second);
  });
});
