/**
 * The shared benchmark sets (../shared/data, read in place, never copied) and their scoring, as
 * the data README defines it: per series over its horizon, then the plain mean over series.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { forecastBatch, memberPool, pooledSettings, type BatchForecast, type ForecastSettings, type MemberPool, type SharedSeasons } from '../../lib/forecast';
import type { Tuning } from '../../lib/forecast/engine/forecaster';
import { parseLongCsv, type LongSeries } from '../../lib/ingest/long-format';
import { mase, maseScale, rmsse, rmsseScale, smape } from '../../lib/forecast/metrics';

export const DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/data');

export interface BenchmarkSet {
  name: string;
  train: LongSeries;
  /** count × horizon held-out actuals, aligned with train.ids. */
  actual: Float64Array;
  settings: ForecastSettings;
  intermittent: boolean;
  /** Where R's forecasts for the set are: `<reference>_<method>.csv.gz` (loadReference). */
  reference?: string;
}

/** Every shared set: the M-competition sets, then carparts (intermittent). */
export const SET_NAMES = ['m3_yearly', 'm3_quarterly', 'm3_other', 'm1_yearly', 'm1_quarterly', 'm1_monthly', 'm4_weekly', 'carparts'] as const;
export type SetName = (typeof SET_NAMES)[number];
/** The sets with R's own forecasts in `reference/` (every set but carparts). */
export const REFERENCE_SETS = SET_NAMES.filter((name) => name !== 'carparts');
export type ReferenceMethod = 'ets' | 'arima' | 'theta';

export function loadSet(name: SetName): BenchmarkSet {
  return loadSetFiles(path.join(DATA_DIR, name), path.join(DATA_DIR, 'reference', name));
}

/** A shared set by name, or a set from elsewhere by its files' prefix (`/data/m3_monthly`: loadSetFiles). */
export function openSet(nameOrPrefix: string): BenchmarkSet {
  return (SET_NAMES as readonly string[]).includes(nameOrPrefix) ? loadSet(nameOrPrefix as SetName) : loadSetFiles(nameOrPrefix);
}

/**
 * A set in the shared format from any folder: `<prefix>_train.csv`, `<prefix>_test.csv` and
 * `<prefix>_meta.csv` (season and horizon from its first row), named after the prefix's last part,
 * with R's forecasts beside it (r-reference.R) unless `reference` says where. Sets that are not in
 * ../shared/data (real series nobody tuned to) are scored the same way.
 */
export function loadSetFiles(prefix: string, reference = prefix): BenchmarkSet {
  const name = path.basename(prefix);
  const read = (part: string) => fs.readFileSync(`${prefix}_${part}.csv`, 'utf8');
  const train = parseLongCsv(read('train'));
  const test = parseLongCsv(read('test'));
  const meta = read('meta').trim().split('\n').slice(1)[0].split(',');
  const season = Number(meta[1]);
  const horizon = Number(meta[2]);
  if (!(Number.isInteger(season) && season >= 1 && Number.isInteger(horizon) && horizon >= 1)) {
    throw new Error(`${prefix}_meta.csv: row 2 must give a whole frequency and horizon from 1 (series_id,frequency,horizon), found ${meta.slice(1, 3).join(',')}`);
  }
  const actual = new Float64Array(train.ids.length * horizon);
  const testIndex = new Map(test.ids.map((id, i) => [id, i]));
  train.ids.forEach((id, i) => {
    const j = testIndex.get(id);
    if (j === undefined) throw new Error(`${name}: no test rows for ${id}`);
    const at = test.batch.offsets[j];
    if (test.batch.offsets[j + 1] - at < horizon) throw new Error(`${name}: ${id} has ${test.batch.offsets[j + 1] - at} test rows, fewer than the horizon ${horizon}`);
    for (let k = 0; k < horizon; k++) actual[i * horizon + k] = test.batch.values[at + k];
  });
  return {
    name,
    train,
    actual,
    settings: { horizon, season, levels: [80, 95], nonNegative: name === 'carparts' },
    intermittent: name === 'carparts',
    reference,
  };
}

/**
 * The same set with the last horizon of every training series held back as the "actuals": a
 * second, independent check of choices that were tuned while watching the official test tails.
 */
export function holdBack(set: BenchmarkSet): BenchmarkSet {
  const h = set.settings.horizon;
  const { values, offsets } = set.train.batch;
  const count = set.train.ids.length;
  const kept = new Float64Array(values.length - count * h);
  const keptOffsets = new Int32Array(count + 1);
  const actual = new Float64Array(count * h);
  for (let i = 0; i < count; i++) {
    const len = offsets[i + 1] - offsets[i] - h;
    kept.set(values.subarray(offsets[i], offsets[i] + len), keptOffsets[i]);
    keptOffsets[i + 1] = keptOffsets[i] + len;
    actual.set(values.subarray(offsets[i] + len, offsets[i + 1]), i * h);
  }
  return { ...set, name: `${set.name} (held back)`, train: { ...set.train, batch: { values: kept, offsets: keptOffsets } }, actual };
}

