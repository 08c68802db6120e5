import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AccuracyReport } from '@/lib/accuracy/report';
import { getJson } from './http';

/** GET /api/accuracy[?item=ID]: accuracy across runs (JSON nulls where a lag has no pairs yet). */
export const accuracyQuery = (itemId?: string) =>
  queryOptions({
    queryKey: ['accuracy', itemId ?? ''],
    queryFn: ({ signal }) => getJson<AccuracyReport>(itemId === undefined ? '/api/accuracy' : `/api/accuracy?item=${encodeURIComponent(itemId)}`, signal),
  });

export const useAccuracy = (itemId?: string) => useQuery(accuracyQuery(itemId));
