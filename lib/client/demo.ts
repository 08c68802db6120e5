import { useMutation } from '@tanstack/react-query';
import { sendJson } from './http';
import type { ImportAnswer } from './import';

/**
 * POST /api/demo: the demo data set into an empty store (ApiError 409 when it holds data); the
 * server then starts a refresh, which every tab's shared progress shows.
 */
export const postDemo = () => sendJson<ImportAnswer>('POST', '/api/demo', {});

/** `onLoaded` runs even when the button is gone by then (the empty state it sat in was replaced). */
export const useLoadDemo = (onLoaded: () => void) => useMutation({ mutationKey: ['demo'], mutationFn: postDemo, onSuccess: onLoaded });
