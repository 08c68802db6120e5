import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { WorksheetModel } from '@/lib/actions/worksheet-model';
import { ApiError, getJson, sendJson } from './http';

export const worksheetQuery = () =>
  queryOptions({ queryKey: ['worksheet'], queryFn: ({ signal }) => getJson<WorksheetModel>('/api/worksheet', signal) });

export const useWorksheet = () => useQuery(worksheetQuery());

/** PUT /api/worksheet/lines: one edited line of the draft. */
export function useSaveLine() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (line: { itemId: string; quantity: number; dueDate: string }) => sendJson<unknown>('PUT', '/api/worksheet/lines', line),
    onSettled: () => client.invalidateQueries({ queryKey: ['worksheet'] }),
  });
}

export function useClearDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => sendJson<unknown>('POST', '/api/worksheet/clear'),
    onSettled: () => client.invalidateQueries({ queryKey: ['worksheet'] }),
  });
}

/** POST /api/worksheet/export: downloads the file (the server clears the draft). */
export function useExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (format: 'csv' | 'xlsx') => {
      const response = await fetch('/api/worksheet/export', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ format }),
      });
      if (!response.ok) throw new ApiError(response.status, 'export_failed', `export failed: ${response.status}`);
      const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? `purchase-orders.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = name;
      a.click();
      URL.revokeObjectURL(url);
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['worksheet'] }),
  });
}
