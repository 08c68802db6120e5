'use client';
import { useEffect, useState } from 'react';
import { formatAgo, formatDay, formatTime } from '@/lib/dashboard/format';
import type { ResultsInfo } from '@/lib/dashboard/types';

/** "Results of run R, finished 5 min ago (Nov 23, 14:05) · data version 3 · weekly, 26 weeks ahead". */
export function ResultsLine({ results, dataVersion }: { results: ResultsInfo; dataVersion: number }) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  const period = { day: 'daily', week: 'weekly', month: 'monthly' }[results.period];
  const stale = results.dataVersion < dataVersion;
  return (
    <span className="results-line" data-results-run={results.runId} data-version={dataVersion}>
      <span>
        Last run{' '}
        <time dateTime={results.finishedAt} title={results.runId}>
          {formatTime(results.finishedAt, false)}
        </time>
        {now !== null ? <span className="muted"> ({formatAgo(results.finishedAt, now)})</span> : null}
      </span>
      <span aria-hidden="true">·</span>
      <span>
        data version <strong>{dataVersion}</strong>
      </span>
      <span aria-hidden="true">·</span>
      <span>
        {period}, {results.horizon} {results.period}s ahead from {formatDay(results.asOfDay)}
      </span>
      {stale ? (
        <span className="pill pill-warning" title={`Results were computed from data version ${results.dataVersion}`}>
          Data changed since this run: Refresh to update
        </span>
      ) : null}
    </span>
  );
}
