'use client';
import { useSyncExternalStore } from 'react';
import { progressStore, type ProgressState } from './store';

const serverSnapshot: ProgressState = {
  run: null,
  active: false,
  joinedRunId: null,
  outcome: null,
  cachedAt: null,
  requestError: null,
  transport: 'connecting',
};

/** The shared run progress as this tab knows it; re-renders on every change. */
export function useRunProgress(): ProgressState {
  return useSyncExternalStore(progressStore.subscribe, progressStore.getSnapshot, () => serverSnapshot);
}
