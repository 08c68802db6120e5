import { Refusal } from '../runtime/refusal';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { processSingleton } from '../runtime/singleton';
import { diskFullMessage, isDiskFull } from '../store/faults';
import { latestRecordDay } from '../store/days';
import { getStore, type Store } from '../store/index';
import { CatalogCache, UnitKeys } from './catalog';
import { eventsConfig, type EventsConfig } from './config';
import { LineSplitter } from './lines';
import { LineReader } from './parse';
import { eventMetrics } from './metrics';
import { EventQueue, QueueFullError } from './queue';
import { MAX_LINE_CHARS, RequestLines } from './request';
import { EventValidator } from './validate';
import type { TransactionResult, WriterOp } from './wire';
import { WriterThread } from './writer-client';

/** Retry-After sent while the server shuts down (a restart usually takes a few seconds). */
const SHUTDOWN_RETRY_AFTER_S = 5;

class ShuttingDown extends Error {
  constructor() {
    super('the server is shutting down');
    this.name = 'ShuttingDown';
  }
}

/**
 * `POST /api/events`: NDJSON events streamed into the store through the bounded queue.
 *
 * Semantics a client can rely on:
 * - 200 means every accepted event of the request is committed (durably: synchronous=FULL).
 * - A request is stored all or nothing. A request that fails (503 because the queue had no room
 *   within the wait limit or the server is shutting down, the client went away, a store error)
 *   stored nothing: its batches were only staged, and staged rows are dropped. So "unacknowledged"
 *   simply means "not stored", and retrying the whole request is always correct.
 * - With an Idempotency-Key, the answer is stored in the same transaction as the events; a retry
 *   gets that answer back (`Idempotent-Replayed: true`) and stores nothing. A retry that arrives
 *   while the first attempt is still running waits for it: it gets its answer if it succeeds and
 *   takes its place if it fails. Keys of failed requests are not stored, so they stay retryable.
 */
export class EventIngest {
  private readonly units = new UnitKeys();
  private readonly catalogs: CatalogCache;
  private readonly reader = new LineReader();
  private validator: EventValidator | null = null;
  private readonly writer: WriterThread;
  private readonly queue: EventQueue;
  private readonly shutdown = new AbortController();
  private readonly running = new Set<Promise<unknown>>();
  private readonly keysInFlight = new Map<string, Promise<string | null>>();
  private nextRequest = 1;

  constructor(
    private readonly config: EventsConfig,
    private readonly store: Store,
  ) {
    this.catalogs = new CatalogCache(store);
    this.writer = new WriterThread(store, config.writerDelayMs, this.units);
    this.queue = new EventQueue({
      capacity: config.queueEvents,
      transactionEvents: config.transactionEvents,
      commit: (ops) => this.writer.commit(ops),
      observe: (result) => this.observe(result),
      changed: () => this.publishDepth(),
    });
    eventMetrics.queueCapacity.set(config.queueEvents);
    this.publishDepth();
  }

  async handle(request: Request): Promise<Response> {
    if (this.shutdown.signal.aborted) return toResponse(this.refuse(new ShuttingDown(), request));
    const key = idempotencyKey(request.headers);
    // Shutdown waits until every answer has been handed to its connection (or the client left).
    let sent!: () => void;
    const done = new Promise<void>((resolve) => (sent = resolve));
    this.running.add(done);
    void done.then(() => this.running.delete(done));
    request.signal.addEventListener('abort', () => sent(), { once: true });
    try {
      return toResponse(await this.respond(request, key), sent);
    } catch (err) {
      sent();
      throw err;
    }
  }

  /**
   * Shutdown: refuse new requests, stop reading bodies still streaming (those requests get 503 and
   * store nothing), let every request whose last batch is queued commit and be answered, write
   * out the queue, then close the writer's connection.
   */
  async close(): Promise<void> {
    this.shutdown.abort(new ShuttingDown());
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.queue.drained();
    await this.writer.close();
  }

