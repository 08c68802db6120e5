'use client';
import Link from 'next/link';
import { PageHeader } from '@/components/shell/PageHeader';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { useCancelRun } from '@/lib/client/cancel-run';
import { errorMessage } from '@/lib/client/http';
import { startedBy } from '@/lib/client/progress/describe';
import { isActive, progressStore } from '@/lib/client/progress/store';
import { useRunProgress } from '@/lib/client/progress/use-progress';
import { useRuns } from '@/lib/client/runs';
import { formatCount, formatDay, formatDuration, formatQuantity, formatTime } from '@/lib/dashboard/format';
import { outlierRule } from '@/lib/forecast/engine/outliers';
import { regularDemandBy, type PoolDecision } from '@/lib/dashboard/method-names';
import type { RunJson } from '@/lib/service/types';

const STATUS_TEXT: Record<RunJson['status'], string> = {
  queued: 'Queued',
  running: 'Running',
  succeeded: 'Succeeded',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function duration(run: RunJson, now: number): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return (end - Date.parse(run.startedAt)) / 1000;
}

/** Recent runs (server and command line), the live one merged with the shared progress. */
export function RunsView() {
  const runs = useRuns();
  const progress = useRunProgress();
  const cancel = useCancelRun();
  if (runs.isPending) return <LoadingBlock label="Loading runs" height={400} />;
  if (runs.isError) return <ErrorState title="Could not load runs" error={runs.error} onRetry={() => void runs.refetch()} />;
  const live = progress.run;
  let list = runs.data.map((r) => (live && r.runId === live.runId ? { ...r, ...live } : r));
  if (live && isActive(live) && !list.some((r) => r.runId === live.runId)) list = [live, ...list];
  const now = Date.now();
  return (
    <div data-ready="runs">
      <PageHeader title="Runs" subtitle="Pipeline runs of this data folder, newest first: from this server and from the command line." />
      {list.length === 0 ? (
        <EmptyState title="No runs yet">
          <p>Press Refresh to run the pipeline, or run `stockcast run` on the command line.</p>
        </EmptyState>
      ) : (
        <section className="panel panel-flush">
          <div className="table-wide">
            <table className="data-table runs-table">
              <thead>
                <tr>
                  <th scope="col">Started</th>
                  <th scope="col">Status</th>
                  <th scope="col">Started by</th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    Items
                  </th>
                  <th scope="col">Key</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {list.map((run) => {
                  const active = isActive(run);
                  return (
                    <tr key={run.runId} className={active ? 'row-active' : undefined}>
                      <td>
                        <time dateTime={run.startedAt ?? undefined} title={run.runId}>
                          {formatTime(run.startedAt)}
                        </time>
                        <div className="mono small muted">{run.runId}</div>
                      </td>
                      <td>
                        <span className={`badge run-${run.status}`}>
                          <span className="dot" aria-hidden="true" />
                          {STATUS_TEXT[run.status]}
                        </span>
                      </td>
                      <td>{startedBy(run)}</td>
                      <td className="num">{formatDuration(duration(run, now))}</td>
                      <td className="num">
                        {run.total > 0 ? `${formatCount(run.done)} / ${formatCount(run.total)}` : formatCount(run.done)}
                      </td>
                      <td className="mono small">{run.key}</td>
                      <td className="run-details">
                        {active ? (
                          <div className="run-live">
                            {live && live.runId === run.runId ? <RunProgressInline run={live} /> : null}
                            {run.origin === 'server' ? (
                              <button
                                type="button"
                                className="link-button"
                                onClick={() => cancel.mutate(run.runId, { onError: (e) => progressStore.requestFailed(errorMessage(e)) })}
                              >
                                Cancel
                              </button>
                            ) : null}
                          </div>
                        ) : run.error ? (
                          <span className="error-text">{run.error}</span>
                        ) : (
                          <RunSummaryText run={run} />
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </div>
  );
}

/** The header already shows the one progressbar; this is its text form for the table. */
function RunProgressInline({ run }: { run: RunJson }) {
  return (
    <span className="muted">
      {run.stage} {run.total > 0 ? `${Math.round((run.done / run.total) * 100)}%` : ''}
    </span>
  );
}

function RunSummaryText({ run }: { run: RunJson }) {
  const summary = run.summary as
    | {
        statusCounts?: Record<string, number>;
        cached?: boolean;
        computed?: number;
        items?: number;
        pool?: PoolDecision;
        setAside?: { items: number; itemIds: string[] };
        outliers?: { items: number; listed: OutlierPeriod[] };
        params?: { period?: string };
      }
    | undefined;
  if (!summary?.statusCounts) return <span className="muted">—</span>;
  const c = summary.statusCounts;
  return (
    <>
      <span className="muted small">
        {formatCount(c.stockout ?? 0)} stockout · {formatCount(c.at_risk ?? 0)} at risk · {formatCount(c.excess ?? 0)} excess
        {c.no_stock ? ` · ${formatCount(c.no_stock)} no stock record` : ''}
        {summary.computed !== undefined && summary.items !== undefined && summary.computed < summary.items
          ? ` · resumed (${formatCount(summary.items - summary.computed)} kept)`
          : ''}
      </span>
      {summary.pool ? <div className="muted small run-pool">{regularDemandBy(summary.pool)}</div> : null}
      {summary.setAside ? <SetAside {...summary.setAside} /> : null}
      {summary.outliers ? <Outliers {...summary.outliers} periodWord={summary.params?.period ?? 'period'} /> : null}
    </>
  );
}

interface OutlierPeriod {
  itemId: string;
  day: string;
  demand: number;
  typical: number;
}

/** Items with a period far beyond any other of theirs, which their forecast left out: a quantity to check. */
function Outliers({ items, listed, periodWord }: { items: number; listed: OutlierPeriod[]; periodWord: string }) {
  return (
    <div className="small run-pool">
      A {periodWord}&apos;s demand {outlierRule(periodWord)} left out of its forecast (a quantity typed wrong? import the corrected sales with “Sales replace what is stored” ticked) for{' '}
      {listed.map((o, k) => (
        <span key={o.itemId}>
          {k > 0 ? ', ' : ''}
          <Link href={`/items/${encodeURIComponent(o.itemId)}`}>{o.itemId}</Link> ({periodWord} of {formatDay(Date.parse(o.day) / 86_400_000)}: {formatQuantity(o.demand)}, about{' '}
          {formatQuantity(o.typical)} around it)
        </span>
      ))}
      {items > listed.length ? ` and ${formatCount(items - listed.length)} more` : ''}
    </div>
  );
}

/** Items whose sales before a year or more of silence the run left out: a relaunch, or a mistyped year to correct. */
function SetAside({ items, itemIds }: { items: number; itemIds: string[] }) {
  return (
    <div className="small run-pool">
      Sales before a silence of a year or more left out (a relaunch, or a year typed wrong) for{' '}
      {itemIds.map((id, k) => (
        <span key={id}>
          {k > 0 ? ', ' : ''}
          <Link href={`/items/${encodeURIComponent(id)}`}>{id}</Link>
        </span>
      ))}
      {items > itemIds.length ? ` and ${formatCount(items - itemIds.length)} more` : ''}
    </div>
  );
}
