import { forecastBatch, memberPoolSample, MODEL_NAMES, pooledSettings, type BatchForecast, type ForecastSettings, type MemberPool, type SeriesBatch } from '../forecast';
import { runMemberPool } from './member-pool';
import type { WorkerPool } from './pool';
import { shareFloat64, sharedInt32 } from './shared-memory';

/**
 * Series of a long CSV forecast on the worker pool (`stockcast forecast`): the catalogue's member
 * pool decided by its held-back test, then the series in chunks, each on a thread. The engine's
 * result for a series does not depend on the others in its batch, and the pool's test decides
 * alike on any number of threads, so the output equals one `forecastBatch` over all of them.
 */

/** The figures the command writes, per series × step (series-major) and per level. */
export type SeriesForecasts = Pick<BatchForecast, 'count' | 'point' | 'lower' | 'upper' | 'model' | 'modelNames'>;

/** Series [from, to) of a batch in shared memory, forecast on a worker. */
export interface SeriesForecastTask {
  kind: 'series-forecast';
  batch: SeriesBatch;
  from: number;
  to: number;
  settings: ForecastSettings;
}

/** Chunks per thread: series differ in cost (length, season), so a thread that drew cheap ones takes more. */
const CHUNKS_PER_THREAD = 8;

export function forecastSeriesTask(task: SeriesForecastTask): SeriesForecasts {
  const { batch, from, to } = task;
  const base = batch.offsets[from]!;
  const offsets = new Int32Array(to - from + 1);
  for (let i = 0; i <= to - from; i++) offsets[i] = batch.offsets[from + i]! - base;
  const { count, point, lower, upper, model } = forecastBatch({ values: batch.values.subarray(base, batch.offsets[to]), offsets }, task.settings);
  return { count, point, lower, upper, model, modelNames: MODEL_NAMES };
}

/**
 * Forecasts every series of `batch` on `pool`; `onProgress(done)` after each chunk. Returns the
 * member pool the test decided and the forecasts, in the batch's order.
 */
export async function forecastSeriesInParallel(
  pool: WorkerPool,
  batch: SeriesBatch,
  settings: ForecastSettings,
  onProgress?: (done: number) => void,
): Promise<{ members: MemberPool; result: SeriesForecasts }> {
  const count = batch.offsets.length - 1;
  const shared: SeriesBatch = { values: shareFloat64(batch.values.subarray(0, batch.offsets[count])), offsets: sharedInt32(count + 1) };
  shared.offsets.set(batch.offsets);
  const { pool: members } = await runMemberPool(pool, { settings, history: shared }, memberPoolSample(shared, settings));
  const pooled = pooledSettings(settings, members);
  const h = settings.horizon;
  const levels = settings.levels.length;
  const result: SeriesForecasts = {
    count,
    point: new Float64Array(count * h),
    lower: Array.from({ length: levels }, () => new Float64Array(count * h)),
    upper: Array.from({ length: levels }, () => new Float64Array(count * h)),
    model: new Int32Array(count),
    modelNames: MODEL_NAMES,
  };
  const chunks = Math.min(count, pool.threads * CHUNKS_PER_THREAD);
  let done = 0;
  await Promise.all(
    Array.from({ length: chunks }, async (_, c) => {
      const from = Math.round((c * count) / chunks);
      const to = Math.round(((c + 1) * count) / chunks);
      const part = await pool.run<SeriesForecasts>({ kind: 'series-forecast', batch: shared, from, to, settings: pooled });
      result.point.set(part.point, from * h);
      for (let j = 0; j < levels; j++) {
        result.lower[j]!.set(part.lower[j]!, from * h);
        result.upper[j]!.set(part.upper[j]!, from * h);
      }
      result.model.set(part.model, from);
      done += to - from;
      onProgress?.(done);
    }),
  );
  return { members, result };
}
