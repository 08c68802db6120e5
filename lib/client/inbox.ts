import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InboxModel } from '@/lib/actions/inbox';
import type { InboxState } from '@/lib/actions/states';
import { getJson, sendJson } from './http';

/** GET /api/inbox: exceptions of the current results, ranked by money at stake. */
export const inboxQuery = (state: InboxState, limit: number) =>
  queryOptions({
    queryKey: ['inbox', state, limit],
    queryFn: ({ signal }) => getJson<InboxModel>(`/api/inbox?state=${state}&limit=${limit}`, signal),
  });

export const useInbox = (state: InboxState, limit: number) => useQuery(inboxQuery(state, limit));

export interface MarkRequest {
  itemId: string;
  kind: string;
  state: 'handled' | 'snoozed' | 'open';
  days?: number;
  by: string;
}

/** POST /api/inbox/marks, then every inbox view refetches. */
export function useMarkException() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (mark: MarkRequest) => sendJson<unknown>('POST', '/api/inbox/marks', mark),
    onSettled: () => client.invalidateQueries({ queryKey: ['inbox'] }),
  });
}

const WHO_KEY = 'stockcast.markedBy';

/** Who marks exceptions in this browser (no accounts: the analyst names themselves once). */
export function markedBy(): string {
  if (typeof window === 'undefined') return 'analyst';
  return window.localStorage.getItem(WHO_KEY) || 'analyst';
}

export function setMarkedBy(name: string): void {
  window.localStorage.setItem(WHO_KEY, name.trim() || 'analyst');
}
