import { testHooksEnabled } from '../runtime/config';

/** Settings of the event ingestion path, read from the environment once per process. */
export interface EventsConfig {
  /** Events the queue holds (validated, not yet committed) before producers must wait. */
  queueEvents: number;
  /** How long one request may wait for room in the queue before it is answered 503. */
  waitMs: number;
  /** Events a request collects before handing a batch to the queue. */
  batchEvents: number;
  /**
   * Most events the writer takes into one transaction: large enough that commits (an fsync each)
   * cost little per event, small enough that a backlog is acknowledged in steps of tens of ms.
   */
  transactionEvents: number;
  /** Test-only: the writer sleeps this long before every transaction (STOCKCAST_TEST_HOOKS=1 only). */
  writerDelayMs: number;
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be an integer >= ${min}, got "${raw}"`);
  return n;
}

export function eventsConfig(env: NodeJS.ProcessEnv = process.env): EventsConfig {
  const queueEvents = integer(env, 'STOCKCAST_EVENTS_QUEUE_EVENTS', 262_144, 1);
  const batchEvents = Math.min(integer(env, 'STOCKCAST_EVENTS_BATCH_EVENTS', 8192, 1), queueEvents);
  return {
    queueEvents,
    waitMs: integer(env, 'STOCKCAST_EVENTS_WAIT_MS', 10_000, 1),
    batchEvents,
    transactionEvents: Math.max(batchEvents, Math.min(queueEvents, 16_384)),
    writerDelayMs: testHooksEnabled(env) ? integer(env, 'STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS', 0, 0) : 0,
  };
}
