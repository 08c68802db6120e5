import { useMutation } from '@tanstack/react-query';
import type { RefreshAnswer } from '@/lib/service/types';
import { errorMessage, sendJson } from './http';
import { progressStore } from './progress/store';

/** POST /api/refresh: starts, joins, queues or answers from cache (see the backend contract). */
export const postRefresh = (body: { force?: boolean; params?: { period?: string; horizon?: number } } = {}) =>
  sendJson<RefreshAnswer>('POST', '/api/refresh', body);

/** The Refresh button's mutation; tells the shared progress what this tab asked for. */
export const useRefresh = () =>
  useMutation({
    mutationKey: ['refresh'],
    mutationFn: postRefresh,
    onMutate: () => progressStore.requesting(),
    onSuccess: (answer) => progressStore.asked(answer),
    onError: (error) => progressStore.requestFailed(errorMessage(error)),
  });
