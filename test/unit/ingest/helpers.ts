import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { Sqlite as Db } from '../../helpers/sqlite';
import { bytesSource, type ImportSource } from '@/lib/ingest/source';

/**
 * A checksum of every table's full contents (all columns, every row, in key order): equal
 * checksums mean the store holds exactly the same data, not just the same row counts.
 */
export function storeChecksum(db: Db): string {
  const hash = createHash('sha256');
  const tables = db
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
    .pluck()
    .all() as string[];
  for (const table of tables) {
    const columns = (db.prepare(`SELECT * FROM "${table}" LIMIT 0`).columns() as { name: string }[]).length;
    const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ');
    hash.update(`\n#${table}\n`);
    for (const row of db.prepare(`SELECT * FROM "${table}" ORDER BY ${order}`).raw().iterate()) {
      hash.update(JSON.stringify(row, (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
    }
  }
  return hash.digest('hex');
}

export function counts(db: Db): Record<string, number> {
  const n = (t: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n;
  return { items: n('items'), uom_factors: n('uom_factors'), sales: n('sales'), inventory: n('inventory'), imports: n('imports') };
}

export const csv = (name: string, text: string): ImportSource => bytesSource(name, Buffer.from(text));

/** A small consistent data set: three items, their units, some sales and stock. */
export const GOOD = {
  items:
    'item_id,name,category,base_uom,unit_cost,lead_time_days,service_level,moq,case_pack\n' +
    'A-1,Cola 330ml,Beverages,EA,0.45,7,0.95,24,24\n' +
    'B-2,"Cheddar, Mature",Dairy,EA,3.10,3,,,12\n' +
    'C-3,Espresso Beans,Coffee,KG,14.5,21,95%,10,\n',
  uom: 'item_id,uom,factor_to_base\nA-1,CASE,24\nA-1,PALLET,1920\nC-3,BAG,0.25\n,DZ,12\n',
  sales:
    'item_id,date,quantity,uom\n' +
    'A-1,2026-10-01,5,EA\n' +
    'A-1,2026-10-01,2,CASE\n' +
    'A-1,2026-10-02,1,DZ\n' +
    'B-2,2026-10-02,3,\n' +
    'C-3,2026-10-03,8,BAG\n' +
    'C-3,2026-10-03,1.5,KG\n',
  inventory:
    'item_id,on_hand,on_order,uom,as_of,on_order_due\n' +
    'A-1,120,48,EA,2026-10-31,2026-11-05\n' +
    'B-2,0,,EA,2026-10-31,\n' +
    'C-3,3,0,BAG,2026-10-31,\n',
};

/** The first sheet of an XLSX workbook holding `rows` (the first row is the header). */
export async function xlsx(rows: unknown[][], extraSheets: Record<string, unknown[][]> = {}, firstName = 'Data'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(firstName);
  for (const r of rows) sheet.addRow(r);
  for (const [name, other] of Object.entries(extraSheets)) {
    const s = wb.addWorksheet(name);
    for (const r of other) s.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** CSV text to the rows an XLSX sheet would hold (numbers as numbers, ISO dates as dates). */
export function csvToCells(text: string): unknown[][] {
  const rows = Papa.parse<string[]>(text.trim(), { delimiter: ',' }).data;
  return rows.map((row, i) =>
    row.map((f) => {
      if (i > 0 && /^\d{4}-\d{2}-\d{2}$/.test(f)) return new Date(`${f}T00:00:00Z`);
      if (i > 0 && /^-?\d+(\.\d+)?$/.test(f)) return Number(f);
      return f === '' ? null : f;
    }),
  );
}
