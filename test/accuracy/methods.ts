/**
 * One automatic method alone on a shared set, the way R runs it: fitted on the whole training
 * series, forecast from its end, scored like the anchors and compared with R's own forecasts
 * (`reference/`), for the parity checks of issue 11.
 */
import type { ForecastMethod } from '../../lib/forecast/models/forecaster';
import { loadReference, scorePoints, type BenchmarkSet, type ReferenceMethod } from './sets';

export interface MethodRun {
  point: Float64Array;
  /** Per series: the fitted form (`describe()`), or `failed`. */
  forms: string[];
  /** CPU milliseconds per series (fit + forecast). */
  msPerSeries: number;
}

/** Fits `method` on every training series of the set and forecasts its horizon. */
export function runMethod(method: ForecastMethod, set: BenchmarkSet): MethodRun {
  const { horizon: h, season: m } = set.settings;
  const { values, offsets } = set.train.batch;
  const count = set.train.ids.length;
  const instance = method.create(m);
  const point = new Float64Array(count * h).fill(NaN);
  const forms: string[] = [];
  let longest = 0;
  for (let i = 0; i < count; i++) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const y = new Float64Array(longest);
  const rows = new Float64Array(longest * h);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const n = offsets[i + 1] - offsets[i];
    y.set(values.subarray(offsets[i], offsets[i + 1]));
    if (n >= method.minLength(m) && instance.fit(y, n)) {
      instance.forecast(y, n, h, n, rows);
      point.set(rows.subarray((n - 1) * h, n * h), i * h);
      forms.push(instance.describe());
    } else {
      forms.push('failed');
    }
  }
  return { point, forms, msPerSeries: (performance.now() - started) / count };
}

export interface Parity {
  ours: { smape: number; mase: number };
  r: { smape: number; mase: number } | null;
  /** Median over series and steps of |ours − R| / |R| (NaN without a reference). */
  medianRelativeDifference: number;
  failed: number;
}

/** Scores a run against the test tail and against R's forecasts of `reference` on the same set. */
export function compareWithR(set: BenchmarkSet, run: MethodRun, reference: ReferenceMethod): Parity {
  const r = loadReference(set, reference);
  const ours = scorePoints(set, run.point);
  const failed = run.forms.filter((f) => f === 'failed').length;
  if (!r) return { ours, r: null, medianRelativeDifference: NaN, failed };
  const diffs: number[] = [];
  for (let j = 0; j < r.point.length; j++) {
    if (Number.isFinite(r.point[j]) && r.point[j] !== 0) diffs.push(Math.abs(run.point[j] - r.point[j]) / Math.abs(r.point[j]));
  }
  diffs.sort((a, b) => a - b);
  return { ours, r: scorePoints(set, r.point), medianRelativeDifference: diffs[Math.floor(diffs.length / 2)] ?? NaN, failed };
}
