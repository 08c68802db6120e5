import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SalesSummary } from '@/lib/dashboard/types';
import { getJson } from './http';

/** GET /api/data/sales: sales rows and date range. */
export const fetchSalesSummary = (signal?: AbortSignal) => getJson<SalesSummary>('/api/data/sales', signal);

export const salesSummaryQuery = () =>
  queryOptions({ queryKey: ['data', 'sales'], queryFn: ({ signal }) => fetchSalesSummary(signal) });

export const useSalesSummary = () => useQuery(salesSummaryQuery());
