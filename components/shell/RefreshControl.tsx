'use client';
import { useRefresh } from '@/lib/client/refresh';
import { useRunProgress } from '@/lib/client/progress/use-progress';
import { RunProgress } from './RunProgress';

/** Refresh button and, while any tab's run is active, its progress. */
export function RefreshControl() {
  const refresh = useRefresh();
  const { run, active } = useRunProgress();
  return (
    <div className="refresh-control">
      {active && run ? <RunProgress run={run} /> : null}
      <button
        type="button"
        className="button button-primary"
        onClick={() => refresh.mutate({})}
        title={active ? 'A run is in progress: Refresh joins it' : 'Recompute forecasts and inventory health for the current data'}
      >
        <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" className={refresh.isPending || active ? 'spin' : ''}>
          <path
            fill="none"
            stroke="currentColor"
            strokeWidth="2.2"
            strokeLinecap="round"
            d="M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7"
          />
        </svg>
        Refresh
      </button>
    </div>
  );
}
