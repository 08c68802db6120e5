'use client';
import { LoadDemoButton } from '@/components/shell/LoadDemoButton';
import { PageHeader } from '@/components/shell/PageHeader';
import { Kpi } from '@/components/ui/Kpi';
import { ErrorState, LoadingBlock, Skeleton } from '@/components/ui/states';
import { useDataSummary } from '@/lib/client/data-summary';
import { useOverview } from '@/lib/client/overview';
import { useRefresh } from '@/lib/client/refresh';
import { useSalesSummary } from '@/lib/client/sales-summary';
import { formatCount, formatDay, formatTime } from '@/lib/dashboard/format';
import { UploadPanel } from './UploadPanel';

export function DataView() {
  const summary = useDataSummary();
  const sales = useSalesSummary();
  const overview = useOverview();
  const refresh = useRefresh();
  if (summary.isPending) return <LoadingBlock label="Loading data summary" height={400} />;
  if (summary.isError) return <ErrorState title="Could not load the data summary" error={summary.error} onRetry={() => void summary.refetch()} />;
  const d = summary.data;
  const resultsVersion = overview.data?.results?.dataVersion ?? null;
  const stale = d.items > 0 && (resultsVersion === null || resultsVersion < d.dataVersion);
  const empty = d.items === 0 && d.imports.length === 0;
  return (
    <div data-ready="data">
      <PageHeader
        title="Data"
        subtitle={
          <>
            Data version <strong data-testid="data-version">{d.dataVersion}</strong>
            {sales.data && sales.data.rows > 0 ? ` · sales from ${formatDay(sales.data.firstDay)} to ${formatDay(sales.data.lastDay)}` : ''}
          </>
        }
      />
      {empty ? (
        <div className="notice notice-info">
          <p>
            <strong>No data yet.</strong> Upload your items, units of measure, sales and stock below, or load the demo data
            set to look around.
          </p>
          <LoadDemoButton />
        </div>
      ) : null}
      {stale ? (
        <div className="notice notice-warning">
          <p>
            {resultsVersion === null
              ? 'No forecasts have been computed for this data yet.'
              : `Forecasts are from data version ${resultsVersion}; the data has changed since.`}
          </p>
          <button type="button" className="button" onClick={() => refresh.mutate({})}>
            Refresh forecasts
          </button>
        </div>
      ) : null}
      <section aria-label="Store contents" className="kpi-grid">
        <Kpi label="Data version" value={formatCount(d.dataVersion)} detail="rises with every change: imports, events, overrides, pins, policy" />
        <Kpi label="Items" value={formatCount(d.items)} detail="in the catalogue" />
        <Kpi
          label="Sales rows"
          value={sales.data ? formatCount(sales.data.rows) : <Skeleton height={26} width="60%" />}
          detail={
            sales.isError
              ? 'could not be counted'
              : sales.data
                ? sales.data.rows > 0
                  ? `${formatCount(sales.data.lastDay! - sales.data.firstDay! + 1)} days`
                  : 'none yet'
                : 'counting…'
          }
        />
        <Kpi label="Stock records" value={formatCount(d.stockRecords)} detail="on hand and on order" />
        <Kpi label="Unit factors" value={formatCount(d.unitFactors)} detail="conversions to base units" />
      </section>
      <UploadPanel />
      <section className="panel" aria-labelledby="imports-title">
        <div className="panel-head">
          <h2 id="imports-title">Imported files</h2>
          <span className="panel-note">the same bytes imported again change nothing, unless they replace sales days</span>
        </div>
        {d.imports.length === 0 ? (
          <div className="muted">
            <p>No files imported yet. The demo data set can also be written and imported from the command line:</p>
            <pre className="code-block">npx stockcast demo --items 2000 --days 730 --out demo{'\n'}npx stockcast import demo</pre>
          </div>
        ) : (
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col" className="num">
                  Rows
                </th>
                <th scope="col">Imported</th>
                <th scope="col" className="num">
                  Data version
                </th>
              </tr>
            </thead>
            <tbody>
              {d.imports.map((f, i) => (
                <tr key={`${f.name}-${f.importedAt}-${i}`}>
                  <td>{f.name}</td>
                  <td>{f.kind}</td>
                  <td className="num">{formatCount(f.rows)}</td>
                  <td>{formatTime(f.importedAt, false)}</td>
                  <td className="num">{f.dataVersion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
