import { queryOptions, useQuery } from '@tanstack/react-query';
import { decodeItemTable, type ItemTable } from '@/lib/dashboard/table-model';
import type { ItemTableJson, ResultsInfo } from '@/lib/dashboard/types';
import { getGzipJson } from './http';

export interface ItemTableData {
  results: ResultsInfo | null;
  dataVersion: number;
  catalogueItems: number;
  table: ItemTable;
}

export const ITEM_TABLE_URL = '/api/items';

/** GET /api/items: every item's results as columns (gzipped on the wire), decoded once into typed arrays. */
export async function fetchItemTable(signal?: AbortSignal): Promise<ItemTableData> {
  const json = await getGzipJson<ItemTableJson>(ITEM_TABLE_URL, signal);
  return { results: json.results, dataVersion: json.dataVersion, catalogueItems: json.catalogueItems, table: decodeItemTable(json) };
}

export const itemTableQuery = () =>
  queryOptions({ queryKey: ['items', 'table'], queryFn: ({ signal }) => fetchItemTable(signal) });

export const useItemTable = () => useQuery(itemTableQuery());
