import { dehydrate, HydrationBoundary, QueryClient, type QueryKey } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/**
 * Server rendering with data: the page's queries filled on the server (from the same cached read
 * models the API serves) and handed to the browser's React Query, so the first paint already
 * shows the numbers and the browser does not ask again until they go stale or a run ends.
 */
export function Prefetched({ entries, children }: { entries: [QueryKey, unknown][]; children: ReactNode }) {
  const client = new QueryClient();
  for (const [key, data] of entries) client.setQueryData(key, data);
  return <HydrationBoundary state={dehydrate(client)}>{children}</HydrationBoundary>;
}
