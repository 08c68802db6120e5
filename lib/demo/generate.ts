import { parseIsoDay } from '../store/days';
import { BAG_KG, DEMO_STATUSES, DOZEN, SACK_KG, demoItem, type DemoItem, type DemoStatus } from './catalog';
import { calendar, dailyDemand, recordSales } from './demand';
import { Rng } from './random';
import { stockPositions } from './stock';

/**
 * The demo data set as the four import files. Deterministic: the same options give the same
 * bytes. The history ends on a fixed date (not today), so the files do not change with the clock.
 */
export interface DemoOptions {
  items: number;
  days: number;
  seed?: number;
  /** last day of the sales history, YYYY-MM-DD */
  end?: string;
}

export const DEMO_END = '2026-10-31';
export const DEMO_SEED = 42;
export const DEMO_FILES = ['items.csv', 'uom.csv', 'sales.csv', 'inventory.csv'] as const;
export type DemoFile = (typeof DEMO_FILES)[number];

export interface DemoSummary {
  items: number;
  days: number;
  seed: number;
  firstDate: string;
  lastDate: string;
  /** data rows written per file */
  rows: Record<DemoFile, number>;
  /** the health status each item's stock position is set up to produce, by item code */
  expectedStatus: Map<string, DemoStatus>;
  statusCounts: Record<DemoStatus, number>;
  /** codes of the slow, intermittent movers (their stock is sized from half a year of demand) */
  intermittent: Set<string>;
}

const FLUSH_CHARS = 1 << 20;

function csvText(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * Generates the demo files, handing their text to `write` in chunks, file after file in the
 * order items, uom, sales, inventory.
 */
export function generateDemo(options: DemoOptions, write: (file: DemoFile, text: string) => void): DemoSummary {
  const seed = options.seed ?? DEMO_SEED;
  const last = parseIsoDay(options.end ?? DEMO_END);
  if (!(options.items > 0 && options.days > 0) || Number.isNaN(last)) {
    throw new RangeError('demo data needs items > 0, days > 0 and an end date YYYY-MM-DD');
  }
  const cal = calendar(last - options.days + 1, last);
  const items: DemoItem[] = [];
  for (let i = 0; i < options.items; i++) items.push(demoItem(seed, i));
  const rows: Record<DemoFile, number> = { 'items.csv': 0, 'uom.csv': 0, 'sales.csv': 0, 'inventory.csv': 0 };

  let out = 'item_id,name,category,base_uom,unit_cost,lead_time_days,service_level,moq,case_pack,supplier,unit_price,lead_time_sd_days\n';
  for (const it of items) {
    const moq = Number.isNaN(it.moq) ? '' : String(it.moq);
    const pack = it.baseUom === 'KG' ? '' : String(it.casePack);
    out += `${it.code},${csvText(it.name)},${it.category},${it.baseUom},${it.unitCost},${it.leadTimeDays},${it.serviceLevel},${moq},${pack},${csvText(it.supplier)},${it.unitPrice},${it.leadTimeSdDays}\n`;
  }
  write('items.csv', out);
  rows['items.csv'] = items.length;

  out = `item_id,uom,factor_to_base\n,DZ,${DOZEN}\n`;
  rows['uom.csv'] = 1;
  for (const it of items) {
    out +=
      it.baseUom === 'KG'
        ? `${it.code},BAG,${BAG_KG}\n${it.code},SACK,${SACK_KG}\n`
        : `${it.code},CASE,${it.casePack}\n${it.code},PALLET,${it.palletUnits}\n`;
    rows['uom.csv'] += 2;
  }
  write('uom.csv', out);

  const stock: string[] = [];
  const statusCounts = Object.fromEntries(DEMO_STATUSES.map((s) => [s, 0])) as Record<DemoStatus, number>;
  const expectedStatus = new Map<string, DemoStatus>();
  out = 'item_id,date,quantity,uom\n';
  for (const it of items) {
    const rng = new Rng(seed ^ 0x5a1e5, it.index);
    const demand = dailyDemand(it, cal, rng);
    for (let t = 0; t < demand.length; t++) {
      if (demand[t]! <= 0) continue;
      const prefix = `${it.code},${cal.iso[t]},`;
      recordSales(it, demand[t]!, rng, (quantity, unit) => {
        out += `${prefix}${quantity},${unit}\n`;
        rows['sales.csv']++;
      });
      if (out.length > FLUSH_CHARS) {
        write('sales.csv', out);
        out = '';
      }
    }
    const stockRng = new Rng(seed ^ 0x570c4, it.index);
    const { status, positions } = stockPositions(it, demand, cal, stockRng);
    for (const p of positions) stock.push(`${it.code},${p.onHand},${p.onOrder},${p.uom},${p.asOf},${p.due}\n`);
    expectedStatus.set(it.code, status);
    statusCounts[status]++;
  }
  write('sales.csv', out);
  rows['inventory.csv'] = stock.length;
  write('inventory.csv', `item_id,on_hand,on_order,uom,as_of,on_order_due\n${stock.join('')}`);

  return {
    items: items.length,
    days: options.days,
    seed,
    firstDate: cal.iso[0]!,
    lastDate: cal.iso[cal.iso.length - 1]!,
    rows,
    expectedStatus,
    statusCounts,
    intermittent: new Set(items.filter((it) => it.movement === 'slow').map((it) => it.code)),
  };
}
