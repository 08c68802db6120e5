'use client';
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame, LegendSwatch } from '@/components/charts/ChartFrame';
import type { AccuracyReport } from '@/lib/accuracy/report';
import { formatAxisDay, formatDay, formatPercent } from '@/lib/dashboard/format';

type RunRow = AccuracyReport['runs'][number];
const NAMES: Record<string, string> = {
  errorFinal: 'Error (final forecast)',
  errorStatistical: 'Error (statistical forecast)',
  biasFinal: 'Bias',
  fvaOverrides: 'Value added by overrides',
};

/**
 * Accuracy over time: per past run (by the first period it forecast), the error of its final and
 * statistical forecasts and its bias over the periods whose sales are known since, and the value
 * its overrides added (statistical error − final error), all as shares of the actual demand.
 * Runs without any known period yet are left out.
 */
export function AccuracyOverTimeChart({ runs }: { runs: readonly RunRow[] }) {
  const rows = runs.filter((r) => r.n > 0 && r.errorFinal !== null);
  if (rows.length === 0) return null;
  const last = rows[rows.length - 1]!;
  const summary =
    `${rows.length} past run${rows.length === 1 ? "" : "s"} with known sales. Latest, forecast from ${formatDay(last.startDay)}: error ${formatPercent(last.errorFinal, 1)} of demand, ` +
    `bias ${formatPercent(last.biasFinal, 1)}, value added by overrides ${formatPercent(last.fvaOverrides, 1)}.`;
  return (
    <ChartFrame
      id="accuracy-over-time-chart"
      name="Accuracy over time chart"
      summary={summary}
      legend={
        <>
          <LegendSwatch color="var(--series-forecast)" label={NAMES.errorFinal!} kind="line" />
          <LegendSwatch color="var(--series-statistical)" label={NAMES.errorStatistical!} kind="dash" />
          <LegendSwatch color="var(--bad)" label={`${NAMES.biasFinal} (+ too high)`} kind="line" />
          <LegendSwatch color="var(--good)" label={`${NAMES.fvaOverrides} (+ helped)`} />
        </>
      }
    >
      <ComposedChart data={rows} width="100%" height={240} responsive margin={{ top: 12, right: 20, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="startDay"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          padding={{ left: 16, right: 16 }}
          tickFormatter={(d) => formatAxisDay(Number(d), false)}
          stroke="var(--axis)"
          tickLine={false}
        />
        <YAxis tickFormatter={(v: number) => formatPercent(v)} stroke="var(--axis)" tickLine={false} axisLine={false} width={56} />
        <ReferenceLine y={0} stroke="var(--axis)" />
        <Tooltip
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--fg)' }}
          labelFormatter={(d) => `Run forecasting from ${formatDay(Number(d))}`}
          formatter={(value, name) => [formatPercent(Number(value), 1), NAMES[String(name)] ?? String(name)]}
        />
        <Bar dataKey="fvaOverrides" fill="var(--good)" barSize={10} isAnimationActive={false} />
        <Line dataKey="errorFinal" stroke="var(--series-forecast)" strokeWidth={2} dot={{ r: 3 }} isAnimationActive={false} />
        <Line dataKey="errorStatistical" stroke="var(--series-statistical)" strokeWidth={1.5} strokeDasharray="4 3" dot={false} isAnimationActive={false} />
        <Line dataKey="biasFinal" stroke="var(--bad)" strokeWidth={1.5} dot={{ r: 2 }} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}
