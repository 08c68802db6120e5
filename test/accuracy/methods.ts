/**
 * One automatic method alone on a shared set, the way R runs it: fitted on the whole training
 * series, forecast from its end, scored like the anchors and compared with R's own forecasts
 * (`reference/`), points and 95% bands, for the parity checks of issue 11.
 */
import type { ForecastMethod } from '../../lib/forecast/models/forecaster';
import { normalQuantile } from '../../lib/inventory/normal';
import { loadReference, scorePoints, type BenchmarkSet, type ReferenceMethod } from './sets';

const Z95 = normalQuantile(0.975);

export interface MethodRun {
  point: Float64Array;
  /** The method's own analytic 95% band, point ± z·√variance (`FittedMethod.variance`), as R draws it; NaN where the fitted form has none. */
  lower95: Float64Array;
  upper95: Float64Array;
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
  const lower95 = new Float64Array(count * h).fill(NaN);
  const upper95 = new Float64Array(count * h).fill(NaN);
  const variance = new Float64Array(h);
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
      if (instance.variance(y, n, h, variance)) {
        for (let k = 0; k < h; k++) {
          const half = Z95 * Math.sqrt(variance[k]);
          lower95[i * h + k] = point[i * h + k] - half;
          upper95[i * h + k] = point[i * h + k] + half;
        }
      }
    } else {
      forms.push('failed');
    }
  }
  return { point, lower95, upper95, forms, msPerSeries: (performance.now() - started) / count };
}

export interface Parity {
  ours: { smape: number; mase: number };
  r: { smape: number; mase: number } | null;
  /** Median over series and steps of |ours − R| / |R| (NaN without a reference). */
  medianRelativeDifference: number;
  failed: number;
  /** The 95% bands, where R's reference has them: their held-out coverage, ours and R's, and how far our half-widths are from R's. */
  bands: BandParity | null;
}

export interface BandParity {
  /** Series whose fitted form has an analytic variance (the rest are left out of every figure here). */
  series: number;
  /** Share of held-out points inside our analytic 95% band, and inside R's, on those series. */
  coverage: number;
  rCoverage: number;
  /** Median over those series and steps of |our half-width − R's| / R's. */
  medianWidthDifference: number;
}

/** Scores a run against the test tail and against R's forecasts of `reference` on the same set. */
export function compareWithR(set: BenchmarkSet, run: MethodRun, reference: ReferenceMethod): Parity {
  const r = loadReference(set, reference);
  const ours = scorePoints(set, run.point);
  const failed = run.forms.filter((f) => f === 'failed').length;
  if (!r) return { ours, r: null, medianRelativeDifference: NaN, failed, bands: null };
  const diffs: number[] = [];
  for (let j = 0; j < r.point.length; j++) {
    if (Number.isFinite(r.point[j]) && r.point[j] !== 0) diffs.push(Math.abs(run.point[j] - r.point[j]) / Math.abs(r.point[j]));
  }
  return { ours, r: scorePoints(set, r.point), medianRelativeDifference: median(diffs), failed, bands: compareBands(set, run, r) };
}

function compareBands(set: BenchmarkSet, run: MethodRun, r: { lower95: Float64Array; upper95: Float64Array }): BandParity | null {
  const h = set.settings.horizon;
  const widths: number[] = [];
  let series = 0;
  let inside = 0;
  let rInside = 0;
  for (let i = 0; i < set.train.ids.length; i++) {
    const at = i * h;
    if (!Number.isFinite(run.lower95[at]) || !Number.isFinite(r.lower95[at])) continue;
    series++;
    for (let j = at; j < at + h; j++) {
      const y = set.actual[j];
      if (y >= run.lower95[j] && y <= run.upper95[j]) inside++;
      if (y >= r.lower95[j] && y <= r.upper95[j]) rInside++;
      const rHalf = (r.upper95[j] - r.lower95[j]) / 2;
      if (rHalf > 0) widths.push(Math.abs((run.upper95[j] - run.lower95[j]) / 2 - rHalf) / rHalf);
    }
  }
  if (series === 0) return null;
  return { series, coverage: inside / (series * h), rCoverage: rInside / (series * h), medianWidthDifference: median(widths) };
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  return values[Math.floor(values.length / 2)] ?? NaN;
}
