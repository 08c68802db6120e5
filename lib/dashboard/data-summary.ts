import type { Store } from '../store';
import type { DataSummary, SalesSummary } from './types';

/** What the store holds, apart from sales: counts, imported files (newest first). Cheap. */
export async function readDataSummary(store: Store, importsShown = 50): Promise<DataSummary> {
  const dataVersion = await store.dataVersion();
  return {
    dataVersion,
    ...(await store.reads.tableCounts()),
    imports: (await store.imports.list(importsShown)).map((r) => ({
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
export async function readSalesSummary(store: Store): Promise<SalesSummary> {
  const dataVersion = await store.dataVersion();
  return { dataVersion, ...(await store.reads.salesSummary()) };
}
