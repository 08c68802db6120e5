'use client';
import { useAccuracy } from '@/lib/client/accuracy';
import { formatCount, formatDecimal } from '@/lib/dashboard/format';
import { outlierRule } from '@/lib/forecast/engine/outliers';
import { AccuracyOverTimeChart } from './AccuracyOverTimeChart';

const signed = (x: number | null) => (x === null ? '—' : `${x > 0 ? '+' : ''}${formatDecimal(x)}`);

/**
 * How right past runs were, now that sales for their forecast periods are in: by lag, the mean
 * absolute error of the final forecast, its bias, MASE against the naive forecast made at the
 * same time, and the value added by overrides (statistical error − final) and by the engine
 * (naive error − statistical), and the same per past run over time (the chart). `itemId` limits it to one item.
 */
export function AccuracyAcrossRuns({ itemId }: { itemId?: string }) {
  const query = useAccuracy(itemId);
  const report = query.data;
  const lags = (report?.lags ?? []).filter((l) => l.n > 0);
  return (
    <section className="panel" aria-labelledby="accuracy-runs-title" data-testid="accuracy-across-runs">
      <div className="panel-head">
        <h2 id="accuracy-runs-title">Accuracy across runs</h2>
        <span className="panel-note">{report ? `${report.snapshots} past runs kept` : ''} · lag = periods ahead the forecast was made</span>
      </div>
      <AccuracyOverTimeChart runs={report?.runs ?? []} />
      {report && report.typedWrong > 0 ? (
        <p className="muted" data-testid="accuracy-typed-wrong">
          {report.typedWrong === 1 ? 'One item has' : `${formatCount(report.typedWrong)} items have`} a {report.period ?? 'period'} whose demand is {outlierRule(report.period ?? 'period')}, a
          quantity typed wrong: left out of these figures as it is of the forecasts (the Runs page names {report.typedWrong === 1 ? 'it' : 'them'}).
        </p>
      ) : null}
      {lags.length === 0 ? (
        <p className="muted">No sales yet for the periods that past runs forecast: accuracy appears as they come in.</p>
      ) : (
        <table className="data-table compact">
          <thead>
            <tr>
              <th scope="col">Lag</th>
              <th scope="col" className="num">Pairs</th>
              <th scope="col" className="num">Error (MAE)</th>
              <th scope="col" className="num">Bias</th>
              <th scope="col" className="num">MASE</th>
              <th scope="col" className="num" title="Statistical error minus final error: positive when overrides helped">
                Value added by overrides
              </th>
              <th scope="col" className="num" title="Naive error minus statistical error: positive when the engine beat naive">
                Value added by the engine
              </th>
            </tr>
          </thead>
          <tbody>
            {lags.map((l) => (
              <tr key={l.lag}>
                <td>{l.lag}</td>
                <td className="num">{l.n}</td>
                <td className="num">{formatDecimal(l.maeFinal)}</td>
                <td className="num">{signed(l.biasFinal)}</td>
                <td className="num">{formatDecimal(l.mase)}</td>
                <td className="num">{signed(l.fvaOverrides)}</td>
                <td className="num">{signed(l.fvaStatistical)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
