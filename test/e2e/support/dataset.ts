import fs from 'node:fs';
import path from 'node:path';

/**
 * A synthetic but plausible catalogue for browser tests and the dashboard benchmark: items with
 * categories, case packs and lead times; weekly sales aggregates (smooth, seasonal, trending and
 * intermittent demand); a mix of CASE and EA units; stock positions spread so that every health
 * status occurs. Deterministic for a given seed, written as the four CSV kinds the importer reads.
 */
export interface DatasetOptions {
  items: number;
  /** Weeks of sales history, ending on `lastDay`. */
  weeks: number;
  seed?: number;
  /** Last sales day, ISO; default 2026-11-01 (a Sunday, so the last week is complete). */
  lastDay?: string;
  /** Item code prefix, so that a second data set can add new items. */
  prefix?: string;
}

export interface DatasetFiles {
  items: string;
  uom: string;
  sales: string;
  inventory: string;
}

const CATEGORIES = ['Brakes', 'Filters', 'Lighting', 'Electrical', 'Suspension', 'Engine', 'Cooling', 'Body', 'Interior', 'Tools'];
const NOUNS: Record<string, string[]> = {
  Brakes: ['Brake pad set', 'Brake disc', 'Caliper', 'Brake hose'],
  Filters: ['Oil filter', 'Air filter', 'Cabin filter', 'Fuel filter'],
  Lighting: ['Headlamp bulb', 'Tail lamp', 'Fog light', 'LED strip'],
  Electrical: ['Battery', 'Alternator', 'Starter motor', 'Fuse kit'],
  Suspension: ['Shock absorber', 'Coil spring', 'Control arm', 'Ball joint'],
  Engine: ['Spark plug', 'Timing belt', 'Gasket set', 'Water pump'],
  Cooling: ['Radiator', 'Thermostat', 'Coolant 5L', 'Fan clutch'],
  Body: ['Wiper blade', 'Door mirror', 'Bumper clip', 'Mud flap'],
  Interior: ['Floor mat', 'Seat cover', 'Gear knob', 'Sun shade'],
  Tools: ['Torque wrench', 'Socket set', 'Jack stand', 'Creeper'],
};

/** Mulberry32: small, fast, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const iso = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

export function writeDataset(dir: string, options: DatasetOptions): DatasetFiles {
  const rand = random(options.seed ?? 42);
  const prefix = options.prefix ?? 'SKU';
  const lastDay = Math.round(Date.parse(options.lastDay ?? '2026-11-01') / DAY_MS);
  const firstWeekStart = lastDay - 7 * options.weeks + 1; // a Monday when lastDay is a Sunday
  fs.mkdirSync(dir, { recursive: true });
  const files: DatasetFiles = {
    items: path.join(dir, 'items.csv'),
    uom: path.join(dir, 'uom.csv'),
    sales: path.join(dir, 'sales.csv'),
    inventory: path.join(dir, 'inventory.csv'),
  };
  const items: string[] = ['item_id,name,category,base_uom,unit_cost,lead_time_days,service_level,moq,case_pack'];
  const uom: string[] = ['item_id,uom,factor_to_base', ',CASE,12'];
  const sales: string[] = ['item_id,date,quantity,uom'];
  const inventory: string[] = ['item_id,on_hand,on_order,uom,as_of,on_order_due'];
  const width = String(options.items).length;
  for (let i = 0; i < options.items; i++) {
    const id = `${prefix}-${String(i + 1).padStart(Math.max(5, width), '0')}`;
    const category = CATEGORIES[i % CATEGORIES.length]!;
    const nouns = NOUNS[category]!;
    const name = `${nouns[Math.floor(rand() * nouns.length)]} ${100 + Math.floor(rand() * 900)}`;
    const cost = Math.round((2 + rand() * rand() * 400) * 100) / 100;
    const leadTime = [3, 7, 10, 14, 21, 28, 42][Math.floor(rand() * 7)]!;
    const casePack = [1, 6, 12, 24][Math.floor(rand() * 4)]!;
    const pallet = casePack > 1 && rand() < 0.3;
    items.push(`${id},${name},${category},EA,${cost},${leadTime},${rand() < 0.3 ? 0.98 : ''},${rand() < 0.2 ? casePack * 4 : ''},${casePack}`);
    if (pallet) uom.push(`${id},PALLET,${casePack * 40}`);

    // Demand shape: a Pareto-like level, season, trend, and some intermittent items.
    const level = Math.max(0.2, 60 * Math.pow(rand(), 2.2));
    const intermittent = rand() < 0.2;
    const seasonal = rand() < 0.35;
    const trend = (rand() - 0.5) * 0.01;
    const phase = rand() * 52;
    const dead = rand() < 0.04;
    let recent = 0;
    for (let w = 0; w < options.weeks; w++) {
      // Weekly totals dated on the week's Sunday, so the last sale is the last day of history.
      const day = firstWeekStart + 7 * w + 6;
      if (dead && w > options.weeks - 20) continue;
      const season = seasonal ? 1 + 0.45 * Math.sin(((w + phase) / 52) * 2 * Math.PI) : 1;
      const mean = level * 7 * season * (1 + trend * w);
      let q: number;
      if (intermittent) q = rand() < 0.25 ? Math.round(1 + rand() * mean * 0.8) : 0;
      else q = Math.max(0, Math.round(mean + (rand() - 0.5) * mean * 0.6));
      if (q === 0) continue;
      if (w >= options.weeks - 4) recent += q;
      // Some items report in cases when the quantity divides evenly.
      if (q % 12 === 0 && rand() < 0.5) sales.push(`${id},${iso(day)},${q / 12},CASE`);
      else sales.push(`${id},${iso(day)},${q},EA`);
    }
    const weekly = Math.max(recent / 4, 0.5);
    // Cover in weeks: some out of stock, some low, most fine, some far too much.
    const r = rand();
    const cover = r < 0.06 ? 0 : r < 0.25 ? rand() * (leadTime / 7) : r < 0.8 ? 2 + rand() * 8 : 20 + rand() * 40;
    const onHand = Math.round(weekly * cover);
    const onOrder = rand() < 0.3 ? Math.round(weekly * 3) : 0;
    const due = onOrder > 0 ? iso(lastDay + 1 + Math.floor(rand() * leadTime)) : '';
    inventory.push(`${id},${onHand},${onOrder},EA,${iso(lastDay + 1)},${due}`);
  }
  fs.writeFileSync(files.items, `${items.join('\n')}\n`);
  fs.writeFileSync(files.uom, `${uom.join('\n')}\n`);
  fs.writeFileSync(files.sales, `${sales.join('\n')}\n`);
  fs.writeFileSync(files.inventory, `${inventory.join('\n')}\n`);
  return files;
}
