import type { Store } from '../store';
import type { DataSummary, SalesSummary } from './types';

/** What the store holds, apart from sales: counts, imported files (newest first). Cheap. */
export function readDataSummary(store: Store, importsShown = 50): DataSummary {
  return {
    dataVersion: store.dataVersion(),
    ...store.reads.tableCounts(),
    imports: store.imports.list(importsShown).map((r) => ({
      name: r.name,
      kind: r.kind,
      rows: r.rows,
      importedAt: r.importedAt,
      dataVersion: r.dataVersion,
    })),
  };
}

/**
 * Sales rows and their date range, in one pass over the sales table, so it is served on its own
 * and cached per data version.
 */
export function readSalesSummary(store: Store): SalesSummary {
  return { dataVersion: store.dataVersion(), ...store.reads.salesSummary() };
}
