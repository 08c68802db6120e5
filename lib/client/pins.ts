import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson, sendJson } from './http';

/** A pinned model as the API shows it (see lib/overrides/pins.ts). */
export interface PinJson {
  item_id: string;
  model: string;
  reason: string;
  author: string;
  created_at: string;
  updated_at: string;
}

export interface PinsJson {
  dataVersion: number;
  pins: PinJson[];
  history: { id: number; item_id: string; action: 'set' | 'edit' | 'remove'; model: string; reason: string; author: string; at: string }[];
}

/** Under the `items` key, like the overrides: a run ending or another tab's change refetches it. */
export const pinsQuery = (itemId: string) =>
  queryOptions({
    queryKey: ['items', 'pins', itemId],
    queryFn: ({ signal }) => getJson<PinsJson>(`/api/overrides/pins?item=${encodeURIComponent(itemId)}`, signal),
  });

export const usePins = (itemId: string) => useQuery(pinsQuery(itemId));

export const pinModel = (body: { item_id: string; model: string; reason: string; author: string }) => sendJson<unknown>('PUT', '/api/overrides/pins', body);

export const unpinModel = (itemId: string, author: string) =>
  sendJson<unknown>('DELETE', `/api/overrides/pins?item=${encodeURIComponent(itemId)}`, { author });
