import client from 'prom-client';
import { counter, histogram, metric } from '../metrics/registry';
import type { ChunkQueue } from '../store';

let depthOf: (() => Promise<number>) | null = null;

/**
 * Metrics of database mode's chunk queue, on every server and worker (names are a contract used
 * by dashboards outside the repo). Counters are this process's; the depth is the queue's, read
 * from the database when scraped.
 */
export function chunkMetrics(queue: ChunkQueue) {
  depthOf = () => queue.depth();
  metric(
    'stockcast_chunk_queue_depth',
    (registers) =>
      new client.Gauge({
        name: 'stockcast_chunk_queue_depth',
        help: 'Chunk jobs waiting to be claimed (queued or due for a retry), all processes',
        registers,
        async collect() {
          // A scrape while the database is away keeps the last value rather than failing.
          const depth = await depthOf?.().catch(() => null);
          if (typeof depth === 'number') this.set(depth);
        },
      }),
  );
  return {
    claimed: counter('stockcast_chunks_claimed_total', 'Chunk jobs this process claimed (retries included)'),
    retried: counter('stockcast_chunks_retried_total', 'Chunk jobs this process claimed again after a failed or lapsed try'),
    done: counter('stockcast_chunks_done_total', 'Chunks this process computed and committed'),
    failed: counter('stockcast_chunks_failed_total', 'Chunk tries that failed in this process (retried while retries remain)'),
    dropped: counter('stockcast_chunks_dropped_total', 'Chunk jobs this process dropped because their run had ended'),
    claimLatency: histogram(
      'stockcast_chunk_claim_latency_seconds',
      'Seconds a chunk job waited from queued (or due for its retry) to claimed',
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15, 60],
    ),
    items: counter('stockcast_chunk_items_total', 'Items in the chunks this process computed and committed'),
  };
}
