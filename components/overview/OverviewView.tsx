'use client';
import { AccuracyAcrossRuns } from '@/components/accuracy/AccuracyAcrossRuns';
import Link from 'next/link';
import { useState } from 'react';
import { HealthChart } from '@/components/charts/HealthChart';
import { InboxPanel } from '@/components/inbox/InboxPanel';
import { NoResults } from '@/components/shell/NoResults';
import { PageHeader } from '@/components/shell/PageHeader';
import { ResultsLine } from '@/components/shell/ResultsLine';
import { Kpi } from '@/components/ui/Kpi';
import { ErrorState, LoadingBlock, Skeleton } from '@/components/ui/states';
import { ClassTag, StatusBadge } from '@/components/ui/StatusBadge';
import { useOverview } from '@/lib/client/overview';
import { formatCount, formatDay, formatDays, formatDecimal, formatPercent, formatQuantity, formatValue } from '@/lib/dashboard/format';
import type { Overview } from '@/lib/dashboard/types';

export function OverviewView() {
  const overview = useOverview();
  if (overview.isPending) return <OverviewSkeleton />;
  if (overview.isError) return <ErrorState title="Could not load the overview" error={overview.error} onRetry={() => void overview.refetch()} />;
  const data = overview.data;
  if (!data.results || !data.kpis || !data.health) {
    return (
      <>
        <PageHeader title="Overview" subtitle={`Data version ${data.dataVersion}`} />
        <NoResults catalogueItems={data.catalogueItems} />
      </>
    );
  }
  return (
    <div data-ready="overview">
      <PageHeader title="Overview" subtitle={<ResultsLine results={data.results} dataVersion={data.dataVersion} />} />
      <NoStockNotice count={data.kpis.noStock} />
      <InboxPanel />
      <Kpis data={data} />
      <div className="grid-2-1">
        <HealthPanel health={data.health} />
        <AccuracyPanel data={data} />
      </div>
      <AtRiskPanel data={data} />
      <AccuracyAcrossRuns />
    </div>
  );
}

/** Items whose stock was never recorded are not judged: say so, or an empty inbox reads as all well. */
function NoStockNotice({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <div className="notice notice-warning" data-testid="no-stock-notice">
      <p>
        <strong>{count === 1 ? 'One item has' : `${formatCount(count)} items have`} no stock record</strong>: import stock (the
        inventory file) to judge {count === 1 ? 'its' : 'their'} health. Until then {count === 1 ? 'it gets' : 'they get'} no
        suggested order.
      </p>
      <span>
        <Link href="/items?status=no_stock">Show {count === 1 ? 'it' : 'them'}</Link> · <Link href="/data">Import stock</Link>
      </span>
    </div>
  );
}

function Kpis({ data }: { data: Overview }) {
  const k = data.kpis!;
  const accuracy = k.accuracy;
  return (
    <section aria-label="Key figures" className="kpi-grid">
      <Kpi
        label="Items forecast"
        value={formatCount(k.items)}
        detail={k.items === data.catalogueItems ? 'every item in the catalogue' : `of ${formatCount(data.catalogueItems)} in the catalogue`}
        href="/items"
      />
      <Kpi
        label="Stockouts"
        value={formatCount(k.stockouts)}
        detail={`${formatPercent(k.stockouts / Math.max(k.items, 1), 1)} of items, none on hand`}
        tone={k.stockouts > 0 ? 'danger' : 'good'}
        href="/items?status=stockout"
      />
      <Kpi
        label="At risk"
        value={formatCount(k.atRisk)}
        detail="at or below reorder point"
        tone={k.atRisk > 0 ? 'warning' : 'good'}
        href="/items?status=at_risk"
      />
      <Kpi
        label="Excess stock value"
        value={formatValue(k.excessValue)}
        detail={`at unit cost, ${formatCount(k.excessItems)} items over cover (dead stock included)`}
        tone="info"
        href="/items?status=excess&sort=excessValue&dir=desc"
      />
      <Kpi
        label="Forecast accuracy vs naive"
        value={accuracy ? `${formatPercent(Math.abs(1 - accuracy.relativeError))} ${accuracy.relativeError <= 1 ? 'better' : 'worse'}` : '—'}
        detail={
          accuracy
            ? `${accuracy.relativeError <= 1 ? 'less' : 'more'} error than naive; beats it on ${formatPercent(accuracy.beatsNaive)} of items`
            : 'no backtest yet'
        }
        tone={accuracy && accuracy.relativeError < 1 ? 'good' : 'neutral'}
      />
    </section>
  );
}

