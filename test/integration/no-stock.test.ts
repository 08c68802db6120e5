import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxModel } from '@/lib/actions/inbox';
import type { WorksheetModel } from '@/lib/actions/worksheet-model';
import type { ItemDetail, Overview } from '@/lib/dashboard/types';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

/**
 * Items without a stock record over HTTP: 120 days of 10 a day for SOLD (stock recorded: 0 on
 * hand) and NEW (no stock record), and NEVER, never sold and never recorded.
 */
const ITEMS =
  'item_id,name,category,base_uom,unit_cost,lead_time_days,supplier\n' +
  'SOLD,Sold out,Tools,EA,4,7,Acme\n' +
  'NEW,New item,Tools,EA,4,7,Acme\n' +
  'NEVER,Never sold,Tools,EA,4,7,Acme\n';
const stock = (...items: string[]) => `item_id,on_hand,on_order,uom,as_of,on_order_due\n${items.map((i) => `${i},0,0,EA,2026-10-31,\n`).join('')}`;
function sales(): string {
  const lines = ['item_id,date,quantity'];
  const last = Date.UTC(2026, 9, 31);
  for (let d = 119; d >= 0; d--) {
    const day = new Date(last - d * 86_400_000).toISOString().slice(0, 10);
    for (const item of ['SOLD', 'NEW']) lines.push(`${item},${day},10`);
  }
  return `${lines.join('\n')}\n`;
}

describe('items without a stock record over HTTP', () => {
  const tmp = tempDir();
  let server: RunningServer;

  const get = async <T>(url: string): Promise<T> => {
    const res = await fetch(`${server.url}${url}`);
    expect(res.status, url).toBe(200);
    return (await res.json()) as T;
  };
  const upload = (name: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text]), name);
    return fetch(`${server.url}/api/import`, { method: 'POST', body: form });
  };
  /** Refreshes and waits until the overview shows a run other than `previous`. */
  async function refreshed(previous: string | null): Promise<Overview> {
    const res = await fetch(`${server.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ force: true }) });
    expect([200, 202]).toContain(res.status);
    for (let i = 0; i < 600; i++) {
      const overview = await get<Overview>('/api/overview');
      if (overview.results && overview.results.runId !== previous) return overview;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the refresh did not complete in 120 s');
  }
  const countOf = (overview: Overview, status: string) => {
    const s = overview.health!.statuses.indexOf(status as never);
    return s < 0 ? -1 : overview.health!.counts[s]!.reduce((a, b) => a + b, 0);
  };

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
    for (const [name, text] of [['items.csv', ITEMS], ['sales.csv', sales()], ['inventory.csv', stock('SOLD')]] as const) {
      expect((await upload(name, text)).status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('is counted as no_stock, gets no order, no inbox row and no worksheet line until its stock is recorded', { timeout: 180_000 }, async () => {
    const overview = await refreshed(null);
    expect(overview.kpis).toMatchObject({ stockouts: 1, noStock: 1 });
    expect(countOf(overview, 'no_stock')).toBe(1);
    expect(countOf(overview, 'no_demand')).toBe(1); // NEVER: nothing to judge, record or not
    const run = await get<{ summary: { statusCounts: Record<string, number> } }>(`/api/runs/${overview.results!.runId}`);
    expect(run.summary.statusCounts).toEqual({ stockout: 1, at_risk: 0, healthy: 0, excess: 0, no_demand: 1, no_stock: 1 });

    const item = await get<ItemDetail>('/api/items/NEW');
    expect(item.forecast).toMatchObject({ status: 'no_stock', orderQuantity: 0, daysOfSupply: null, stockoutDay: null });
    // What to hold once recorded, as for the recorded item with the same sales: 7 days of 10 a day.
    const sold = (await get<ItemDetail>('/api/items/SOLD')).forecast!;
    expect(item.forecast!.reorderPoint).toBeCloseTo(70, 6);
    expect([item.forecast!.reorderPoint, item.forecast!.safetyStock]).toEqual([sold.reorderPoint, sold.safetyStock]);
    const inbox = await get<InboxModel>('/api/inbox?state=open');
    expect(inbox.rows.map((r) => [r.itemId, r.kind])).toEqual([['SOLD', 'stockout']]);
    const sheet = await get<WorksheetModel>('/api/worksheet');
    expect(sheet.lines.map((l) => l.itemId)).toEqual(['SOLD']);

    // Recorded, even as 0 on hand, it is judged: a real stockout with its order.
    expect((await upload('inventory.csv', stock('NEW'))).status).toBe(200);
    const after = await refreshed(overview.results!.runId);
    expect(after.kpis).toMatchObject({ stockouts: 2, noStock: 0 });
    expect((await get<InboxModel>('/api/inbox?state=open')).rows.map((r) => r.itemId).sort()).toEqual(['NEW', 'SOLD']);
    expect((await get<WorksheetModel>('/api/worksheet')).lines.map((l) => l.itemId)).toEqual(['NEW', 'SOLD']);
    expect((await get<ItemDetail>('/api/items/NEW')).forecast).toMatchObject({ status: 'stockout', daysOfSupply: 0 });
  });
});
