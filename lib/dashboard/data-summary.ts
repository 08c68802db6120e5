import { dataVersion, type Db } from '../store';
import { listImports } from '../store/imports';
import type { DataSummary } from './types';

/** What the store holds: counts, the sales date range and the imported files (newest first). */
export function readDataSummary(db: Db, importsShown = 50): DataSummary {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const range = db.prepare('SELECT min(day) AS first, max(day) AS last FROM sales').get() as {
    first: number | null;
    last: number | null;
  };
  return {
    dataVersion: dataVersion(db),
    items: count('items'),
    salesRows: count('sales'),
    stockRecords: count('inventory'),
    unitFactors: count('uom_factors'),
    firstSaleDay: range.first,
    lastSaleDay: range.last,
    imports: listImports(db, importsShown).map((r) => ({
      name: r.name,
      kind: r.kind,
      rows: r.rows,
      importedAt: r.importedAt,
      dataVersion: r.dataVersion,
    })),
  };
}
