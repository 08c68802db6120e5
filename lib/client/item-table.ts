import { queryOptions, useQuery } from '@tanstack/react-query';
import { decodeItemTable, type ItemTable } from '@/lib/dashboard/table-model';
import type { ItemTableJson, ResultsInfo } from '@/lib/dashboard/types';
import { takeEarlyJson } from './early-fetch';
import { getJson } from './http';

export interface ItemTableData {
  results: ResultsInfo | null;
  dataVersion: number;
  catalogueItems: number;
  table: ItemTable;
}

export const ITEM_TABLE_URL = '/api/items';

/**
 * GET /api/items: every item's results as columns (gzipped on the wire by the server), decoded
 * once into typed arrays. On a full load of /items the page's early request has it under way.
 */
export async function fetchItemTable(signal?: AbortSignal): Promise<ItemTableData> {
  const json = (await takeEarlyJson<ItemTableJson>(ITEM_TABLE_URL)) ?? (await getJson<ItemTableJson>(ITEM_TABLE_URL, signal));
  return { results: json.results, dataVersion: json.dataVersion, catalogueItems: json.catalogueItems, table: decodeItemTable(json) };
}

export const itemTableQuery = () =>
  queryOptions({ queryKey: ['items', 'table'], queryFn: ({ signal }) => fetchItemTable(signal) });

export const useItemTable = () => useQuery(itemTableQuery());
