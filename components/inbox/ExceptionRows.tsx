'use client';
import Link from 'next/link';
import type { InboxRow } from '@/lib/actions/inbox';
import { markedBy, useMarkException } from '@/lib/client/inbox';
import { errorMessage } from '@/lib/client/http';
import { formatDay, formatValue } from '@/lib/dashboard/format';
import { KIND_LABELS } from './labels';

/** Ranked exceptions with their reason, action and the handled/snooze buttons. */
export function ExceptionRows({ rows, compact = false }: { rows: readonly InboxRow[]; compact?: boolean }) {
  const mark = useMarkException();
  const send = (row: InboxRow, state: 'handled' | 'snoozed' | 'open') =>
    mark.mutate({ itemId: row.itemId, kind: row.kind, state, by: markedBy(), ...(state === 'snoozed' ? { days: 7 } : {}) });
  return (
    <>
      {mark.isError && (
        <p role="alert" className="error-text">
          Could not save the mark: {errorMessage(mark.error)}
        </p>
      )}
      <div className="table-wide">
        <table className="data-table inbox-table">
          <thead>
            <tr>
              <th scope="col" className="num">
                At stake
              </th>
              <th scope="col">Item</th>
              <th scope="col">Exception</th>
              <th scope="col">Why</th>
              <th scope="col">Action</th>
              {!compact && <th scope="col">Mark</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.kind}:${row.itemId}`} data-item={row.itemId} data-kind={row.kind} data-state={row.state}>
                <td className="num">{formatValue(row.stake)}</td>
                <td>
                  <Link href={`/items/${encodeURIComponent(row.itemId)}`}>{row.itemId}</Link>
                  <div className="small muted">{row.name}</div>
                </td>
                <td>{KIND_LABELS[row.kind]}</td>
                <td className="inbox-reason">{row.reason}</td>
                <td className="inbox-action">{row.action}</td>
                {!compact && (
                  <td className="inbox-mark">
                    {row.state === 'open' ? (
                      <>
                        <button type="button" className="button button-small" onClick={() => send(row, 'handled')}>
                          Handled
                        </button>{' '}
                        <button type="button" className="button button-small button-ghost" onClick={() => send(row, 'snoozed')}>
                          Snooze 7 days
                        </button>
                      </>
                    ) : (
                      <>
                        <span className="small muted">
                          {row.state === 'handled' ? 'Handled' : `Snoozed to ${formatDay(row.mark?.untilDay)}`} by {row.mark?.markedBy},{' '}
                          {new Date(row.mark?.markedAt ?? 0).toISOString().slice(0, 16).replace('T', ' ')}
                        </span>{' '}
                        <button type="button" className="button button-small button-ghost" onClick={() => send(row, 'open')}>
                          Reopen
                        </button>
                      </>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
