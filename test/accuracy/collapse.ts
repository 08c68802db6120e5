/**
 * Forecasts that collapse on items still selling: an item that sold in each of its last `active`
 * periods but whose forecast over the next `ahead` periods sums to less than `share` of what it
 * sold over its last `ahead` periods. For an inventory product the worst failure: such an item is
 * reported healthy with next to no demand while it sells every week.
 */
import type { BatchForecast, SeriesBatch } from '../../lib/forecast';

export interface Collapse {
  /** Series index. */
  series: number;
  /** Sold over the last `ahead` periods of the history. */
  recent: number;
  /** Forecast summed over the next `ahead` periods (negative points count as 0). */
  forecast: number;
}

export function collapsedForecasts(batch: SeriesBatch, result: BatchForecast, { active = 8, ahead = 13, share = 0.25 } = {}): Collapse[] {
  const { values, offsets } = batch;
  const h = result.horizon;
  const found: Collapse[] = [];
  for (let i = 0; i < result.count; i++) {
    const end = offsets[i + 1];
    if (end - offsets[i] < Math.max(active, ahead)) continue;
    let selling = true;
    for (let t = end - active; t < end; t++) if (!(values[t] > 0)) selling = false;
    if (!selling) continue;
    let recent = 0;
    for (let t = end - ahead; t < end; t++) recent += values[t];
    let forecast = 0;
    for (let k = 0; k < Math.min(ahead, h); k++) forecast += Math.max(0, result.point[i * h + k]);
    if (forecast < share * recent) found.push({ series: i, recent, forecast });
  }
  return found;
}
