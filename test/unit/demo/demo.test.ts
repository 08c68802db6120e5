import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_STATUSES, demoItem, type DemoStatus } from '@/lib/demo/catalog';
import { seasonAhead } from '@/lib/demo/demand';
import { demoSources } from '@/lib/demo/files';
import { DEMO_FILES, generateDemo, type DemoFile, type DemoOptions, type DemoSummary } from '@/lib/demo/generate';
import { importFiles } from '@/lib/ingest/import';
import { openStore, type Store } from '@/lib/store';
import { dayToIso } from '@/lib/store/days';
import { tempDir } from '../../helpers/tmp';
import { sqlite } from '../../helpers/sqlite';

function texts(options: DemoOptions): { files: Record<DemoFile, string>; summary: DemoSummary } {
  const files = Object.fromEntries(DEMO_FILES.map((f) => [f, ''])) as Record<DemoFile, string>;
  const summary = generateDemo(options, (file, text) => {
    files[file] += text;
  });
  return { files, summary };
}
const digest = (files: Record<DemoFile, string>) => DEMO_FILES.map((f) => createHash('sha256').update(files[f]).digest('hex'));
const dataLines = (text: string) => text.trim().split('\n').slice(1);

describe('demo generator', () => {
  it('is deterministic for a seed, and differs between seeds', () => {
    const a = texts({ items: 60, days: 200, seed: 5 });
    const b = texts({ items: 60, days: 200, seed: 5 });
    const c = texts({ items: 60, days: 200, seed: 6 });
    expect(digest(a.files)).toEqual(digest(b.files));
    expect(digest(c.files)).not.toEqual(digest(a.files));
    expect(a.summary.lastDate).toBe('2026-10-31');
    expect(a.summary.firstDate).toBe('2026-04-15');
  });

  it('keeps an item the same whatever the number of items', () => {
    const small = texts({ items: 20, days: 120, seed: 9 });
    const big = texts({ items: 45, days: 120, seed: 9 });
    expect(dataLines(big.files['items.csv']).slice(0, 20)).toEqual(dataLines(small.files['items.csv']));
    expect(dataLines(big.files['sales.csv']).slice(0, small.summary.rows['sales.csv'])).toEqual(dataLines(small.files['sales.csv']));
  });

  it('counts the rows it writes, and writes mixed units with factors for each', () => {
    const { files, summary } = texts({ items: 300, days: 365, seed: 1 });
    for (const f of DEMO_FILES) expect(dataLines(files[f]).length, f).toBe(summary.rows[f]);
    const units = new Set(dataLines(files['sales.csv']).map((l) => l.split(',')[3]));
    expect([...units].sort()).toEqual(['BAG', 'CASE', 'DZ', 'EA', 'KG', 'PALLET', 'SACK']);
    expect(files['uom.csv']).toContain('\n,DZ,12\n'); // a factor for all items
    expect(files['items.csv']).toContain('"Cheddar, Mature'); // quoted names
  });
});

/**
 * The demo imported into a real store: every health status is present, and each item's stock
 * sits inside its status's band with room to spare, judged from the imported data alone.
 */
