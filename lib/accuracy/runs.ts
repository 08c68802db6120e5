import type { Actuals, ForecastSnapshot, LeftOut } from './lags';

/**
 * Accuracy over time: per past run (snapshot), how its forecasts fared over every period of its
 * horizon whose actual is now known, pooled over items and lags. Figures are relative to the
 * actual demand of those pairs, so runs of different sizes compare on one axis.
 */
export interface RunAccuracy {
  /** Period index of the run's first forecast period. */
  startPeriod: number;
  /** Forecast–actual pairs counted. */
  n: number;
  /** Σ|final − actual| / Σ actual (weighted absolute percentage error). */
  errorFinal: number;
  errorStatistical: number;
  errorNaive: number;
  /** Σ(final − actual) / Σ actual (positive: forecasts too high). */
  biasFinal: number;
  /** errorStatistical − errorFinal (positive: overrides helped). */
  fvaOverrides: number;
  /** errorNaive − errorStatistical (positive: the engine beat naive). */
  fvaStatistical: number;
}

/**
 * One entry per snapshot, in the snapshots' order; NaN where a run has no pairs (or no demand) yet.
 * A period `leftOut` names for an item is not counted.
 */
export function accuracyByRun(snapshots: readonly ForecastSnapshot[], actuals: Actuals, leftOut: LeftOut): RunAccuracy[] {
  return snapshots.map((s) => {
    let n = 0;
    let demand = 0;
    let absFinal = 0;
    let absStatistical = 0;
    let absNaive = 0;
    let errFinal = 0;
    for (let i = 0; i < s.count; i++) {
      const a = actuals.get(s.item[i]!);
      if (!a) continue;
      const skipped = leftOut.get(s.item[i]!)?.period;
      // Periods of this row inside the history: [max(start, a.start), min(end, a.end)).
      const from = Math.max(s.startPeriod, a.start);
      const to = Math.min(s.startPeriod + s.horizon, a.start + a.values.length);
      for (let p = from; p < to; p++) {
        if (p === skipped) continue;
        const actual = a.values[p - a.start]!;
        const at = i * s.horizon + p - s.startPeriod;
        const f = s.final[at]!;
        n++;
        demand += actual;
        absFinal += Math.abs(f - actual);
        absStatistical += Math.abs(s.statistical[at]! - actual);
        absNaive += Math.abs(s.naive[i]! - actual);
        errFinal += f - actual;
      }
    }
    const share = (x: number) => (n > 0 && demand > 0 ? x / demand : Number.NaN);
    return {
      startPeriod: s.startPeriod,
      n,
      errorFinal: share(absFinal),
      errorStatistical: share(absStatistical),
      errorNaive: share(absNaive),
      biasFinal: share(errFinal),
      fvaOverrides: share(absStatistical - absFinal),
      fvaStatistical: share(absNaive - absStatistical),
    };
  });
}
