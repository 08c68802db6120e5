'use client';
import { useState } from 'react';
import { NoResults } from '@/components/shell/NoResults';
import { PageHeader } from '@/components/shell/PageHeader';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { INBOX_STATES, type InboxState } from '@/lib/actions/states';
import { markedBy, setMarkedBy, useInbox } from '@/lib/client/inbox';
import { formatCount, formatValue } from '@/lib/dashboard/format';
import { ExceptionRows } from './ExceptionRows';
import { PolicyEditor } from './PolicyEditor';

const SHOWN = 500;

/** The exceptions inbox: what needs action, ranked by money at stake, with handled/snoozed marks. */
export function InboxView() {
  const [state, setState] = useState<InboxState>('open');
  const inbox = useInbox(state, SHOWN);
  if (inbox.isPending) return <LoadingBlock label="Loading the inbox" height={400} />;
  if (inbox.isError) return <ErrorState title="Could not load the inbox" error={inbox.error} onRetry={() => void inbox.refetch()} />;
  const data = inbox.data;
  if (data.runId === null) {
    return (
      <>
        <PageHeader title="Inbox" />
        <NoResults catalogueItems={0} />
      </>
    );
  }
  return (
    <div data-ready="inbox">
      <PageHeader
        title="Inbox"
        subtitle={`${formatCount(data.counts.open)} exceptions open, ${formatValue(data.openStake)} at stake; ranked by money at stake`}
        actions={
          <label className="small">
            Marked by{' '}
            <input type="text" defaultValue={markedBy()} maxLength={80} aria-label="Marked by" onBlur={(e) => setMarkedBy(e.currentTarget.value)} />
          </label>
        }
      />
      <div className="segmented" role="group" aria-label="Show">
        {INBOX_STATES.map((s) => (
          <button key={s} type="button" aria-pressed={state === s} onClick={() => setState(s)}>
            {s === 'all' ? 'All' : `${s[0]!.toUpperCase()}${s.slice(1)} (${formatCount(data.counts[s])})`}
          </button>
        ))}
      </div>
      {data.rows.length === 0 ? (
        <EmptyState title={state === 'open' ? 'Nothing needs action' : `No ${state} exceptions`} />
      ) : (
        <section className="panel panel-flush">
          <ExceptionRows rows={data.rows} />
          {data.total > data.rows.length && (
            <p className="small muted">
              The first {formatCount(data.rows.length)} of {formatCount(data.total)} shown.
            </p>
          )}
        </section>
      )}
      <PolicyEditor />
    </div>
  );
}
