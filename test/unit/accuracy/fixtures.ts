import type { ForecastSnapshot } from '@/lib/accuracy/lags';

/** A run's snapshot from plain arrays (items.id per row; forecasts row-major, `horizon` per item). */
export const snapshot = (startPeriod: number, horizon: number, items: number[], final: number[], statistical: number[], naive: number[]): ForecastSnapshot => ({
  startPeriod,
  horizon,
  count: items.length,
  item: Int32Array.from(items),
  final: Float32Array.from(final),
  statistical: Float32Array.from(statistical),
  naive: Float32Array.from(naive),
});
