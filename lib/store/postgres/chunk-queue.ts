import { setTimeout as sleep } from 'node:timers/promises';
import PgBoss from 'pg-boss';
import type pg from 'pg';
import { log } from '../../runtime/log';
import type { ChunkQueue, ChunkTally, ChunkWork, QueuedChunk } from '../types';

/** The queue of item chunks, and the one its jobs go to when they fail past their retries. */
export const CHUNK_QUEUE = 'stockcast-chunks';
export const FAILED_CHUNK_QUEUE = 'stockcast-chunks-failed';
/** Tries after the first: a chunk whose worker died twice more still fails the run, with the reason. */
const CHUNK_RETRIES = 2;
/** A lapsed lease is looked for at most this often by a waiting coordinator (pg-boss's own check runs every minute). */
const EXPIRE_EVERY_MS = 1_000;
/** Tries to start pg-boss (see the race below). */
const START_TRIES = 5;
/** How often an idle worker asks for a job (pg-boss's minimum). */
const POLL_SECONDS = 0.5;

interface ChunkData {
  runId: string;
  resultSet: number;
  chunk: number;
}

/**
 * pg-boss on the store's own pool (no connections of its own: the budget stays pool + listener),
 * started on first use. Chunk inputs live in `run_chunks`, not in the jobs: a job names its run
 * and chunk, and a finished chunk's row records the work its worker reported.
 */
