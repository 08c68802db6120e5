'use client';
import { useEffect, useState } from 'react';
import { useCancelRun } from '@/lib/client/cancel-run';
import { errorMessage } from '@/lib/client/http';
import { activeRunLine } from '@/lib/client/progress/describe';
import { isPendingRequest, progressStore } from '@/lib/client/progress/store';
import { useRunProgress } from '@/lib/client/progress/use-progress';
import { formatRate } from '@/lib/dashboard/format';

const NOTICE_MS = 6000;

/**
 * The line under the header: who started the active run and when (or whom this tab waits for),
 * then how it ended: a failure stays until dismissed, success and "already up to date" fade.
 */
export function RunBanner() {
  const { run, active, joinedRunId, outcome, cachedAt, requestError } = useRunProgress();
  const cancel = useCancelRun();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);

  if (active && run) {
    const unit = ['load', 'convert', 'bucket'].includes(run.stage) ? 'rows' : 'items';
    const rate = run.status === 'running' ? formatRate(run.rate, unit) : '';
    const cancellable = run.origin === 'server' && !run.waitingFor && !isPendingRequest(run);
    return (
      <div className="banner banner-active" role="status">
        <span className="pulse" aria-hidden="true" />
        <span className="banner-text">{activeRunLine(run, joinedRunId === run.runId)}</span>
        {rate ? <span className="banner-meta">{rate}</span> : null}
        {cancellable ? (
          <button
            type="button"
            className="link-button"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate(run.runId, { onError: (e) => progressStore.requestFailed(errorMessage(e)) })}
          >
            Cancel run
          </button>
        ) : null}
      </div>
    );
  }
  if (requestError) {
    return (
      <div className="banner banner-error" role="alert">
        <span className="banner-text">Refresh failed: {requestError}</span>
        <button type="button" className="link-button" onClick={() => progressStore.dismissNotices()}>
          Dismiss
        </button>
      </div>
    );
  }
  if (outcome && outcome.status === 'failed') {
    return (
      <div className="banner banner-error" role="alert">
        <span className="banner-text">Run failed: {outcome.error ?? 'no message'}</span>
        <button type="button" className="link-button" onClick={() => progressStore.dismissNotices()}>
          Dismiss
        </button>
      </div>
    );
  }
  if (outcome && now - outcome.at < NOTICE_MS) {
    const text =
      outcome.status === 'cancelled'
        ? `Run cancelled${outcome.error ? `: ${outcome.error}` : ''}`
        : 'Results updated: every open tab now shows the new run';
    return (
      <div className={`banner ${outcome.status === 'cancelled' ? 'banner-warning' : 'banner-success'}`} role="status">
        <span className="banner-text">{text}</span>
      </div>
    );
  }
  if (cachedAt && now - cachedAt < NOTICE_MS) {
    return (
      <div className="banner banner-success" role="status">
        <span className="banner-text">Already up to date: these results match the current data</span>
      </div>
    );
  }
  return null;
}
