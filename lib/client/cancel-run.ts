import { useMutation } from '@tanstack/react-query';
import type { RunJson } from '@/lib/service/types';
import { sendJson } from './http';

/** POST /api/runs/:id/cancel: stops the run for everyone waiting on it. */
export const postCancelRun = (runId: string) => sendJson<RunJson>('POST', `/api/runs/${encodeURIComponent(runId)}/cancel`);

export const useCancelRun = () => useMutation({ mutationKey: ['cancel-run'], mutationFn: postCancelRun });
