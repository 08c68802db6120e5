import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataSummary, readSalesSummary } from '@/lib/dashboard/data-summary';
import { currentResults } from '@/lib/dashboard/current';
import { readItemDetail } from '@/lib/dashboard/item-detail';
import { MEMBER_NAMES } from '@/lib/forecast';
import { readItemTable } from '@/lib/dashboard/item-table';
import { readOverview } from '@/lib/dashboard/overview';
import { versionedJson } from '@/lib/dashboard/respond';
import { decodeItemTable, label } from '@/lib/dashboard/table-model';
import { readModelVersion } from '@/lib/dashboard/version';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { periodStart } from '@/lib/inventory/periods';
import { createPool, runPipeline, type WorkerPool } from '@/lib/pipeline';
import { openStore, type Store } from '@/lib/store';
import { tempDir } from '../../helpers/tmp';
import { sqlite } from '../../helpers/sqlite';

// The dashboard's read models over a real store filled by the real importer and pipeline.
const tmp = tempDir();
let store: Store;
let pool: WorkerPool;

beforeAll(async () => {
  store = openStore(tmp.dir);
  await importFiles(store, demoSources({ items: 60, days: 560 }).sources);
  pool = createPool({ threads: 1 });
  await runPipeline({ store, origin: 'cli', pool });
}, 120_000);
afterAll(async () => {
  await pool?.destroy();
  store?.close();
  tmp.cleanup();
});

const scalar = <T>(sql: string, ...args: unknown[]) => sqlite(store).prepare(sql).pluck().get(...args) as T;

