import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RunJson } from '@/lib/service/types';
import { getJson } from './http';

/** GET /api/runs?limit=N: recent runs, newest first (server and command line). */
export const fetchRuns = async (limit: number, signal?: AbortSignal) =>
  (await getJson<{ runs: RunJson[] }>(`/api/runs?limit=${limit}`, signal)).runs;

export const runsQuery = (limit = 50) =>
  queryOptions({ queryKey: ['runs', limit], queryFn: ({ signal }) => fetchRuns(limit, signal) });

export const useRuns = (limit = 50) => useQuery(runsQuery(limit));