export interface SetScore {
  series: number;
  smape: number;
  mase: number;
  rmsse: number;
  /** (Σ forecast − Σ actual) / Σ actual over all series and steps. */
  bias: number;
  coverage80: number;
  coverage95: number;
}

export function scoreSet(set: BenchmarkSet, result: BatchForecast): SetScore {
  const { horizon: h, season: m } = set.settings;
  const { values, offsets } = set.train.batch;
  const count = set.train.ids.length;
  let sSmape = 0;
  let sMase = 0;
  let sRmsse = 0;
  let sumF = 0;
  let sumY = 0;
  let in80 = 0;
  let in95 = 0;
  const i80 = result.levels.indexOf(80);
  const i95 = result.levels.indexOf(95);
  for (let i = 0; i < count; i++) {
    const hist = values.subarray(offsets[i], offsets[i + 1]);
    const y = set.actual.subarray(i * h, (i + 1) * h);
    const f = result.point.subarray(i * h, (i + 1) * h);
    sSmape += smape(y, f, h);
    sMase += mase(y, f, h, maseScale(hist, hist.length, m));
    sRmsse += rmsse(y, f, h, rmsseScale(hist, hist.length));
    for (let k = 0; k < h; k++) {
      const at = i * h + k;
      sumF += f[k];
      sumY += y[k];
      if (y[k] >= result.lower[i80][at] && y[k] <= result.upper[i80][at]) in80++;
      if (y[k] >= result.lower[i95][at] && y[k] <= result.upper[i95][at]) in95++;
    }
  }
  return {
    series: count,
    smape: sSmape / count,
    mase: sMase / count,
    rmsse: sRmsse / count,
    bias: (sumF - sumY) / sumY,
    coverage80: in80 / (count * h),
    coverage95: in95 / (count * h),
  };
}

/** The engine on a set as the product runs it on a catalogue: the set's member pool first (memberPool), then every series. */
export function runSet(set: BenchmarkSet, tuning?: Tuning, shared?: SharedSeasons): { result: BatchForecast; score: SetScore; pool: MemberPool } {
  const pool = memberPool(set.train.batch, set.settings, shared);
  const result = forecastBatch(set.train.batch, pooledSettings(set.settings, pool), undefined, shared, tuning);
  return { result, score: scoreSet(set, result), pool };
}

/** R's forecasts for a set (`<set.reference>_<method>.csv.gz`), count × horizon aligned with the set's ids; null when R has none. */
export function loadReference(set: BenchmarkSet, method: ReferenceMethod): { point: Float64Array; lower95: Float64Array; upper95: Float64Array } | null {
  if (!set.reference) return null;
  const file = `${set.reference}_${method}.csv.gz`;
  if (!fs.existsSync(file)) return null;
  const h = set.settings.horizon;
  const count = set.train.ids.length;
  const index = new Map(set.train.ids.map((id, i) => [id, i]));
  const point = new Float64Array(count * h).fill(NaN);
  const lower95 = new Float64Array(count * h).fill(NaN);
  const upper95 = new Float64Array(count * h).fill(NaN);
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n');
  for (let r = 1; r < lines.length; r++) {
    const [id, step, p, lo, hi] = lines[r].split(',');
    const i = index.get(id);
    if (i === undefined) throw new Error(`${file}: unknown series ${id}`);
    const at = i * h + Number(step) - 1;
    point[at] = Number(p);
    lower95[at] = Number(lo);
    upper95[at] = Number(hi);
  }
  return { point, lower95, upper95 };
}

/** sMAPE and MASE of plain point forecasts (count × horizon, aligned with the set), as the data README scores them. */
export function scorePoints(set: BenchmarkSet, point: Float64Array): { smape: number; mase: number } {
  const { horizon: h, season: m } = set.settings;
  const { values, offsets } = set.train.batch;
  const count = set.train.ids.length;
  let sSmape = 0;
  let sMase = 0;
  for (let i = 0; i < count; i++) {
    const hist = values.subarray(offsets[i], offsets[i + 1]);
    const y = set.actual.subarray(i * h, (i + 1) * h);
    const f = point.subarray(i * h, (i + 1) * h);
    sSmape += smape(y, f, h);
    sMase += mase(y, f, h, maseScale(hist, hist.length, m));
  }
  return { smape: sSmape / count, mase: sMase / count };
}
