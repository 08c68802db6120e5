import { log } from '../runtime/log';
import { RunClaimLostError, type ChunkWork, type Store } from '../store';
import type { ForecastResult } from './chunk';
import { decodeChunk } from './chunk-inputs';
import { chunkMetrics } from './chunk-metrics';
import type { WorkerPool } from './pool';
import { saveBatch } from './save-batch';
import { holdChunk, injectedChunkFault } from './test-hooks';

export interface ChunkWorkerOptions {
  store: Store;
  pool: WorkerPool;
  /** Chunks in hand at once; default one per thread plus one, so a thread never waits for a commit. */
  concurrency?: number;
}

/** Chunks a worker process keeps in hand by default. */
export const defaultChunkConcurrency = (pool: WorkerPool) => pool.threads + 1;

/**
 * Database mode's worker: claims chunk jobs of whichever run is going, computes each on the pool
 * and commits its results under the run's claim. The same code runs in `stockcast worker`, in
 * servers, and in a command-line run. A chunk whose run has ended (its inputs are gone, or the
 * claim is lost) is dropped; a chunk that fails is retried by the queue. Resolves with stop,
 * which waits for the chunks in hand.
 */
export async function startChunkWorker(options: ChunkWorkerOptions): Promise<() => Promise<void>> {
  const { store, pool } = options;
  const queue = store.chunkQueue;
  if (!queue) throw new Error('chunk workers need the database store (STOCKCAST_DATABASE_URL)');
  const metrics = chunkMetrics(queue);
  return queue.work(options.concurrency ?? defaultChunkConcurrency(pool), async (job): Promise<ChunkWork | null> => {
    metrics.claimed.inc();
    if (job.retry > 0) metrics.retried.inc();
    metrics.claimLatency.observe(job.waitedSeconds);
    if (!job.inputs) {
      metrics.dropped.inc();
      return null;
    }
    log.debug({ runId: job.runId, chunk: job.chunk, retry: job.retry }, 'chunk worker: claimed a chunk');
    try {
      const { settings, inputs, items } = await decodeChunk(job.inputs);
      await holdChunk();
      const fault = injectedChunkFault(store.dir);
      if (fault) throw fault;
      const result = await pool.run<ForecastResult>({ kind: 'forecast', settings, items, inputs });
      const persistSeconds = await saveBatch(store, job.runId, job.resultSet, result.batch, {});
      metrics.done.inc();
      metrics.items.inc(items.length);
      return { tournamentSeconds: result.tournamentSeconds, inventorySeconds: result.inventorySeconds, persistSeconds };
    } catch (err) {
      if (err instanceof RunClaimLostError) {
        metrics.dropped.inc();
        return null;
      }
      metrics.failed.inc();
      log.warn({ runId: job.runId, chunk: job.chunk, err }, 'chunk worker: the chunk failed');
      throw err;
    }
  });
}
