import { periodStart, type Period } from '../inventory/periods';
import type { Store } from '../store';
import { accuracyByLag, reportedLags, type LagAccuracy } from './lags';
import { accuracyByRun, type RunAccuracy } from './runs';
import { typedWrongPeriods } from './typed-wrong';

export interface AccuracyReport {
  /** The period of the current results (snapshots of other periods are not compared). */
  period: string | null;
  snapshots: number;
  lags: LagAccuracy[];
  /** Per past run, oldest first: how its forecasts fared over the periods known since (accuracy over time). */
  runs: (RunAccuracy & { runId: string; createdAt: string; startDay: number })[];
  /**
   * Items with a period left out of every figure: a quantity typed wrong in their history (the
   * rule the run applies, lib/forecast outliers.ts), which would otherwise dwarf every real error.
   */
  typedWrong: number;
  /** With `itemId`: its past forecasts (newest last) and what it sold, by period index. */
  item?: {
    actual: { startPeriod: number; values: number[] };
    forecasts: { runId: string; createdAt: string; startPeriod: number; final: number[]; statistical: number[] }[];
    /** Its period left out as a quantity typed wrong: what was recorded and what stands in for it. */
    typedWrong: { startDay: number; demand: number; typical: number } | null;
  };
}

/**
 * Accuracy across runs against the current results' history: overall, or for one item. JSON
 * turns the NaN of a lag without pairs into null.
 */
export async function accuracyReport(store: Store, itemId?: string): Promise<AccuracyReport> {
  const current = await store.reads.currentRun();
  if (!current) return { period: null, snapshots: 0, lags: [], runs: [], typedWrong: 0 };
  const period = current.meta.period;
  const [snapshots, actuals] = await Promise.all([store.snapshots.list(period), store.snapshots.actuals(current.resultSet, itemId)]);
  const horizon = Math.max(0, ...snapshots.map((s) => s.horizon));
  const typedWrong = typedWrongPeriods(actuals);
  const runs = accuracyByRun(snapshots, actuals, typedWrong).map((r, k) => ({
    ...r,
    runId: snapshots[k]!.runId,
    createdAt: new Date(snapshots[k]!.createdAt).toISOString(),
    startDay: periodStart(period as Period, r.startPeriod),
  }));
  const lags = accuracyByLag(snapshots, actuals, reportedLags(horizon), typedWrong);
  const report: AccuracyReport = { period, snapshots: snapshots.length, lags, runs, typedWrong: typedWrong.size };
  if (itemId === undefined) return report;
  const [key] = actuals.keys();
  const actual = key === undefined ? undefined : actuals.get(key);
  const wrong = key === undefined ? undefined : typedWrong.get(key);
  report.item = {
    actual: { startPeriod: actual?.start ?? 0, values: actual ? [...actual.values] : [] },
    forecasts: snapshots.flatMap((s) => {
      const row = key === undefined ? -1 : s.item.indexOf(key);
      if (row < 0) return [];
      const slice = (a: Float32Array) => Array.from(a.subarray(row * s.horizon, (row + 1) * s.horizon), (x) => Math.round(x * 100) / 100);
      return [{ runId: s.runId, createdAt: new Date(s.createdAt).toISOString(), startPeriod: s.startPeriod, final: slice(s.final), statistical: slice(s.statistical) }];
    }),
    typedWrong: wrong ? { startDay: periodStart(period as Period, wrong.period), demand: wrong.demand, typical: wrong.typical } : null,
  };
  return report;
}
