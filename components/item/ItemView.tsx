'use client';
import Link from 'next/link';
import { ForecastChart } from '@/components/charts/ForecastChart';
import { ProjectionChart } from '@/components/charts/ProjectionChart';
import { PageHeader } from '@/components/shell/PageHeader';
import { ResultsLine } from '@/components/shell/ResultsLine';
import { Kpi } from '@/components/ui/Kpi';
import { EmptyState, ErrorState, LoadingBlock, Skeleton } from '@/components/ui/states';
import { ClassTag, StatusBadge } from '@/components/ui/StatusBadge';
import { ApiError } from '@/lib/client/http';
import { useItemDetail } from '@/lib/client/item-detail';
import { formatDay, formatDays, formatDecimal, formatQuantity, formatValue } from '@/lib/dashboard/format';
import { GRADE_HINT } from '@/lib/dashboard/labels';
import { modelName } from '@/lib/dashboard/method-names';
import type { ItemDetail, ItemForecast } from '@/lib/dashboard/types';
import { ItemFactsPanel } from './ItemFactsPanel';
import { Leaderboard } from './Leaderboard';
import { ModelPin } from './ModelPin';
import { OverridePanel } from './OverridePanel';
import { PastForecastsChart } from '@/components/accuracy/PastForecastsChart';

const PERIOD_DAYS = { day: 1, week: 7, month: 365.2425 / 12 } as const;

export function ItemView({ id }: { id: string }) {
  const query = useItemDetail(id);
  if (query.isPending) return <ItemSkeleton id={id} />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 404) {
      return (
        <EmptyState title={`No item ${id}`} actions={<Link className="button" href="/items">Back to items</Link>}>
          <p>There is no item with this code in the current data.</p>
        </EmptyState>
      );
    }
    return <ErrorState title={`Could not load item ${id}`} error={query.error} onRetry={() => void query.refetch()} />;
  }
  const { item, forecast } = query.data;
  return (
    <div data-ready="item">
      <PageHeader
        eyebrow={
          <nav aria-label="Breadcrumb" className="breadcrumb">
            <Link href="/items">Items</Link> <span aria-hidden="true">/</span> <span className="mono">{item.id}</span>
          </nav>
        }
        title={
          <>
            {item.name || item.id}{' '}
            {forecast ? (
              <span className="title-tags">
                <StatusBadge status={forecast.status} />
                <ClassTag kind="abc" value={forecast.abc} title={`ABC class ${forecast.abc} by annual value`} />
                <ClassTag kind="xyz" value={forecast.xyz} title={`XYZ class ${forecast.xyz} by demand variability`} />
              </span>
            ) : null}
          </>
        }
        subtitle={forecast ? <ResultsLine results={forecast.results} dataVersion={query.data.dataVersion} /> : `${item.id} · ${item.category}`}
      />
      {forecast ? <ItemResults detail={query.data} forecast={forecast} /> : <NoForecast detail={query.data} />}
    </div>
  );
}

/**
 * The demand the days of supply are counted against: the forecast over those days (on hand ÷
 * days), not the horizon's mean, which a season or an override ahead can put far from it.
 */
function supplyRate(forecast: ItemForecast, unit: string): string {
  const days = forecast.daysOfSupply;
  if (days !== null && days > 0 && forecast.onHand > 0) return `${formatQuantity(forecast.onHand / days, unit)} per day forecast over them`;
  return `${formatQuantity(forecast.dailyDemand, unit)} per day forecast over the horizon`;
}

