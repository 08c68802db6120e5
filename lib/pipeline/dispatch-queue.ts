import { setTimeout as sleep } from 'node:timers/promises';
import { log } from '../runtime/log';
import { RunClaimLostError, type ChunkQueue, type QueuedChunk } from '../store';
import { encodeChunk } from './chunk-inputs';
import { startChunkWorker } from './chunk-worker';
import { COMPUTE_STAGES, type Dispatch } from './dispatch';
import { beforeChunk } from './test-hooks';

export interface QueueDispatchOptions {
  /** Seconds a worker may hold a chunk before it is taken for dead and the chunk is retried. */
  leaseSeconds: number;
  /** Chunks this process works itself while the run goes (0: leave them to other processes). */
  workChunks: number;
}

/** A chunk failed past its retries: the run fails for everyone, with this reason. */
export class ChunkFailedError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'ChunkFailedError';
  }
}

/**
 * How long a worker may hold a chunk before it is taken for dead and the chunk is retried
 * (STOCKCAST_CHUNK_LEASE_SECONDS, default 120): well above a chunk's compute time (seconds), so
 * that a slow worker is not raced, short enough that a dead one costs little.
 */
export function chunkLeaseSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.STOCKCAST_CHUNK_LEASE_SECONDS;
  if (raw === undefined || raw === '') return 120;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`STOCKCAST_CHUNK_LEASE_SECONDS must be a whole number of seconds from 1, got ${raw}`);
  return n;
}

/** How often the coordinator reads the run's chunks (progress comes to other servers by NOTIFY). */
const POLL_MS = 200;
/** Chunks queued per round trip: workers start on the first while the rest are encoded. */
const ENQUEUE_BATCH = 16;

/**
 * Database mode's way: the coordinator (the process holding the run lock) queues the run's
 * chunks with their inputs, and any process's chunk workers compute and commit them; the run's
 * rows are the record. It waits until every chunk is done, reporting progress from the rows;
 * a chunk failed past its retries fails the run. On the way out, finished or not, the run's
 * chunk inputs are removed, so that jobs still queued end at once.
 */
export async function dispatchToQueue(d: Dispatch, queue: ChunkQueue, options: QueueDispatchOptions): Promise<void> {
  const { signal, progress, stageSeconds } = d;
  const stopOwn = options.workChunks > 0 ? await startChunkWorker({ store: d.store, pool: d.pool, concurrency: options.workChunks }) : null;
  try {
    const pending: QueuedChunk[] = [];
    for (let chunk = 0; chunk + 1 < d.chunks.length; chunk++) {
      const spaced = await beforeChunk(signal);
      signal.throwIfAborted();
      const items = d.todo.subarray(d.chunks[chunk], d.chunks[chunk + 1]);
      pending.push({ chunk, items: items.length, inputs: await encodeChunk(d.settings, d.inputs, items) });
      if (pending.length === ENQUEUE_BATCH || spaced) await queue.enqueue(d.runId, d.resultSet, pending.splice(0), options.leaseSeconds);
    }
    if (pending.length > 0) await queue.enqueue(d.runId, d.resultSet, pending, options.leaseSeconds);

    for (;;) {
      const tally = await queue.tally(d.runId);
      const run = await d.store.runs.get(d.runId);
      for (const stage of COMPUTE_STAGES) progress.update(stage, d.itemsStored + tally.doneItems);
      if (run) progress.update('persist', run.itemsDone);
      if (tally.done === tally.chunks) {
        stageSeconds.tournament += tally.tournamentSeconds;
        stageSeconds.inventory += tally.inventorySeconds;
        stageSeconds.persist += tally.persistSeconds;
        return;
      }
      if (run?.status !== 'running') throw new RunClaimLostError(d.runId);
      const reason = await queue.failure(d.runId);
      if (reason) throw new ChunkFailedError(reason);
      await sleep(POLL_MS, undefined, { signal }).catch(() => {
        throw signal.reason;
      });
    }
  } finally {
    await queue.clear(d.runId).catch((err: unknown) => log.warn({ runId: d.runId, err }, 'pipeline: chunk inputs left for the next run to remove'));
    await stopOwn?.();
  }
}
