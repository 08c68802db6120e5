import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServicePolicy } from '@/lib/inventory/policy';
import { getJson, sendJson } from './http';

interface PolicyJson {
  policy: ServicePolicy;
  custom: boolean;
}

export const policyQuery = () => queryOptions({ queryKey: ['policy'], queryFn: ({ signal }) => getJson<PolicyJson>('/api/policy', signal) });

export const usePolicy = () => useQuery(policyQuery());

/** PUT /api/policy: the next refresh recomputes under it. */
export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policy: ServicePolicy) => sendJson<PolicyJson>('PUT', '/api/policy', { policy }),
    onSuccess: (saved) => client.setQueryData(policyQuery().queryKey, saved),
  });
}
