import { decideMemberPool, scoreMemberPool, type ForecastSettings, type MemberPool, type SeriesBatch, type SharedSeasons } from '../forecast';
import type { WorkerPool } from './pool';

/** One part of the member pool's held-back test (lib/forecast/engine/pool.ts), on a worker. */
export interface MemberPoolTask {
  kind: 'member-pool';
  settings: ForecastSettings;
  /** The run's history, or a long CSV's series (`stockcast forecast`). */
  history: SeriesBatch;
  /** The categories' seasons; none for series without groups. */
  seasons?: SharedSeasons;
  /** Item positions (the run's order) to score. */
  items: Int32Array;
}

/** Per item of the task: each member's log error ratio to the combination's (items × members). */
export function scoreMemberPoolTask(task: MemberPoolTask): Float64Array {
  return scoreMemberPool(task.history, task.settings, task.seasons, task.items);
}

export interface RunPool {
  pool: MemberPool;
  /** Wall seconds of the test. */
  seconds: number;
}

/**
 * The run's member pool: the prepared sample split into one contiguous part per thread, the parts'
 * rows joined in sample order and decided on the main thread (a sum over a few hundred rows), so
 * that any number of threads decides exactly as one.
 */
export async function runMemberPool(
  pool: WorkerPool,
  inputs: Omit<MemberPoolTask, 'kind' | 'items'>,
  sample: Int32Array,
  signal?: AbortSignal,
): Promise<RunPool> {
  const started = performance.now();
  const parts = Math.max(1, Math.min(pool.threads, sample.length));
  const bounds = Array.from({ length: parts + 1 }, (_, p) => Math.round((p * sample.length) / parts));
  const rows = await Promise.all(
    Array.from({ length: parts }, (_, p) =>
      pool.run<Float64Array>({ kind: 'member-pool', ...inputs, items: sample.slice(bounds[p], bounds[p + 1]) }, { signal }),
    ),
  );
  const joined = new Float64Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  for (const r of rows) {
    joined.set(r, at);
    at += r.length;
  }
  return { pool: decideMemberPool(joined), seconds: (performance.now() - started) / 1000 };
}
