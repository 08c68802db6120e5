import { dataVersion, type Db } from '../store';
import { listImports } from '../store/imports';
import type { DataSummary, SalesSummary } from './types';

/** What the store holds, apart from sales: counts, imported files (newest first). Cheap. */
export function readDataSummary(db: Db, importsShown = 50): DataSummary {
  const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    dataVersion: dataVersion(db),
    items: count('items'),
    stockRecords: count('inventory'),
    unitFactors: count('uom_factors'),
    imports: listImports(db, importsShown).map((r) => ({
      name: r.name,
      kind: r.kind,
      rows: r.rows,
      importedAt: r.importedAt,
      dataVersion: r.dataVersion,
    })),
  };
}

/**
 * Sales rows and their date range, in one pass over the sales table (it has no index: written in
 * bulk, read in full by the pipeline), so it is served on its own and cached per data version.
 */
export function readSalesSummary(db: Db): SalesSummary {
  const row = db.prepare('SELECT count(*) AS n, min(day) AS first, max(day) AS last FROM sales').get() as {
    n: number;
    first: number | null;
    last: number | null;
  };
  return { dataVersion: dataVersion(db), rows: row.n, firstDay: row.first, lastDay: row.last };
}
