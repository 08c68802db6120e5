'use client';
import { NoResults } from '@/components/shell/NoResults';
import { PageHeader } from '@/components/shell/PageHeader';
import { EmptyState, ErrorState, LoadingBlock } from '@/components/ui/states';
import { errorMessage } from '@/lib/client/http';
import { useClearDraft, useExport, useWorksheet } from '@/lib/client/worksheet';
import { formatCount, formatQuantity, formatValue } from '@/lib/dashboard/format';
import { WorksheetTable } from './WorksheetTable';

/** Suggested orders by supplier, editable, with totals, exported as CSV or XLSX for the ERP. */
export function WorksheetView() {
  const sheet = useWorksheet();
  const exporter = useExport();
  const clear = useClearDraft();
  if (sheet.isPending) return <LoadingBlock label="Loading the worksheet" height={400} />;
  if (sheet.isError) return <ErrorState title="Could not load the worksheet" error={sheet.error} onRetry={() => void sheet.refetch()} />;
  const data = sheet.data;
  if (data.runId === null) {
    return (
      <>
        <PageHeader title="Purchase worksheet" />
        <NoResults catalogueItems={0} />
      </>
    );
  }
  const edited = data.lines.filter((l) => l.edited).length;
  return (
    <div data-ready="worksheet">
      <PageHeader
        title="Purchase worksheet"
        subtitle={`${formatCount(data.total.lines)} lines from ${formatCount(data.suppliers.length)} suppliers, ${formatValue(data.total.value)} at cost${edited ? `; ${formatCount(edited)} edited in the draft` : ''}`}
        actions={
          <>
            <button type="button" className="button" disabled={exporter.isPending} onClick={() => exporter.mutate('csv')}>
              Export CSV
            </button>
            <button type="button" className="button button-primary" disabled={exporter.isPending} onClick={() => exporter.mutate('xlsx')}>
              Export XLSX
            </button>
            <button type="button" className="button button-ghost" disabled={edited === 0 || clear.isPending} onClick={() => clear.mutate()}>
              Clear draft
            </button>
          </>
        }
      />
      {(exporter.isError || clear.isError) && (
        <p role="alert" className="error-text">
          {errorMessage(exporter.error ?? clear.error)}
        </p>
      )}
      {data.lines.length === 0 ? (
        <EmptyState title="Nothing to order" />
      ) : (
        <>
          <section className="panel panel-flush" aria-label="Totals by supplier">
            <table className="data-table supplier-totals">
              <thead>
                <tr>
                  <th scope="col">Supplier</th>
                  <th scope="col" className="num">
                    Lines
                  </th>
                  <th scope="col" className="num">
                    Units
                  </th>
                  <th scope="col" className="num">
                    Value
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.suppliers.map((s) => (
                  <tr key={s.supplier} data-supplier={s.supplier}>
                    <td>{s.supplier}</td>
                    <td className="num">{formatCount(s.lines)}</td>
                    <td className="num">{formatQuantity(s.quantity)}</td>
                    <td className="num" data-total={s.value}>
                      {formatValue(s.value)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="panel panel-flush">
            <WorksheetTable lines={data.lines} />
          </section>
        </>
      )}
    </div>
  );
}
