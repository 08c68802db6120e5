import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ItemDetail } from '@/lib/dashboard/types';
import { getJson } from './http';

/** GET /api/items/:id: facts, forecast series, leaderboard and inventory figures. */
export const fetchItemDetail = (id: string, signal?: AbortSignal) =>
  getJson<ItemDetail>(`/api/items/${encodeURIComponent(id)}`, signal);

export const itemDetailQuery = (id: string) =>
  queryOptions({ queryKey: ['items', 'detail', id], queryFn: ({ signal }) => fetchItemDetail(id, signal) });

export const useItemDetail = (id: string) => useQuery(itemDetailQuery(id));
