import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './http';

/**
 * Data change only when a run finishes or an import commits, and both invalidate every query, so
 * results stay fresh for a while; ETags make a refetch of unchanged data a cheap 304.
 */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        // A 4xx will not get better by asking again.
        retry: (failures, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      },
    },
  });
}
