import { queryOptions, useQuery } from '@tanstack/react-query';
import type { RunJson } from '@/lib/service/types';
import { getJson } from './http';

/** How many runs the Runs page lists. */
export const RUNS_SHOWN = 50;

/** GET /api/runs?limit=N: recent runs, newest first (server and command line). */
export const fetchRuns = async (limit: number, signal?: AbortSignal) =>
  (await getJson<{ runs: RunJson[] }>(`/api/runs?limit=${limit}`, signal)).runs;

export const runsQuery = (limit = RUNS_SHOWN) =>
  queryOptions({ queryKey: ['runs', limit], queryFn: ({ signal }) => fetchRuns(limit, signal) });

export const useRuns = (limit = RUNS_SHOWN) => useQuery(runsQuery(limit));