function ItemResults({ detail, forecast }: { detail: ItemDetail; forecast: ItemForecast }) {
  const { item } = detail;
  const unit = item.baseUom;
  const period = forecast.results.period;
  // No stock record: what is on hand, and so how long it lasts, is unknown; the policy figures are not.
  const unrecorded = forecast.status === 'no_stock';
  return (
    <>
      <section aria-label="Inventory figures" className="kpi-grid kpi-grid-6">
        {unrecorded ? (
          <Kpi label="On hand" value="Unknown" detail="no stock record: import stock to judge its health" tone="warning" />
        ) : (
          <Kpi label="On hand" value={formatQuantity(forecast.onHand, unit)} detail={forecast.onOrder > 0 ? `+ ${formatQuantity(forecast.onOrder, unit)} on order` : 'nothing on order'} />
        )}
        <Kpi label="Reorder point" value={formatQuantity(forecast.reorderPoint, unit)} detail={`${formatQuantity(forecast.demandOverLeadTime, unit)} lead-time demand`} />
        <Kpi label="Safety stock" value={formatQuantity(forecast.safetyStock, unit)} detail={`for ${Math.round(forecast.serviceLevel * 1000) / 10}% service`} />
        <Kpi
          label="Days of supply"
          value={unrecorded ? 'Unknown' : formatDays(forecast.daysOfSupply, '10+ years')}
          detail={supplyRate(forecast, unit)}
        />
        {unrecorded ? (
          <Kpi label="Projected stockout" value="Unknown" detail="no stock record" />
        ) : (
          <Kpi
            label="Projected stockout"
            value={forecast.stockoutDay === null ? 'None' : forecast.stockoutDay <= forecast.results.asOfDay ? 'Now' : formatDay(forecast.stockoutDay)}
            detail={
              forecast.stockoutDay === null
                ? 'not within ten years'
                : forecast.stockoutDay <= forecast.results.asOfDay
                  ? `out of stock on ${formatDay(forecast.results.asOfDay)}`
                  : `in ${formatDays(forecast.stockoutDay - forecast.results.asOfDay)}, lead time ${formatDays(item.leadTimeDays)}`
            }
            tone={forecast.stockoutDay !== null && forecast.stockoutDay < forecast.results.asOfDay + item.leadTimeDays ? 'danger' : 'neutral'}
          />
        )}
        <Kpi
          label="Suggested order"
          value={forecast.orderQuantity > 0 ? formatQuantity(forecast.orderQuantity, unit) : 'None'}
          detail={
            unrecorded
              ? 'none until stock is recorded'
              : forecast.excessUnits > 0
                ? `${formatQuantity(forecast.excessUnits, unit)} excess (${formatValue(forecast.excessValue)})`
                : item.casePack
                  ? `in cases of ${item.casePack}`
                  : 'no case pack'
          }
          tone={forecast.orderQuantity > 0 ? 'warning' : 'neutral'}
        />
      </section>

      <section className="panel" aria-labelledby="forecast-title">
        <div className="panel-head">
          <h2 id="forecast-title">Demand forecast</h2>
          <span className="panel-note">
            {modelName(forecast.model)} <code className="model-code">{forecast.model}</code> · {forecast.errorKind.toUpperCase()}{' '}
            {formatDecimal(forecast.error)} vs {modelName(forecast.choice.benchmark).toLowerCase()} {formatDecimal(forecast.naiveError)}
            {forecast.seasonal ? ' · seasonal' : ''}
            {forecast.choice.pinned ? ' · pinned by an analyst' : ''}
          </span>
        </div>
        <ForecastChart forecast={forecast} unit={unit} periodWord={period} />
      </section>

      <OverridePanel itemId={item.id} unit={unit} forecastDay={forecast.forecastDay} />
      <PastForecastsChart itemId={item.id} unit={unit} />

      <div className="grid-2-1">
        <section className="panel" aria-labelledby="projection-title">
          <div className="panel-head">
            <h2 id="projection-title">Inventory projection</h2>
            <span className="panel-note">on hand + on order against forecast demand</span>
          </div>
          <ProjectionChart forecast={forecast} unit={unit} periodDays={PERIOD_DAYS[period]} orderDueDay={item.stock?.onOrderDueDay ?? null} />
        </section>
        <section className="panel" aria-labelledby="facts-title">
          <div className="panel-head">
            <h2 id="facts-title">Item facts</h2>
          </div>
          <ItemFactsPanel item={item} />
        </section>
      </div>

      <div className="grid-2-1">
        <section className="panel" aria-labelledby="leaderboard-title">
          <div className="panel-head">
            <h2 id="leaderboard-title">Forecast tournament</h2>
            <span className="panel-note">rolling-origin backtest, lowest error first</span>
          </div>
          <Leaderboard forecast={forecast} />
          <ModelPin itemId={item.id} candidates={forecast.leaderboard} applied={forecast.choice.pinned} resultsStartedAt={forecast.results.startedAt} />
        </section>
        <section className="panel" aria-labelledby="confidence-title">
          <div className="panel-head">
            <h2 id="confidence-title">Confidence</h2>
          </div>
          <div className="grade-card">
            <span className={`grade-big tag-grade-${forecast.confidence}`} aria-label={`Confidence grade ${forecast.confidence}`}>
              {forecast.confidence}
            </span>
            <p>{GRADE_HINT[forecast.confidence] ?? ''}</p>
          </div>
          <dl className="facts">
            <div>
              <dt>History</dt>
              <dd>
                {forecast.history.length} {period}s from {formatDay(forecast.historyDay[0])}
              </dd>
            </div>
            <div>
              <dt>Last sale</dt>
              <dd>{formatDay(forecast.lastSaleDay)}</dd>
            </div>
            <div>
              <dt>Annual value</dt>
              <dd>{formatValue(forecast.annualValue)} at unit cost</dd>
            </div>
            <div>
              <dt>Target cover</dt>
              <dd>{formatQuantity(forecast.targetCover, unit)}</dd>
            </div>
          </dl>
        </section>
      </div>
    </>
  );
}

function NoForecast({ detail }: { detail: ItemDetail }) {
  return (
    <div className="grid-2-1">
      <EmptyState title="No forecast for this item yet">
        <p>The latest results do not include it: it was added after the last run. Refresh to compute it.</p>
      </EmptyState>
      <section className="panel" aria-labelledby="facts-title">
        <div className="panel-head">
          <h2 id="facts-title">Item facts</h2>
        </div>
        <ItemFactsPanel item={detail.item} />
      </section>
    </div>
  );
}

function ItemSkeleton({ id }: { id: string }) {
  return (
    <div role="status" aria-live="polite">
      <span className="visually-hidden">Loading item {id}…</span>
      <div className="page-header">
        <div>
          <Skeleton height={12} width={120} />
          <Skeleton height={30} width={260} />
          <Skeleton height={14} width={420} />
        </div>
      </div>
      <div className="kpi-grid kpi-grid-6">
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <div key={i} className="kpi">
            <Skeleton height={12} width="50%" />
            <Skeleton height={26} width="60%" />
          </div>
        ))}
      </div>
      <LoadingBlock label="Loading the forecast chart" height={360} />
    </div>
  );
}
