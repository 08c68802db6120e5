/**
 * Forecast accuracy across runs, pure: arrays in, figures out. A snapshot is what one run
 * forecast for each item (final, statistical and naive) from its first forecast period on; the
 * actual demand is the latest history. Lag L is the forecast made L periods ahead: period L-1 of
 * a snapshot. Only periods whose actual is known (inside the history) count.
 */

export interface ForecastSnapshot {
  /** Period index of the snapshot's first forecast period. */
  startPeriod: number;
  horizon: number;
  count: number;
  /** Per item: its key, matched against the actuals'. */
  item: Int32Array;
  /** count × horizon, row-major. */
  final: Float32Array;
  statistical: Float32Array;
  /** Per item: the naive forecast made at the same time (the last actual then, every period). */
  naive: Float32Array;
}

/** Actual demand per item: item key → [first period index, values per period]. */
export type Actuals = Map<number, { start: number; values: Float64Array }>;

/** Per item key, a period whose actual is not counted (a quantity typed wrong: typed-wrong.ts). */
export type LeftOut = ReadonlyMap<number, { period: number }>;

export interface LagAccuracy {
  lag: number;
  /** Forecast–actual pairs counted. */
  n: number;
  /** Mean absolute errors of the final, statistical and naive forecasts. */
  maeFinal: number;
  maeStatistical: number;
  maeNaive: number;
  /** Mean of forecast − actual (positive: forecasts too high). */
  biasFinal: number;
  biasStatistical: number;
  /** MAE of the final forecast over the naive one's, on the same periods (below 1: better than naive). */
  mase: number;
  /** Forecast value added: the statistical MAE minus the final one (positive: overrides helped). */
  fvaOverrides: number;
  /** The naive MAE minus the statistical one (positive: the engine beat naive). */
  fvaStatistical: number;
}

/** Lags 1, 2, 4, 8, … up to `horizon`. */
export function reportedLags(horizon: number): number[] {
  const lags: number[] = [];
  for (let lag = 1; lag <= horizon; lag *= 2) lags.push(lag);
  return lags;
}

/** Accuracy by lag over every snapshot and item whose forecast period has an actual (not one left out). */
export function accuracyByLag(snapshots: readonly ForecastSnapshot[], actuals: Actuals, lags: readonly number[], leftOut: LeftOut): LagAccuracy[] {
  return lags.map((lag) => {
    let n = 0;
    let absFinal = 0;
    let absStatistical = 0;
    let absNaive = 0;
    let errFinal = 0;
    let errStatistical = 0;
    for (const s of snapshots) {
      if (lag > s.horizon) continue;
      const period = s.startPeriod + lag - 1;
      for (let i = 0; i < s.count; i++) {
        const a = actuals.get(s.item[i]!);
        if (!a || period < a.start || period >= a.start + a.values.length || leftOut.get(s.item[i]!)?.period === period) continue;
        const actual = a.values[period - a.start]!;
        const f = s.final[i * s.horizon + lag - 1]!;
        const st = s.statistical[i * s.horizon + lag - 1]!;
        n++;
        absFinal += Math.abs(f - actual);
        absStatistical += Math.abs(st - actual);
        absNaive += Math.abs(s.naive[i]! - actual);
        errFinal += f - actual;
        errStatistical += st - actual;
      }
    }
    const mean = (x: number) => (n > 0 ? x / n : Number.NaN);
    return {
      lag,
      n,
      maeFinal: mean(absFinal),
      maeStatistical: mean(absStatistical),
      maeNaive: mean(absNaive),
      biasFinal: mean(errFinal),
      biasStatistical: mean(errStatistical),
      mase: absNaive > 0 ? absFinal / absNaive : Number.NaN,
      fvaOverrides: mean(absStatistical - absFinal),
      fvaStatistical: mean(absNaive - absStatistical),
    };
  });
}
