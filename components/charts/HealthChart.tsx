'use client';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount, formatValue } from '@/lib/dashboard/format';
import { STATUS_LABEL } from '@/lib/dashboard/labels';
import type { Overview } from '@/lib/dashboard/types';
import { ChartFrame, LegendSwatch } from './ChartFrame';

type Health = NonNullable<Overview['health']>;

/** Items (or annual value) per ABC class, split by health status. */
export function HealthChart({ health, measure }: { health: Health; measure: 'items' | 'value' }) {
  const matrix = measure === 'items' ? health.counts : health.value;
  const rows = health.classes.map((cls, c) => {
    const row: Record<string, number | string> = { cls: `Class ${cls}` };
    health.statuses.forEach((s, si) => (row[s] = matrix[si]![c]!));
    return row;
  });
  const fmt = measure === 'items' ? formatCount : formatValue;
  const summary = health.classes
    .map(
      (cls, c) =>
        `Class ${cls}: ${health.statuses
          .map((s, si) => `${fmt(matrix[si]![c]!)} ${STATUS_LABEL[s].toLowerCase()}`)
          .join(', ')}`,
    )
    .join('. ');
  return (
    <ChartFrame
      id="health-chart"
      name="Inventory health chart"
      summary={`${measure === 'items' ? 'Items' : 'Annual value'} by ABC class and health status. ${summary}.`}
      legend={health.statuses.map((s) => (
        <LegendSwatch key={s} color={`var(--status-${s})`} label={STATUS_LABEL[s]} />
      ))}
    >
      <BarChart
        data={rows}
        layout="vertical"
        width="100%"
        height={230}
        responsive
        margin={{ top: 8, right: 16, bottom: 4, left: 4 }}
        accessibilityLayer={false}
        barCategoryGap="22%"
      >
        <CartesianGrid horizontal={false} stroke="var(--grid)" />
        <XAxis
          type="number"
          tickFormatter={(v: number) => fmt(v)}
          stroke="var(--axis)"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          tickLine={false}
        />
        <YAxis
          type="category"
          dataKey="cls"
          width={64}
          stroke="var(--axis)"
          tick={{ fill: 'var(--fg)', fontSize: 13, fontWeight: 600 }}
          tickLine={false}
          axisLine={false}
        />
        <Tooltip
          cursor={{ fill: 'var(--hover)' }}
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--fg)' }}
          labelStyle={{ color: 'var(--fg)', fontWeight: 600 }}
          formatter={(value, name) => [fmt(Number(value)), STATUS_LABEL[name as keyof typeof STATUS_LABEL] ?? String(name)]}
        />
        {health.statuses.map((s) => (
          <Bar key={s} dataKey={s} stackId="status" fill={`var(--status-${s})`} isAnimationActive={false} />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