  private async respond(request: Request, key: string | null): Promise<Answer> {
    let settleKey: (answer: string | null) => void = () => {};
    if (key !== null) {
      const claim = await this.claim(key);
      if (typeof claim === 'string') {
        eventMetrics.requests.inc({ outcome: 'replayed' });
        return { status: 200, body: claim, headers: REPLAYED };
      }
      if (claim === null) return this.refuse(new ShuttingDown(), request);
      settleKey = claim;
    }
    try {
      const result = await this.ingest(request, key);
      settleKey(result.body);
      eventMetrics.requests.inc({ outcome: result.replayed ? 'replayed' : 'ok' });
      return { status: 200, body: result.body, headers: result.replayed ? REPLAYED : {} };
    } catch (err) {
      settleKey(null);
      return this.refuse(err, request);
    } finally {
      if (key !== null) this.keysInFlight.delete(key);
    }
  }

  /**
   * For a request with an Idempotency-Key: the stored answer of an earlier attempt (after waiting
   * for one still running), or the right to run it, as the function that publishes its answer
   * (null when the attempt failed); null when the server is shutting down. Checking and claiming
   * happen with no await in between (the key is checked again after reading the store), so two
   * retries cannot both claim the key.
   */
  private async claim(key: string): Promise<string | ((answer: string | null) => void) | null> {
    for (;;) {
      const running = this.keysInFlight.get(key);
      if (running) {
        const answer = await running;
        if (answer !== null) return answer;
        continue;
      }
      const stored = await this.store.events.storedResponse(key);
      if (typeof stored === 'string') return stored;
      // Another attempt may have claimed the key while the store was read.
      if (!this.keysInFlight.has(key)) break;
    }
    if (this.shutdown.signal.aborted) return null;
    let publish!: (answer: string | null) => void;
    this.keysInFlight.set(key, new Promise((resolve) => (publish = resolve)));
    return publish;
  }

  private async ingest(request: Request, key: string | null): Promise<{ body: string; replayed: boolean }> {
    const req = this.nextRequest++;
    const signal = AbortSignal.any([this.shutdown.signal, request.signal]);
    const lines = new RequestLines(this.reader, await this.currentValidator(), () => eventMetrics.rejected.inc());
    const splitter = new LineSplitter(lines, MAX_LINE_CHARS);
    const { waitMs, batchEvents } = this.config;
    let staged = 0;
    let handedOver = 0;
    try {
      const reader = request.body?.getReader();
      if (reader) {
        const decoder = new TextDecoder();
        for (;;) {
          const chunk = await readOrAbort(reader, signal);
          if (chunk.done) break;
          splitter.push(decoder.decode(chunk.value, { stream: true }));
          while (lines.builder.length >= batchEvents) {
            const batch = lines.builder.take();
            handedOver += batch.length;
            await this.queue.stage(req, batch, waitMs, signal);
            staged += batch.length;
          }
        }
        splitter.push(decoder.decode());
      }
      splitter.end();
      const body = JSON.stringify(lines.answer());
      const last = lines.builder.length > 0 ? lines.builder.take() : null;
      handedOver += last?.length ?? 0;
      const final: Extract<WriterOp, { kind: 'final' }> = {
        kind: 'final',
        req,
        batch: last,
        staged,
        idempotencyKey: key,
        response: body,
      };
      const outcome = await this.queue.finish(final, waitMs, signal);
      if (!outcome.stored) throw new Error(outcome.error);
      if (outcome.replay !== null) {
        eventMetrics.discarded.inc(staged + (last?.length ?? 0));
        return { body: outcome.replay, replayed: true };
      }
      eventMetrics.accepted.inc({ type: 'sale' }, lines.sales);
      eventMetrics.accepted.inc({ type: 'stock' }, lines.stock);
      return { body, replayed: false };
    } catch (err) {
      // Nothing of a failed request is stored: drop what it staged.
      if (staged > 0 || handedOver > 0) this.queue.discard(req);
      eventMetrics.discarded.inc(handedOver + lines.builder.length);
      throw err;
    }
  }

