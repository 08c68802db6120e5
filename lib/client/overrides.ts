import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './http';

/** An override as the API shows it (see lib/overrides/api.ts). */
export interface OverrideJson {
  id: number;
  item_id: string;
  period_start: string;
  period_end: string;
  quantity: number | null;
  percent: number | null;
  reason: string;
  until: string | null;
  author: string;
  created_at: string;
  updated_at: string;
}

export interface OverrideChangeJson {
  id: number;
  override_id: number;
  action: 'set' | 'edit' | 'remove';
  author: string;
  at: string;
  override: Omit<OverrideJson, 'id' | 'author' | 'created_at' | 'updated_at'>;
}

export interface OverridesJson {
  dataVersion: number;
  overrides: OverrideJson[];
  history: OverrideChangeJson[];
}

/** What the form sends: the CSV format's fields plus who makes the change. */
export type OverrideBody = Pick<OverrideJson, 'item_id' | 'period_start' | 'period_end' | 'quantity' | 'percent' | 'reason' | 'until'> & { author: string };

/** Under the `items` key, so that whatever refetches item data (a run ending, another tab's change) refetches these too. */
export const overridesQuery = (itemId: string) =>
  queryOptions({
    queryKey: ['items', 'overrides', itemId],
    queryFn: ({ signal }) => getJson<OverridesJson>(`/api/overrides?item=${encodeURIComponent(itemId)}`, signal),
  });

export const useOverrides = (itemId: string) => useQuery(overridesQuery(itemId));

export const saveOverride = (body: OverrideBody, id: number | null) =>
  id === null ? sendJson<unknown>('POST', '/api/overrides', body) : sendJson<unknown>('PUT', `/api/overrides/${id}`, body);

export const removeOverride = (id: number, author: string) => sendJson<unknown>('DELETE', `/api/overrides/${id}`, { author });
