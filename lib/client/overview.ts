import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Overview } from '@/lib/dashboard/types';
import { getJson } from './http';

/** GET /api/overview: KPIs, health matrix and items most at risk. */
export const fetchOverview = (signal?: AbortSignal) => getJson<Overview>('/api/overview', signal);

export const overviewQuery = () => queryOptions({ queryKey: ['overview'], queryFn: ({ signal }) => fetchOverview(signal) });

export const useOverview = () => useQuery(overviewQuery());