describe('demo data in the store', () => {
  const tmp = tempDir();
  let store: Store;
  let summary: DemoSummary;
  const DAYS = 400;
  const SEED = 42;
  beforeAll(async () => {
    store = openStore(tmp.dir);
    const demo = demoSources({ items: 400, days: DAYS, seed: SEED });
    summary = demo.summary;
    const outcome = await importFiles(store, demo.sources);
    expect(outcome.imported.map((f) => [f.file, f.rows])).toEqual(DEMO_FILES.map((f) => [`demo/${f}`, summary.rows[f]]));
  }, 120_000);
  afterAll(() => {
    store.close();
    tmp.cleanup();
  });

  it('sets up every health status', () => {
    for (const s of DEMO_STATUSES) expect(summary.statusCounts[s], s).toBeGreaterThan(3);
  });

  it('puts each item clearly inside its status band', () => {
    const db = sqlite(store);
    const factor = new Map<string, number>();
    for (const r of db.prepare('SELECT item, uom, factor FROM uom_factors').all() as { item: number; uom: number; factor: number }[]) {
      factor.set(`${r.item}:${r.uom}`, r.factor);
    }
    const items = db
      .prepare(`SELECT i.id, i.item_id, i.lead_time_days AS lead, i.lead_time_sd_days AS leadSd, i.service_level AS sl, u.id AS base FROM items i JOIN uom_codes u ON u.code = i.base_uom`)
      .all() as {
      id: number;
      item_id: string;
      lead: number;
      leadSd: number;
      sl: number;
      base: number;
    }[];
    const toBase = (item: number, base: number, uom: number, q: number) => (uom === base ? q : q * (factor.get(`${item}:${uom}`) ?? factor.get(`0:${uom}`)!));
    const last = db.prepare('SELECT MAX(as_of) AS d FROM inventory').pluck().get() as number;
    const z: Record<string, number> = { '0.9': 1.2816, '0.95': 1.6449, '0.97': 1.8808, '0.98': 2.0537, '0.99': 2.3263 };
    const salesByItem = new Map<number, { day: number; quantity: number; uom: number }[]>();
    for (const s of db.prepare('SELECT item, day, quantity, uom FROM sales').all() as { item: number; day: number; quantity: number; uom: number }[]) {
      if (!salesByItem.has(s.item)) salesByItem.set(s.item, []);
      salesByItem.get(s.item)!.push(s);
    }
    const stockOf = db.prepare('SELECT on_hand, on_order, uom FROM inventory WHERE item = ? AND as_of = ?');
    const checked: Record<DemoStatus, number> = { stockout: 0, at_risk: 0, healthy: 0, excess: 0, no_demand: 0 };
    for (const it of items) {
      const daily = new Float64Array(DAYS);
      let lastSale = -Infinity;
      for (const s of salesByItem.get(it.id) ?? []) {
        daily[s.day - (last - DAYS + 1)]! += toBase(it.id, it.base, s.uom, s.quantity);
        lastSale = Math.max(lastSale, s.day);
      }
      const status = summary.expectedStatus.get(it.item_id)!;
      // Intermittent items are judged over half a year, others over the last 8 weeks.
      const behind = summary.intermittent.has(it.item_id) ? 182 : 56;
      const window = daily.subarray(DAYS - behind);
      const mean = window.reduce((a, b) => a + b, 0) / window.length;
      const allDays = daily.reduce((a, b) => a + b, 0) / DAYS;
      const sd = Math.sqrt(window.reduce((a, b) => a + (b - mean) ** 2, 0) / (window.length - 1));
      const stock = stockOf.get(it.id, last) as { on_hand: number; on_order: number; uom: number };
      const onHand = toBase(it.id, it.base, stock.uom, stock.on_hand);
      const position = onHand + toBase(it.id, it.base, stock.uom, stock.on_order);
      const leadDemand = mean * it.lead;
      const reorderPoint = leadDemand + z[String(it.sl)]! * sd * Math.sqrt(it.lead);
      const why = `${it.item_id} (${status}): mean ${mean.toFixed(2)}/day, lead ${it.lead} d, position ${position}, reorder point ${reorderPoint.toFixed(1)}`;
      switch (status) {
        case 'no_demand':
          expect(last - lastSale, why).toBeGreaterThanOrEqual(150);
          expect(onHand, why).toBeGreaterThan(0);
          break;
        case 'stockout':
          expect(onHand, why).toBe(0);
          expect(mean, why).toBeGreaterThan(0.25);
          break;
        case 'at_risk':
          expect(onHand, why).toBeGreaterThanOrEqual(1);
          expect(position, why).toBeLessThanOrEqual(0.55 * leadDemand);
          break;
        case 'healthy': {
          // Above the reorder point, below it plus 10 weeks of demand (the engine's target cover
          // adds 13), both as the item's season has them over the weeks ahead: its stock is for
          // the coming winter (or summer), not for the last eight weeks. The lead time's spread
          // counts, as in the inventory engine.
          const item = demoItem(SEED, Number(it.item_id.slice(4)) - 1);
          const ahead = seasonAhead(item, last, behind, it.lead);
          const safety = z[String(it.sl)]! * Math.sqrt(it.lead * sd * sd + mean * mean * it.leadSd ** 2);
          const seasonalReorderPoint = (mean * it.lead + safety) * ahead;
          const seasonal = `${why}, season ahead ×${ahead.toFixed(2)}, seasonal reorder point ${seasonalReorderPoint.toFixed(1)}`;
          expect(position, seasonal).toBeGreaterThan(seasonalReorderPoint * 1.1);
          expect(position, seasonal).toBeLessThan(seasonalReorderPoint + 70 * mean * seasonAhead(item, last + it.lead, behind, 70));
          break;
        }
        case 'excess':
          expect(position / Math.max(mean, allDays, 0.01), why).toBeGreaterThan(it.lead + 150);
          break;
      }
      checked[status]++;
    }
    expect(checked).toEqual(summary.statusCounts);
    expect(dayToIso(last)).toBe('2026-10-31');
  });
});