describe('dashboard read models', () => {
  it('overview: KPIs and the health matrix agree with the stored results', async () => {
    const o = (await readOverview(store));
    expect(o.results).toMatchObject({ dataVersion: 1, period: 'week', horizon: 26, items: 60 });
    expect(o.kpis!.items).toBe(60);
    expect(o.health!.counts.flat().reduce((a, b) => a + b, 0)).toBe(60);
    expect(o.kpis!.stockouts).toBe(scalar<number>(`SELECT count(*) FROM item_results WHERE status = 'stockout'`));
    expect(o.kpis!.atRisk).toBe(scalar<number>(`SELECT count(*) FROM item_results WHERE status = 'at_risk'`));
    expect(o.kpis!.excessValue).toBeCloseTo(scalar<number>('SELECT sum(excess_value) FROM item_results'), 6);
    const a = o.kpis!.accuracy!;
    expect(a.relativeError).toBeGreaterThan(0);
    expect(a.beatsNaive).toBeGreaterThanOrEqual(0);
    expect(a.beatsNaive).toBeLessThanOrEqual(1);
    // Most at risk: stockouts first, then by projected stockout day.
    const risk = o.atRisk;
    expect(risk.length).toBeGreaterThan(0);
    for (let i = 1; i < risk.length; i++) {
      const [p, q] = [risk[i - 1]!, risk[i]!];
      if (p.status === q.status) expect((p.stockoutDay ?? Infinity) <= (q.stockoutDay ?? Infinity)).toBe(true);
      else expect(p.status).toBe('stockout');
    }
  });

  it('item table: one row per item, labels and numbers as stored', async () => {
    const json = (await readItemTable(store));
    expect(json.count).toBe(60);
    for (const column of [json.id, json.name, json.onHand, json.daysOfSupply, json.status.codes, json.error]) expect(column).toHaveLength(60);
    expect([...json.id].sort()).toEqual(json.id);
    const table = decodeItemTable(json);
    const rows = sqlite(store)
      .prepare('SELECT i.item_id, r.status, r.abc, r.on_hand, r.stockout_day FROM item_results r JOIN items i ON i.id = r.item')
      .all() as { item_id: string; status: string; abc: string; on_hand: number; stockout_day: number | null }[];
    for (const r of rows) {
      const i = table.id.indexOf(r.item_id);
      expect(label(table, 'status', i)).toBe(r.status);
      expect(label(table, 'abc', i)).toBe(r.abc);
      expect(table.num.onHand[i]).toBeCloseTo(r.on_hand, r.on_hand >= 100 ? -1 : 0);
      if (r.stockout_day === null) expect(Number.isNaN(table.num.stockoutIn[i]!)).toBe(true);
      else expect(table.num.stockoutIn[i]).toBe(r.stockout_day - json.results!.asOfDay);
    }
  });

  it('item detail: history and forecast on consecutive periods, bands around the forecast, facts', async () => {
    const id = scalar<string>(`SELECT i.item_id FROM items i JOIN uom_factors f ON f.item = i.id JOIN uom_codes u ON u.id = f.uom
                                 WHERE u.code = 'CASE' ORDER BY i.item_id LIMIT 1`);
    const detail = (await readItemDetail(store, id))!;
    const f = detail.forecast!;
    expect(detail.item.id).toBe(id);
    // The item's own CASE factor and the all-items DZ factor, in factor order.
    expect(detail.item.uoms.map((u) => [u.uom, u.scope])).toEqual(
      expect.arrayContaining([
        ['CASE', 'item'],
        ['DZ', 'all'],
      ]),
    );
    expect(detail.item.uoms.map((u) => u.factor)).toEqual([...detail.item.uoms.map((u) => u.factor)].sort((a, b) => a - b));
    expect(f.history.length).toBe(f.historyDay.length);
    expect(f.fitted.length).toBe(f.history.length);
    expect(f.forecastDay).toHaveLength(26);
    for (let k = 1; k < f.forecastDay.length; k++) expect(f.forecastDay[k]! - f.forecastDay[k - 1]!).toBe(7);
    expect(f.forecastDay[0]! - f.historyDay[f.historyDay.length - 1]!).toBe(7);
    expect(f.forecastDay[0]).toBe(periodStart('week', Math.floor((f.forecastDay[0]! - 4) / 7)));
    for (let k = 0; k < 26; k++) {
      expect(f.lo95[k]!).toBeLessThanOrEqual(f.lo80[k]! + 1e-9);
      expect(f.lo80[k]!).toBeLessThanOrEqual(f.point[k]! + 0.01);
      expect(f.point[k]!).toBeLessThanOrEqual(f.hi80[k]! + 0.01);
      expect(f.hi80[k]!).toBeLessThanOrEqual(f.hi95[k]! + 1e-9);
    }
    expect(f.leaderboard.some((e) => e.model === f.model)).toBe(true);
    expect(await readItemDetail(store, 'NO-SUCH')).toBeNull();
  });

  it('item detail: every stored leaderboard explains its winner (lowest backtest error), the benchmark marked', async () => {
    const ids = sqlite(store).prepare('SELECT i.item_id FROM item_results r JOIN items i ON i.id = r.item').pluck().all() as string[];
    expect(ids).toHaveLength(60);
    // The run's member pool, stored with its results, is what every item page names.
    const pool = (await currentResults(store))!.meta.pool!;
    expect(pool.members).toEqual([...MEMBER_NAMES]);
    for (const id of ids) {
      const f = (await readItemDetail(store, id))!.forecast!;
      expect(f.choice.members).toEqual(pool.members);
      expect(f.choice.alone).toBeNull();
      const winner = f.leaderboard.find((r) => r.winner)!;
      expect(winner.model).toBe(f.model);
      const benchmark = f.leaderboard.find((r) => r.benchmark)!;
      expect(benchmark.model).toBe(f.choice.benchmark);
      if (f.naiveError !== null && benchmark.error !== null) expect(benchmark.error).toBe(f.naiveError);
      if (winner.error === null) continue;
      // Only intermittent demand's bias guard (not stored) or naive there can beat the winner's error.
      for (const r of f.leaderboard) if (r.error !== null && r.error < winner.error) expect(r.failedBiasGuard || !r.eligible).toBe(true);
    }
  });

  it('data summary counts what the import wrote', async () => {
    const d = (await readDataSummary(store));
    expect(d).toMatchObject({ dataVersion: 1, items: 60, stockRecords: scalar<number>('SELECT count(*) FROM inventory') });
    const sales = (await readSalesSummary(store));
    expect(sales.rows).toBe(scalar<number>('SELECT count(*) FROM sales'));
    expect(sales.lastDay! - sales.firstDay! + 1).toBe(560);
    expect(d.imports.map((i) => i.kind).sort()).toEqual(['inventory', 'items', 'sales', 'uom']);
  });

  it('answers JSON built once per version, and 304 to a matching ETag', async () => {
    const version = await readModelVersion(store, 'items');
    let builds = 0;
    const build = () => {
      builds++;
      return readItemTable(store);
    };
    const plain = await versionedJson(new Request('http://x/api/items'), version, build);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
    expect(plain.headers.get('etag')).toBe(`"${version}"`);
    expect(await plain.json()).toEqual(JSON.parse(JSON.stringify(await readItemTable(store))));
    const again = await versionedJson(new Request('http://x/api/items', { headers: { 'If-None-Match': plain.headers.get('etag')! } }), version, build);
    expect(again.status).toBe(304);
    expect(builds).toBe(1);
  });
});
