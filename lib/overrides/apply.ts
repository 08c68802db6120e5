import { periodOf, periodStart, type Period } from '../inventory/periods';

/** Kind codes in typed arrays: 0 sets a quantity per period, 1 scales by a percentage. */
export const OVERRIDE_KINDS = ['quantity', 'percent'] as const;
export type OverrideKind = (typeof OVERRIDE_KINDS)[number];

/**
 * Overrides by column, in the order they were made (a later one wins where two cover the same
 * period). `item` is the row of the forecast arrays it applies to; days are days since 1970-01-01
 * and `lastDay` is already the earlier of the end and the "until" date.
 */
export interface OverrideColumns {
  count: number;
  item: Int32Array;
  startDay: Int32Array;
  lastDay: Int32Array;
  kind: Uint8Array;
  value: Float64Array;
}

/**
 * The forecast periods [first, last] (0 = the first forecast period) an override covers: those
 * whose first day lies in [startDay, lastDay]. Empty (first > last) when none does.
 */
export function coveredPeriods(period: Period, forecastStartPeriod: number, startDay: number, lastDay: number): [number, number] {
  let first = periodOf(period, startDay);
  if (periodStart(period, first) < startDay) first++;
  return [first - forecastStartPeriod, periodOf(period, lastDay) - forecastStartPeriod];
}

/** An override whose last day is before the first forecast day has expired: no run applies it. */
export function isExpired(lastDay: number, forecastStartDay: number): boolean {
  return lastDay < forecastStartDay;
}

/**
 * Applies overrides to a batch's forecast (count × horizon, row-major) after the engine: copies
 * the engine's `point` into `statistical`, writes the final forecast into `point`, moves the
 * interval bands with it (by the same difference, never below zero) and marks the rows changed in
 * `overridden`. Percentages scale the statistical figure, so overlapping overrides do not compound.
 */
export function applyOverrides(
  o: OverrideColumns,
  frame: { period: Period; forecastStartPeriod: number; horizon: number },
  point: Float64Array,
  bands: readonly Float64Array[],
  statistical: Float64Array,
  overridden: Uint8Array,
): void {
  const H = frame.horizon;
  statistical.set(point);
  for (let k = 0; k < o.count; k++) {
    const [first, last] = coveredPeriods(frame.period, frame.forecastStartPeriod, o.startDay[k]!, o.lastDay[k]!);
    const from = Math.max(0, first);
    const to = Math.min(H - 1, last);
    if (from > to) continue;
    const row = o.item[k]! * H;
    const v = o.value[k]!;
    for (let p = row + from; p <= row + to; p++) point[p] = o.kind[k] === 0 ? v : Math.max(0, statistical[p]! * (1 + v / 100));
    overridden[o.item[k]!] = 1;
  }
  for (let i = 0; i < overridden.length; i++) {
    if (!overridden[i]) continue;
    for (let p = i * H; p < (i + 1) * H; p++) {
      const shift = point[p]! - statistical[p]!;
      for (const band of bands) band[p] = Math.max(0, band[p]! + shift);
    }
  }
}