function HealthPanel({ health }: { health: NonNullable<Overview['health']> }) {
  const [measure, setMeasure] = useState<'items' | 'value'>('items');
  return (
    <section className="panel" aria-labelledby="health-title">
      <div className="panel-head">
        <h2 id="health-title">Inventory health by ABC class</h2>
        <div className="segmented" role="group" aria-label="Measure">
          {(['items', 'value'] as const).map((m) => (
            <button key={m} type="button" aria-pressed={measure === m} onClick={() => setMeasure(m)}>
              {m === 'items' ? 'Items' : 'Annual value'}
            </button>
          ))}
        </div>
      </div>
      <HealthChart health={health} measure={measure} />
    </section>
  );
}

function AccuracyPanel({ data }: { data: Overview }) {
  const a = data.kpis!.accuracy;
  const r = data.results!;
  return (
    <section className="panel" aria-labelledby="accuracy-title">
      <div className="panel-head">
        <h2 id="accuracy-title">Forecast accuracy</h2>
      </div>
      {a ? (
        <dl className="facts">
          <div>
            <dt>Error relative to naive</dt>
            <dd>
              <strong>{formatDecimal(a.relativeError)}</strong>
              <span className="muted"> (geometric mean over {formatCount(a.items)} items; below 1 beats naive)</span>
            </dd>
          </div>
          <div>
            <dt>Items beating naive</dt>
            <dd>
              <div className="meter" aria-hidden="true">
                <span style={{ width: `${a.beatsNaive * 100}%` }} />
              </div>
              {formatPercent(a.beatsNaive)}
            </dd>
          </div>
          <div>
            <dt>Median scaled error</dt>
            <dd>{formatDecimal(a.medianError)} MASE/RMSSE</dd>
          </div>
          <div>
            <dt>Suggested orders</dt>
            <dd>{formatValue(data.kpis!.orderValue)} at unit cost</dd>
          </div>
          <div>
            <dt>Run</dt>
            <dd>
              <Link href="/runs">{r.runId}</Link> <span className="muted">({r.origin === 'cli' ? 'command line' : 'server'})</span>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">No item has a backtest yet: series are too short.</p>
      )}
    </section>
  );
}

function AtRiskPanel({ data }: { data: Overview }) {
  return (
    <section className="panel" aria-labelledby="risk-title">
      <div className="panel-head">
        <h2 id="risk-title">Items most at risk</h2>
        <Link href="/items?status=stockout,at_risk&sort=stockoutIn&dir=asc" className="panel-link">
          All {formatCount(data.kpis!.stockouts + data.kpis!.atRisk)} out of stock or at risk →
        </Link>
      </div>
      {data.atRisk.length === 0 ? (
        <p className="muted">
          {data.kpis!.noStock > 0
            ? `No item with a stock record is out of stock or at risk; ${formatCount(data.kpis!.noStock)} have none, so their stock is not judged.`
            : 'No item is out of stock or at risk. Well stocked!'}
        </p>
      ) : (
        <div className="table-wide">
          <table className="data-table compact">
            <thead>
              <tr>
                <th scope="col">Item</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col">ABC</th>
                <th scope="col" className="num">On hand</th>
                <th scope="col" className="num">Reorder point</th>
                <th scope="col" className="num">Days of supply</th>
                <th scope="col">Projected stockout</th>
                <th scope="col" className="num">Suggested order</th>
              </tr>
            </thead>
            <tbody>
              {data.atRisk.map((item) => (
                <tr key={item.id}>
                  <td>
                    <Link href={`/items/${encodeURIComponent(item.id)}`} className="mono">
                      {item.id}
                    </Link>
                  </td>
                  <td className="truncate">{item.name}</td>
                  <td>
                    <StatusBadge status={item.status} />
                  </td>
                  <td>
                    <ClassTag kind="abc" value={item.abc} />
                  </td>
                  <td className="num">{formatQuantity(item.onHand, item.baseUom)}</td>
                  <td className="num">{formatQuantity(item.reorderPoint, item.baseUom)}</td>
                  <td className="num">{formatDays(item.daysOfSupply, '—')}</td>
                  <td>{formatDay(item.stockoutDay)}</td>
                  <td className="num">{formatQuantity(item.orderQuantity, item.baseUom)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OverviewSkeleton() {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading the overview…</span>
      <div className="page-header">
        <div>
          <Skeleton height={30} width={180} />
          <Skeleton height={14} width={420} />
        </div>
      </div>
      <div className="kpi-grid">
        {[0, 1, 2, 3, 4].map((i) => (
          <div key={i} className="kpi">
            <Skeleton height={12} width="50%" />
            <Skeleton height={30} width="40%" />
            <Skeleton height={12} width="70%" />
          </div>
        ))}
      </div>
      <div className="grid-2-1">
        <LoadingBlock label="Loading the health chart" height={300} />
        <LoadingBlock label="Loading accuracy" height={300} />
      </div>
    </div>
  );
}
