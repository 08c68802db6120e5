'use client';
import { Area, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { formatAxisDay, formatDay, formatQuantity } from '@/lib/dashboard/format';
import type { ItemForecast } from '@/lib/dashboard/types';
import { outlierRule } from '@/lib/forecast/engine/outliers';
import { ChartFrame, LegendSwatch } from './ChartFrame';

interface Row {
  day: number;
  history?: number | null;
  fitted?: number | null;
  /** The actual demand of a period the engine set aside as a promotion-like spike. */
  promotion?: number | null;
  point?: number | null;
  /** The engine's forecast, shown beside the final one where an override changed it. */
  statistical?: number | null;
  band80?: [number, number] | null;
  band95?: [number, number] | null;
}

const band = (lo: number | null | undefined, hi: number | null | undefined): [number, number] | null =>
  lo === null || lo === undefined || hi === null || hi === undefined ? null : [lo, hi];

const peak = (values: (number | null)[]) => values.reduce<number>((m, x) => (x !== null && x > m ? x : m), 0);

/**
 * The y-axis top: room for history, fit, forecast and the 80% band, and for the 95% band only up
 * to a few times the demand seen (a period set aside as a quantity typed wrong left out); a very
 * wide band is cut at the top rather than squashing the history into a line along the axis.
 */
function forecastScale(f: ItemForecast): number {
  // A period set aside as a quantity typed wrong runs off the top rather than flattening the rest.
  const history = f.outlier ? f.history.map((x, k) => (f.historyDay[k] === f.outlier!.day ? null : x)) : f.history;
  const level = Math.max(peak(history), peak(f.fitted), peak(f.point), peak(f.statistical ?? []), 1);
  const top = Math.max(level, Math.min(peak(f.hi80), 3 * level), Math.min(peak(f.hi95), 2 * level));
  const step = 10 ** (Math.floor(Math.log10(top)) - 1);
  return Math.ceil((top * 1.05) / step) * step;
}

/** History, the winner's fit, the forecast and its 80%/95% bands on one time axis. */
export function ForecastChart({ forecast, unit, periodWord }: { forecast: ItemForecast; unit: string; periodWord: string }) {
  const setAside = new Set(forecast.promotionDays);
  const { outlier } = forecast;
  const rows: Row[] = forecast.historyDay.map((day, k) => ({
    day,
    history: forecast.history[k],
    fitted: forecast.fitted[k],
    promotion: setAside.has(day) ? forecast.history[k] : null,
  }));
  // The forecast line starts from the last actual, so the eye follows history into the future; a last
  // period set aside as a quantity typed wrong, from what stood in for it, as the forecast does.
  const last = rows[rows.length - 1];
  const from = last && outlier?.day === last.day ? outlier.typical : last?.history;
  if (last && from !== null && from !== undefined) {
    last.point = from;
    last.band80 = [from, from];
    last.band95 = [from, from];
  }
  forecast.forecastDay.forEach((day, k) =>
    rows.push({
      day,
      point: forecast.point[k],
      statistical: forecast.statistical?.[k],
      band80: band(forecast.lo80[k], forecast.hi80[k]),
      band95: band(forecast.lo95[k], forecast.hi95[k]),
    }),
  );
  const start = forecast.forecastDay[0];
  const yMax = forecastScale(forecast);
  const spansYears = rows.length > 0 && rows[rows.length - 1]!.day - rows[0]!.day > 300;
  const total = forecast.point.reduce<number>((a, b) => a + (b ?? 0), 0);
  const summary =
    `${forecast.history.length} ${periodWord}s of history and a ${forecast.forecastDay.length}-${periodWord} forecast ` +
    `from ${formatDay(start)} by ${forecast.model}: ${formatQuantity(total, unit)} in total, ` +
    `with 80% and 95% prediction intervals` +
    (outlier
      ? `; the ${periodWord} of ${formatDay(outlier.day)}, ${formatQuantity(outlier.demand, unit)}, ${outlierRule(periodWord)}, set aside as a quantity typed wrong (about ${formatQuantity(outlier.typical, unit)} stood in for it)`
      : '') +
    (setAside.size > 0 ? `; ${setAside.size} promotion-like ${periodWord}${setAside.size === 1 ? '' : 's'} set aside before fitting` : '') +
    (forecast.statistical ? `; an analyst's override changes it from the statistical forecast of ${formatQuantity(forecast.statistical.reduce<number>((a, b) => a + (b ?? 0), 0), unit)}.` : '.');
  return (
    <ChartFrame
      id="forecast-chart"
      name="Forecast chart"
      summary={summary}
      legend={
        <>
          <LegendSwatch color="var(--series-history)" label={`Actual demand (${unit} per ${periodWord})`} kind="line" />
          <LegendSwatch color="var(--series-fitted)" label="Model fit" kind="dash" />
          {setAside.size > 0 ? <LegendSwatch color="var(--series-promotion)" label="Set aside as a promotion" kind="dot" /> : null}
          {outlier ? <LegendSwatch color="var(--series-promotion)" label={`Set aside: far beyond any other ${periodWord}`} kind="dash" /> : null}
          <LegendSwatch color="var(--series-forecast)" label={forecast.statistical ? 'Final forecast (with override)' : 'Forecast'} kind="line" />
          {forecast.statistical ? <LegendSwatch color="var(--series-statistical)" label="Statistical forecast" kind="dash" /> : null}
          <LegendSwatch color="var(--series-band80)" label="80% interval" kind="band" />
          <LegendSwatch color="var(--series-band95)" label="95% interval" kind="band" />
        </>
      }
    >
      <ComposedChart data={rows} width="100%" height={320} responsive margin={{ top: 12, right: 20, bottom: 4, left: 4 }} accessibilityLayer={false}>
        <CartesianGrid stroke="var(--grid)" vertical={false} />
        <XAxis
          dataKey="day"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={(d: number) => formatAxisDay(d, spansYears)}
          stroke="var(--axis)"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          tickLine={false}
          minTickGap={28}
        />
        <YAxis
          stroke="var(--axis)"
          tick={{ fill: 'var(--muted)', fontSize: 12 }}
          tickLine={false}
          axisLine={false}
          width={56}
          tickFormatter={(v: number) => formatQuantity(v)}
          domain={[0, yMax]}
          allowDataOverflow
        />
        <Tooltip
          contentStyle={{ background: 'var(--panel)', border: '1px solid var(--line)', borderRadius: 8, color: 'var(--fg)' }}
          labelFormatter={(d) => `${periodWord === 'day' ? '' : `${periodWord[0]!.toUpperCase()}${periodWord.slice(1)} of `}${formatDay(Number(d))}`}
          formatter={(value, name) => {
            const text = Array.isArray(value)
              ? `${formatQuantity(Number(value[0]))} – ${formatQuantity(Number(value[1]))}`
              : formatQuantity(Number(value));
            return [`${text} ${unit}`, String(name)];
          }}
        />
        <Area dataKey="band95" name="95% interval" stroke="none" fill="var(--series-band95)" isAnimationActive={false} connectNulls={false} />
        <Area dataKey="band80" name="80% interval" stroke="none" fill="var(--series-band80)" isAnimationActive={false} connectNulls={false} />
        <Line dataKey="history" name="Actual demand" stroke="var(--series-history)" strokeWidth={1.6} dot={false} isAnimationActive={false} />
        <Line
          dataKey="fitted"
          name="Model fit"
          stroke="var(--series-fitted)"
          strokeWidth={1.4}
          strokeDasharray="4 3"
          dot={false}
          isAnimationActive={false}
        />
        {setAside.size > 0 ? (
          <Line
            dataKey="promotion"
            name="Set aside as a promotion"
            stroke="none"
            dot={{ r: 3.5, fill: 'var(--series-promotion)', stroke: 'var(--panel)', strokeWidth: 1 }}
            activeDot={false}
            isAnimationActive={false}
            connectNulls={false}
          />
        ) : null}
        {outlier ? (
          <ReferenceLine
            x={outlier.day}
            stroke="var(--series-promotion)"
            strokeDasharray="2 3"
            label={{ value: `${formatQuantity(outlier.demand)} set aside`, position: 'insideTopRight', dy: 16, fill: 'var(--muted)', fontSize: 12 }}
          />
        ) : null}
        {forecast.statistical ? (
          <Line
            dataKey="statistical"
            name="Statistical forecast"
            stroke="var(--series-statistical)"
            strokeWidth={1.8}
            strokeDasharray="6 3"
            dot={false}
            isAnimationActive={false}
          />
        ) : null}
        <Line dataKey="point" name={forecast.statistical ? 'Final forecast' : 'Forecast'} stroke="var(--series-forecast)" strokeWidth={2.4} dot={false} isAnimationActive={false} />
        {start !== undefined ? (
          <ReferenceLine
            x={start}
            stroke="var(--muted)"
            strokeDasharray="2 4"
            label={{ value: 'Forecast', position: 'insideTopRight', fill: 'var(--muted)', fontSize: 12 }}
          />
        ) : null}
      </ComposedChart>
    </ChartFrame>
  );
}
