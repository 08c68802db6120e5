'use client';
import Link from 'next/link';
import { useInbox } from '@/lib/client/inbox';
import { formatCount, formatValue } from '@/lib/dashboard/format';
import { ExceptionRows } from './ExceptionRows';

const SHOWN = 5;

/** The overview's first panel: the open exceptions with the most money at stake. */
export function InboxPanel() {
  const inbox = useInbox('open', SHOWN);
  if (!inbox.data || inbox.data.runId === null) return null;
  const { counts, openStake, rows } = inbox.data;
  return (
    <section className="panel" aria-labelledby="inbox-title" data-ready="inbox-panel">
      <div className="panel-head">
        <h2 id="inbox-title">Needs action</h2>
        <Link href="/inbox" className="panel-link">
          All {formatCount(counts.open)} open, {formatValue(openStake)} at stake →
        </Link>
      </div>
      {rows.length === 0 ? <p className="muted">Nothing needs action.</p> : <ExceptionRows rows={rows} compact />}
    </section>
  );
}
