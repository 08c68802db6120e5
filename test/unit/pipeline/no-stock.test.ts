import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rankInbox } from '@/lib/actions/inbox';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { bytesSource } from '@/lib/ingest/source';
import { createPool, runPipeline, type RunSummary, type WorkerPool } from '@/lib/pipeline';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { sqlite } from '../../helpers/sqlite';

const DEMO = { items: 60, days: 400 };
const PARAMS = { period: 'week', horizon: 13 } as const;

interface Row {
  itemId: string;
  status: string;
  orderQuantity: number;
  daysOfSupply: number | null;
  stockoutDay: number | null;
  reorderPoint: number;
  safetyStock: number;
}

async function resultRows(store: Store, summary: RunSummary): Promise<{ set: number; rows: Map<string, Row> }> {
  const set = (await store.runs.get(summary.runId))!.resultSet!;
  const rows = sqlite(store)
    .prepare(
      `SELECT i.item_id AS itemId, r.status, r.order_quantity AS orderQuantity, r.days_of_supply AS daysOfSupply,
              r.stockout_day AS stockoutDay, r.reorder_point AS reorderPoint, r.safety_stock AS safetyStock
         FROM item_results r JOIN items i ON i.id = r.item WHERE r.result_set = ?`,
    )
    .all(set) as Row[];
  return { set, rows: new Map(rows.map((r) => [r.itemId, r])) };
}

/**
 * The demo data imported twice through the real import: once whole, once with the stock of every
 * third item left out of inventory.csv (as if it was never recorded), each run by the pipeline.
 */
describe('pipeline: items without a stock record', () => {
  const tmp = tempDir();
  let pool: WorkerPool;
  let whole: Store;
  let partial: Store;
  let unrecorded: Set<string>;

  beforeAll(async () => {
    pool = createPool({ threads: 2 });
    const { sources } = demoSources(DEMO);
    whole = openStore(path.join(tmp.dir, 'whole'));
    await importFiles(whole, sources);

    const inventory = sources.find((s) => s.name.endsWith('inventory.csv'))!;
    let text = '';
    for await (const chunk of inventory.chunks()) text += Buffer.from(chunk).toString('utf8');
    const [header, ...lines] = text.trimEnd().split('\n');
    const codes = [...new Set(lines.map((l) => l.split(',')[0]!))].sort();
    unrecorded = new Set(codes.filter((_, k) => k % 3 === 0));
    const kept = lines.filter((l) => !unrecorded.has(l.split(',')[0]!));
    partial = openStore(path.join(tmp.dir, 'partial'));
    await importFiles(partial, [...sources.filter((s) => s !== inventory), bytesSource('demo/inventory.csv', Buffer.from(`${[header, ...kept].join('\n')}\n`))]);
  }, 60_000);
  afterAll(async () => {
    whole.close();
    partial.close();
    await pool.destroy();
    tmp.cleanup();
  });

  it('counts no_stock for exactly the items without a record that have demand; the others keep their statuses', async () => {
    const full = await runPipeline({ store: whole, origin: 'cli', pool, params: PARAMS });
    const some = await runPipeline({ store: partial, origin: 'cli', pool, params: PARAMS });
    expect(full.statusCounts.no_stock).toBe(0);
    const a = await resultRows(whole, full);
    const b = await resultRows(partial, some);
    expect(b.rows.size).toBe(DEMO.items);

    let expected = 0;
    for (const [itemId, before] of a.rows) {
      const after = b.rows.get(itemId)!;
      if (!unrecorded.has(itemId)) {
        // A recorded item's verdict does not depend on other items' records (recorded zeros stay stockouts).
        expect(after, itemId).toEqual(before);
        continue;
      }
      // No demand wins: nothing to judge with or without a record.
      expect(after.status, itemId).toBe(before.status === 'no_demand' ? 'no_demand' : 'no_stock');
      if (after.status === 'no_stock') expected++;
      expect(after.orderQuantity, itemId).toBe(0);
      expect(after.daysOfSupply, itemId).toBeNull();
      expect(after.stockoutDay, itemId).toBeNull();
      // What to hold once stock is recorded does not depend on it.
      expect(after.reorderPoint, itemId).toBe(before.reorderPoint);
      expect(after.safetyStock, itemId).toBe(before.safetyStock);
    }
    expect(expected).toBeGreaterThan(10);
    expect(some.statusCounts.no_stock).toBe(expected);
    // Every existing key is still there, and the counts add up to the items.
    expect(Object.keys(some.statusCounts)).toEqual(['stockout', 'at_risk', 'healthy', 'excess', 'no_demand', 'no_stock']);
    expect(Object.values(some.statusCounts).reduce((x, y) => x + y, 0)).toBe(DEMO.items);
    expect([...a.rows.values()].some((r) => unrecorded.has(r.itemId) && r.status === 'stockout')).toBe(true);

    // Nothing to order and nothing short for them: no worksheet line, no stockout or at-risk row in the inbox.
    const noStock = new Set([...b.rows.values()].filter((r) => r.status === 'no_stock').map((r) => r.itemId));
    const candidates = await partial.worksheet.candidates(b.set);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.filter((c) => noStock.has(c.itemId))).toEqual([]);
    const facts = await partial.actions.facts(b.set);
    const meta = (await partial.results.get(b.set))!.meta;
    const { inputs, ranked } = rankInbox(facts, 7, meta.asOfDay);
    const kinds = ranked.filter((r) => noStock.has(inputs[r.index]!.itemId)).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'stockout' || k === 'at_risk')).toEqual([]);
    expect(ranked.some((r) => r.kind === 'stockout')).toBe(true);
  }, 120_000);
});