export function pgChunkQueue(pool: pg.Pool, ready: Promise<void>): ChunkQueue & { stop(): Promise<void> } {
  let started: Promise<PgBoss> | null = null;
  let lastExpire = 0;
  const boss = (): Promise<PgBoss> => {
    started ??= (async () => {
      await ready;
      // Processes starting at once on a new database race to install pg-boss's schema (its
      // CREATE SCHEMA has no IF NOT EXISTS); the loser finds it installed on the next try.
      for (let attempt = 1; ; attempt++) {
        const b = new PgBoss({
          db: { executeSql: (text: string, values: unknown[]) => pool.query(text, values) },
          schedule: false,
          maintenanceIntervalSeconds: 60,
          monitorStateIntervalSeconds: 60,
        });
        b.on('error', (err: Error) => log.warn({ err }, 'chunk queue: pg-boss reported an error'));
        try {
          await b.start();
          await b.createQueue(FAILED_CHUNK_QUEUE);
          await b.createQueue(CHUNK_QUEUE, { name: CHUNK_QUEUE, retryLimit: CHUNK_RETRIES, retryDelay: 1, deadLetter: FAILED_CHUNK_QUEUE });
          return b;
        } catch (err) {
          await b.stop({ graceful: false, close: false, wait: false }).catch(() => {});
          if (attempt >= START_TRIES) throw err;
          await sleep(100 * attempt);
        }
      }
    })();
    return started;
  };

  return {
    async enqueue(runId, resultSet, chunks: QueuedChunk[], leaseSeconds) {
      const b = await boss();
      // Inputs of runs that ended without clearing theirs (their coordinator died).
      await pool.query(`DELETE FROM run_chunks WHERE run_id NOT IN (SELECT id FROM runs WHERE status = 'running')`);
      for (let from = 0; from < chunks.length; from += 64) {
        const slice = chunks.slice(from, from + 64);
        await pool.query(
          `INSERT INTO run_chunks (run_id, chunk, items, inputs)
           SELECT $1, c, n, i FROM UNNEST($2::int[], $3::int[], $4::bytea[]) AS t(c, n, i)
           ON CONFLICT (run_id, chunk) DO NOTHING`,
          [runId, slice.map((c) => c.chunk), slice.map((c) => c.items), slice.map((c) => Buffer.from(c.inputs.buffer, c.inputs.byteOffset, c.inputs.byteLength))],
        );
        await b.insert(
          slice.map((c) => ({
            name: CHUNK_QUEUE,
            data: { runId, resultSet, chunk: c.chunk } satisfies ChunkData,
            retryLimit: CHUNK_RETRIES,
            retryDelay: 1,
            expireInSeconds: leaseSeconds,
            deadLetter: FAILED_CHUNK_QUEUE,
          })),
        );
      }
    },

    async tally(runId): Promise<ChunkTally> {
      const { rows } = await pool.query<{ chunks: number; done: number; di: number | null; t: number | null; i: number | null; p: number | null }>(
        `SELECT count(*) AS chunks, count(done_at) AS done, sum(items) FILTER (WHERE done_at IS NOT NULL) AS di,
                sum(tournament_seconds) AS t, sum(inventory_seconds) AS i, sum(persist_seconds) AS p
           FROM run_chunks WHERE run_id = $1`,
        [runId],
      );
      const r = rows[0]!;
      return { chunks: r.chunks, done: r.done, doneItems: r.di ?? 0, tournamentSeconds: r.t ?? 0, inventorySeconds: r.i ?? 0, persistSeconds: r.p ?? 0 };
    },

    async failure(runId) {
      const b = await boss();
      if (Date.now() - lastExpire >= EXPIRE_EVERY_MS) {
        lastExpire = Date.now();
        await b.expire();
      }
      const dead = await b.fetch<ChunkData>(FAILED_CHUNK_QUEUE, { batchSize: 100, includeMetadata: true });
      if (dead.length === 0) return null;
      // Only one run per database at a time: failures of other runs are of runs already over.
      await b.complete(FAILED_CHUNK_QUEUE, dead.map((j) => j.id));
      const mine = dead.find((j) => j.data.runId === runId);
      return mine ? `chunk ${mine.data.chunk} failed after ${CHUNK_RETRIES + 1} tries: ${failureText(mine.output)}` : null;
    },

    async clear(runId) {
      await pool.query('DELETE FROM run_chunks WHERE run_id = $1', [runId]);
    },

    async work(concurrency, handler) {
      const b = await boss();
      const inHand = new Set<Promise<void>>();
      let stopping = false;
      const runJob = async (job: PgBoss.JobWithMetadata<ChunkData>): Promise<void> => {
        const { runId, resultSet, chunk } = job.data;
        const { rows } = await pool.query<{ inputs: Buffer | null }>('SELECT inputs FROM run_chunks WHERE run_id = $1 AND chunk = $2', [runId, chunk]);
        const due = Math.max(job.createdOn.getTime(), job.startAfter.getTime());
        const work = await handler({
          runId,
          resultSet,
          chunk,
          inputs: rows[0]?.inputs ?? null,
          retry: job.retryCount,
          waitedSeconds: Math.max(0, (job.startedOn.getTime() - due) / 1000),
        });
        if (work) await recordDone(pool, runId, chunk, work);
      };
      const ids: string[] = [];
      // One pg-boss worker per chunk in hand: each fetches one job, runs it, then fetches again.
      for (let k = 0; k < concurrency; k++) {
        ids.push(
          await b.work<ChunkData>(CHUNK_QUEUE, { batchSize: 1, includeMetadata: true, pollingIntervalSeconds: POLL_SECONDS }, async ([job]) => {
            // A job fetched while stopping goes back to the queue as a failed try.
            if (stopping) throw new Error('the worker stopped before it began the chunk');
            const task = runJob(job!);
            inHand.add(task);
            try {
              await task;
            } finally {
              inHand.delete(task);
            }
          }),
        );
      }
      return async () => {
        stopping = true;
        // pg-boss stops fetching but does not wait for the jobs in hand: we do.
        await Promise.all(ids.map((id) => b.offWork({ id })));
        await Promise.allSettled([...inHand]);
      };
    },

    async depth() {
      return (await boss()).getQueueSize(CHUNK_QUEUE);
    },

    async stop() {
      const b = started && (await started.catch(() => null));
      started = null;
      await b?.stop({ graceful: true, wait: true, close: false, timeout: 10_000 });
    },
  };
}

async function recordDone(pool: pg.Pool, runId: string, chunk: number, work: ChunkWork): Promise<void> {
  await pool.query(
    `UPDATE run_chunks SET done_at = $3, tournament_seconds = $4, inventory_seconds = $5, persist_seconds = $6, inputs = NULL
      WHERE run_id = $1 AND chunk = $2 AND done_at IS NULL`,
    [runId, chunk, Date.now(), work.tournamentSeconds, work.inventorySeconds, work.persistSeconds],
  );
}

/** A failed job's output: pg-boss stores a thrown error serialized, or `{ value: { message } }` for a lapsed lease. */
function failureText(output: unknown): string {
  const o = output as { message?: unknown; value?: { message?: unknown } } | null;
  const message = o?.message ?? o?.value?.message;
  return typeof message === 'string' ? message : JSON.stringify(output);
}
