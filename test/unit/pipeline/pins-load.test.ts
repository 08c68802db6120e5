import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MODEL_NAMES } from '@/lib/forecast';
import { readCatalogue } from '@/lib/pipeline/load';
import { tempDir } from '../../helpers/tmp';
import { demoStore } from './demo-store';

describe('pinned models in the catalogue a run reads', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('gives each item its pinned label, leaves unknown labels to the tournament, and reports pins of missing items', async () => {
    const store = await demoStore(path.join(tmp.dir, 'data'), { items: 5, days: 60 });
    const who = { author: 'Ana', at: 1 };
    await store.overrides.pin({ itemId: 'SKU-000002', model: 'combo(auto_ets+auto_theta)', reason: 'r' }, who);
    await store.overrides.pin({ itemId: 'SKU-000003', model: 'none', reason: 'r' }, who);
    await store.overrides.pin({ itemId: 'SKU-000004', model: 'a_model_since_retired', reason: 'r' }, who);
    await store.overrides.pin({ itemId: 'SKU-999999', model: 'naive', reason: 'r' }, who);
    const catalogue = await readCatalogue(store.location);
    const codes = (await store.catalog.load()).itemIds;
    const pinOf = (code: string) => catalogue.pinned[catalogue.key.indexOf(codes.get(code)!)];
    expect(pinOf('SKU-000001')).toBe(-1);
    expect(pinOf('SKU-000002')).toBe(MODEL_NAMES.indexOf('combo(auto_ets+auto_theta)'));
    expect(pinOf('SKU-000003')).toBe(-1);
    expect(pinOf('SKU-000004')).toBe(-1);
    expect(catalogue.overridesWithoutItem).toEqual(['SKU-999999']);
    await store.close();
  });
});