  /** A validator for the current catalog (a new one only when the catalog was reloaded) and today's date. */
  private async currentValidator(): Promise<EventValidator> {
    const catalog = await this.catalogs.current();
    if (this.validator?.catalog !== catalog) this.validator = new EventValidator(catalog, this.units);
    this.validator.latestDay = latestRecordDay(new Date());
    return this.validator;
  }

  private refuse(err: unknown, request: Request): Answer {
    const nothingStored = 'nothing from this request was stored, send it again';
    if (err instanceof QueueFullError) {
      eventMetrics.requests.inc({ outcome: 'busy' });
      return failure(503, 'busy', `the event queue had no room for ${err.waitedMs} ms; ${nothingStored}`, {
        'Retry-After': String(err.retryAfterSeconds),
      });
    }
    if (err instanceof ShuttingDown) {
      eventMetrics.requests.inc({ outcome: 'shutting_down' });
      return failure(503, 'shutting_down', `${err.message}; ${nothingStored}`, {
        'Retry-After': String(SHUTDOWN_RETRY_AFTER_S),
      });
    }
    const message = err instanceof Error ? err.message : String(err);
    if (request.signal.aborted) {
      // The client went away mid-body; nobody reads this answer.
      eventMetrics.requests.inc({ outcome: 'aborted' });
      return failure(400, 'aborted', `the request body was cut off (${message}); nothing was stored`);
    }
    eventMetrics.requests.inc({ outcome: 'failed' });
    log.error({ err }, 'event request failed');
    if (isDiskFull(err)) return failure(507, 'disk_full', `${diskFullMessage(this.store.dir)}; ${nothingStored}`);
    return failure(500, 'store_failed', `events could not be stored (${message}); ${nothingStored}`);
  }

  private observe(result: TransactionResult | null): void {
    if (result) eventMetrics.commitSeconds.observe(result.seconds);
  }

  private publishDepth(): void {
    eventMetrics.queueDepth.set(this.queue?.depth ?? 0);
    eventMetrics.queueBytes.set(this.queue?.bytes ?? 0);
    eventMetrics.producersWaiting.set(this.queue?.waiting ?? 0);
  }
}

/** The process's event ingestion, drained by the shutdown hooks before the store closes. */
export function eventIngest(): EventIngest {
  return processSingleton('eventIngest', () => {
    const service = new EventIngest(eventsConfig(), getStore());
    onShutdown('events', () => service.close(), 'intake');
    return service;
  });
}

function idempotencyKey(headers: Headers): string | null {
  const key = headers.get('idempotency-key');
  if (key === null) return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new Refusal('bad_input', 'bad_idempotency_key', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
  }
  return key;
}

function readOrAbort(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  signal: AbortSignal,
): Promise<ReadableStreamReadResult<Uint8Array>> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    reader.read().then(
      (result) => {
        signal.removeEventListener('abort', onAbort);
        resolve(result);
      },
      (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    );
  });
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

const REPLAYED = { 'Idempotent-Replayed': 'true' };

function failure(status: number, code: string, message: string, headers: Record<string, string> = {}): Answer {
  return { status, body: JSON.stringify({ error: { code, message } }), headers };
}

/**
 * The answer as a JSON response whose body reports, through `sent`, when the server has taken it
 * for the connection (or the client went away), so shutdown can wait for answers to go out before
 * connections are closed.
 */
function toResponse(answer: Answer, sent: () => void = () => {}): Response {
  const bytes = new TextEncoder().encode(answer.body);
  let given = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!given) {
        given = true;
        controller.enqueue(bytes);
      } else {
        controller.close();
        sent();
      }
    },
    cancel() {
      sent();
    },
  });
  return new Response(stream, {
    status: answer.status,
    headers: { 'Content-Type': 'application/json', ...answer.headers },
  });
}
