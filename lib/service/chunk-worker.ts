import { sharedPool, startChunkWorker } from '../pipeline';
import { log } from '../runtime/log';
import type { Store } from '../store';

/**
 * Chunks a server computes at once for any run on its database (STOCKCAST_SERVER_CHUNKS; default
 * one per pool thread plus one; 0: the server only coordinates and leaves chunks to workers).
 */
export function serverChunks(env: NodeJS.ProcessEnv, threads: number): number {
  const raw = env.STOCKCAST_SERVER_CHUNKS;
  if (raw === undefined || raw === '') return threads + 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`STOCKCAST_SERVER_CHUNKS must be a whole number from 0, got ${raw}`);
  return n;
}

/**
 * In database mode a server works the chunk queue too, for its own runs and everyone else's.
 * Resolves with stop (waits for the chunks in hand), or null when the server does not work.
 */
export async function startServerChunkWorker(store: Store): Promise<(() => Promise<void>) | null> {
  if (!store.chunkQueue) return null;
  const pool = sharedPool();
  const concurrency = serverChunks(process.env, pool.threads);
  if (concurrency === 0) return null;
  log.info({ concurrency }, 'service: working the chunk queue');
  return startChunkWorker({ store, pool, concurrency });
}
