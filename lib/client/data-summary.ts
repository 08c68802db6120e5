import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DataSummary } from '@/lib/dashboard/types';
import { getJson } from './http';

/** GET /api/data: store counts, sales date range, imported files. */
export const fetchDataSummary = (signal?: AbortSignal) => getJson<DataSummary>('/api/data', signal);

export const dataSummaryQuery = () =>
  queryOptions({ queryKey: ['data', 'summary'], queryFn: ({ signal }) => fetchDataSummary(signal) });

export const useDataSummary = () => useQuery(dataSummaryQuery());
