'use client';
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxisDay, formatDay, formatQuantity } from '@/lib/dashboard/format';
import type { ItemForecast } from '@/lib/dashboard/types';
import { ChartFrame, LegendSwatch } from './ChartFrame';

interface Row {
  day: number;
  stock: number | null;
  demand?: number | null;
}

/**
 * Projected stock on hand (on hand plus on-order arrivals, less forecast demand) against the
 * safety stock and reorder point, with forecast demand per period and the projected stockout.
 */
export function ProjectionChart({
  forecast,
  unit,
  periodDays,
  orderDueDay,
}: {
  forecast: ItemForecast;
  unit: string;
  periodDays: number;
  orderDueDay: number | null;
}) {
  const asOf = forecast.results.asOfDay;
  const rows: Row[] = [{ day: asOf, stock: forecast.onHand }];
  forecast.forecastDay.forEach((day, k) => {
    const end = Math.round(day + periodDays);
    if (end <= asOf) return;
    rows.push({ day: end, stock: forecast.projected[k] ?? null, demand: forecast.point[k] ?? null });
  });
  const lastDay = rows[rows.length - 1]!.day;
  const stockout = forecast.stockoutDay !== null && forecast.stockoutDay <= lastDay ? forecast.stockoutDay : null;
  const due = orderDueDay !== null && forecast.onOrder > 0 && orderDueDay >= asOf && orderDueDay <= lastDay ? orderDueDay : null;
  const maxY = Math.max(forecast.reorderPoint, forecast.safetyStock, ...rows.map((r) => Math.max(r.stock ?? 0, r.demand ?? 0))) * 1.1;
  const summary =
    `Projected stock from ${formatQuantity(forecast.onHand, unit)} on hand on ${formatDay(asOf)}` +
    (forecast.onOrder > 0 ? ` plus ${formatQuantity(forecast.onOrder, unit)} on order` : '') +
    `; safety stock ${formatQuantity(forecast.safetyStock, unit)}, reorder point ${formatQuantity(forecast.reorderPoint, unit)}; ` +
    (stockout !== null ? `projected stockout on ${formatDay(stockout)}.` : 'no stockout projected within the horizon.');
  return (
    <ChartFrame
      id="projection-chart"
      name="Inventory projection chart"
      summary={summary}
      legend={
        <>
          <LegendSwatch color="var(--series-stock)" label={`Projected on hand (${unit})`} kind="line" />
          <LegendSwatch color="var(--series-demand)" label={`Forecast demand per period`} />
          <LegendSwatch color="var(--line-rop)" label="Reorder point" kind="dash" />
          <LegendSwatch color="var(--line-safety)" label="Safety stock" kind="dash" />
          {stockout !== null ? <LegendSwatch color="var(--status-stockout)" label={`Stockout ${formatDay(stockout)}`} kind="dash" /> : null}
        </>
      }
    >
      <ComposedChart data={rows} width="100%" height={300} responsive margin={{ top: 16, right: 20, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="day"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(d: number) => formatAxisDay(d)}
          stroke="var(--axis)"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          tickLine={false}
          minTickGap={28}
        />
        <YAxis
          domain={[0, Math.max(1, Math.ceil(maxY))]}
          stroke="var(--axis)"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={56}
          tickFormatter={(v: number) => formatQuantity(v)}
        />
        <Tooltip
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--fg)' }}
          labelFormatter={(d) => formatDay(Number(d))}
          formatter={(value, name) => [`${formatQuantity(Number(value))} ${unit}`, String(name)]}
        />
        <Bar dataKey="demand" name="Forecast demand" fill="var(--series-demand)" barSize={8} isAnimationActive={false} />
        <ReferenceLine y={forecast.reorderPoint} stroke="var(--line-rop)" strokeDasharray="6 4" strokeWidth={1.5}
          label={{ value: 'Reorder point', position: 'insideBottomRight', fill: 'var(--line-rop)', fontSize: 12 }} />
        <ReferenceLine y={forecast.safetyStock} stroke="var(--line-safety)" strokeDasharray="6 4" strokeWidth={1.5}
          label={{ value: 'Safety stock', position: 'insideTopRight', fill: 'var(--line-safety)', fontSize: 12 }} />
        {due !== null ? (
          <ReferenceLine x={due} stroke="var(--muted)" strokeDasharray="2 4"
            label={{ value: 'Order due', position: 'insideTopLeft', fill: 'var(--muted)', fontSize: 12 }} />
        ) : null}
        {stockout !== null ? (
          <ReferenceLine x={stockout} stroke="var(--status-stockout)" strokeWidth={2}
            label={{ value: `Stockout ${formatAxisDay(stockout)}`, position: 'insideTopLeft', fill: 'var(--status-stockout)', fontSize: 12, fontWeight: 600 }} />
        ) : null}
        <Line dataKey="stock" name="Projected on hand" stroke="var(--series-stock)" strokeWidth={2.4} dot={false} isAnimationActive={false} />
      </ComposedChart>
    </ChartFrame>
  );
}
