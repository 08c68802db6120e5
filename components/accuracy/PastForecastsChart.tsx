'use client';
import { CartesianGrid, ComposedChart, Line, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, LegendSwatch } from '@/components/charts/ChartFrame';
import { useAccuracy } from '@/lib/client/accuracy';
import { outlierRule } from '@/lib/forecast/engine/outliers';
import { formatAxisDay, formatDay, formatQuantity } from '@/lib/dashboard/format';
import { periodStart, type Period } from '@/lib/inventory/periods';

/** The newest past forecasts drawn; older ones would only crowd the chart. */
const SHOWN = 6;

/** What the item sold against what the last few runs forecast for it, on one time axis. */
export function PastForecastsChart({ itemId, unit }: { itemId: string; unit: string }) {
  const query = useAccuracy(itemId);
  const report = query.data;
  const item = report?.item;
  if (!report?.period || !item || item.forecasts.length === 0) return null;
  const period = report.period as Period;
  const forecasts = item.forecasts.slice(-SHOWN);
  const first = Math.min(...forecasts.map((f) => f.startPeriod));
  const last = Math.max(item.actual.startPeriod + item.actual.values.length - 1, ...forecasts.map((f) => f.startPeriod + f.final.length - 1));
  const rows: Record<string, number | null>[] = [];
  for (let p = Math.max(first - 8, item.actual.startPeriod); p <= last; p++) {
    const row: Record<string, number | null> = { day: periodStart(period, p), actual: item.actual.values[p - item.actual.startPeriod] ?? null };
    forecasts.forEach((f, k) => (row[`f${k}`] = f.final[p - f.startPeriod] ?? null));
    rows.push(row);
  }
  // A forecast is measured once its first period has sales; until then the chart shows only plans.
  const measured = forecasts.some((f) => f.startPeriod < item.actual.startPeriod + item.actual.values.length);
  const shade = (k: number) => `color-mix(in srgb, var(--series-forecast) ${Math.round(35 + (65 * (k + 1)) / forecasts.length)}%, transparent)`;
  return (
    <section className="panel" aria-labelledby="past-forecasts-title">
      <div className="panel-head">
        <h2 id="past-forecasts-title">Past forecasts against what happened</h2>
      </div>
      {measured ? null : <p className="muted">No sales yet for the periods these runs forecast: each is drawn against what sold as the sales come in.</p>}
      {item.typedWrong ? (
        <p className="muted" data-testid="accuracy-typed-wrong">
          The {period} of {formatDay(item.typedWrong.startDay)}, {formatQuantity(item.typedWrong.demand, unit)}, is {outlierRule(period)}: a quantity typed wrong, left out of the
          accuracy figures as it is of the forecast (about {formatQuantity(item.typedWrong.typical, unit)} around it).
        </p>
      ) : null}
      <ChartFrame
        id="past-forecasts-chart"
        name="Past forecasts chart"
        summary={`What ${itemId} sold per ${period} and the final forecasts of the last ${forecasts.length} runs.`}
        legend={
          <>
            <LegendSwatch color="var(--series-history)" label={`Actual demand (${unit} per ${period})`} kind="line" />
            <LegendSwatch color="var(--series-forecast)" label="Past forecasts (darker: newer)" kind="line" />
          </>
        }
      >
        <ComposedChart data={rows} width="100%" height={260} responsive margin={{ top: 12, right: 20, bottom: 4, left: 4 }} accessibilityLayer={false}>
          <CartesianGrid stroke="var(--grid)" vertical={false} />
          <XAxis dataKey="day" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(d) => formatAxisDay(Number(d), false)} stroke="var(--axis)" tickLine={false} />
          <YAxis stroke="var(--axis)" tickLine={false} axisLine={false} width={56} />
          <Tooltip
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--fg)' }}
            labelFormatter={(d) => formatDay(Number(d))}
            formatter={(value, name) => [`${formatQuantity(Number(value))} ${unit}`, String(name)]}
          />
          <Line dataKey="actual" name="Actual demand" stroke="var(--series-history)" strokeWidth={2} dot={false} isAnimationActive={false} />
          {forecasts.map((f, k) => (
            <Line key={f.runId} dataKey={`f${k}`} name={`Run ${f.runId}`} stroke={shade(k)} strokeWidth={1.4} dot={false} isAnimationActive={false} connectNulls={false} />
          ))}
        </ComposedChart>
      </ChartFrame>
    </section>
  );
}
