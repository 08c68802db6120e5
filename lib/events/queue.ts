import type { EventBatch } from './batch';
import type { FinalOutcome, TransactionResult, WriterOp } from './wire';

/** No room in the queue within the wait limit: the request is answered 503. */
export class QueueFullError extends Error {
  constructor(
    readonly waitedMs: number,
    readonly retryAfterSeconds: number,
  ) {
    super(`the event queue had no room for ${waitedMs} ms`);
    this.name = 'QueueFullError';
  }
}

export interface QueueOptions {
  /** Events admitted (queued or being written) before producers wait. */
  capacity: number;
  /** Most events the writer takes into one transaction. */
  transactionEvents: number;
  /** Applies ops in one transaction (the writer thread). */
  commit: (ops: WriterOp[]) => Promise<TransactionResult>;
  /** Called after every transaction, committed or failed. */
  observe?: (result: TransactionResult | null) => void;
  /** Depth, bytes or waiting count changed. */
  changed?: () => void;
}

interface Waiter {
  events: number;
  bytes: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

interface Queued {
  op: WriterOp;
  events: number;
  bytes: number;
  settle?: (outcome: FinalOutcome) => void;
}

/**
 * The bounded producer–consumer queue between request streams and the one writer. Producers are
 * admitted in arrival order while the events held (queued or in the transaction being written)
 * stay within capacity; otherwise they wait, which stops them reading their request body, so the
 * body is read no faster than the writer stores. Room is given back only when the writer has
 * committed, so memory stays bounded by capacity plus one partial batch per request.
 */
export class EventQueue {
  depth = 0;
  bytes = 0;
  private readonly waiters: Waiter[] = [];
  private pending: Queued[] = [];
  private writing = false;
  private idle: (() => void)[] = [];
  /** Recent commit rate (events per second), for Retry-After. */
  private rate = 0;

  constructor(private readonly options: QueueOptions) {}

  get waiting(): number {
    return this.waiters.length;
  }

  /** Queues a batch of a longer request for staging, after waiting for room. */
  async stage(req: number, batch: EventBatch, waitMs: number, signal: AbortSignal): Promise<void> {
    await this.admit(batch.length, batch.buffer.byteLength, waitMs, signal);
    this.push({ op: { kind: 'stage', req, batch }, events: batch.length, bytes: batch.buffer.byteLength });
  }

  /**
   * Queues a request's last batch and resolves once the writer committed the request (or failed it).
   * Room for the last batch is waited for like any other; after that the request is committed
   * even if the server starts shutting down, since shutdown drains the queue.
   */
  async finish(
    op: Extract<WriterOp, { kind: 'final' }>,
    waitMs: number,
    signal: AbortSignal,
  ): Promise<FinalOutcome> {
    const events = op.batch?.length ?? 0;
    const bytes = op.batch?.buffer.byteLength ?? 0;
    if (events > 0) await this.admit(events, bytes, waitMs, signal);
    return new Promise((settle) => this.push({ op, events, bytes, settle }));
  }

  /** Drops whatever a failed request staged. Needs no room: it frees room. */
  discard(req: number): void {
    this.push({ op: { kind: 'discard', req }, events: 0, bytes: 0 });
  }

  /** Seconds a refused producer should wait: the time to write what the queue holds, 1–60 s. */
  retryAfterSeconds(): number {
    const seconds = this.rate > 0 ? Math.ceil(this.depth / this.rate) : 5;
    return Math.min(60, Math.max(1, seconds));
  }

  /** Resolves when every queued op has been written. */
  drained(): Promise<void> {
    if (!this.writing && this.pending.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private admit(events: number, bytes: number, waitMs: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.waiters.length === 0 && this.fits(events)) {
      this.take(events, bytes);
      return Promise.resolve();
    }
    const started = Date.now();
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        events,
        bytes,
        resolve: () => {
          cleanup();
          resolve();
        },
        reject: (err) => {
          cleanup();
          reject(err);
        },
      };
      const leave = (err: unknown) => {
        const at = this.waiters.indexOf(waiter);
        if (at < 0) return;
        this.waiters.splice(at, 1);
        waiter.reject(err);
        this.wake(); // the one behind may fit where this one did not
      };
      const timer = setTimeout(
        () => leave(new QueueFullError(Date.now() - started, this.retryAfterSeconds())),
        waitMs,
      );
      const onAbort = () => leave(signal.reason);
      const cleanup = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.options.changed?.();
    });
  }

  /** An empty queue takes any batch, so a batch larger than the capacity cannot wait forever. */
  private fits(events: number): boolean {
    return this.depth === 0 || this.depth + events <= this.options.capacity;
  }

  private take(events: number, bytes: number): void {
    this.depth += events;
    this.bytes += bytes;
    this.options.changed?.();
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.fits(this.waiters[0]!.events)) {
      const waiter = this.waiters.shift()!;
      this.take(waiter.events, waiter.bytes);
      waiter.resolve();
    }
    this.options.changed?.();
  }

  private push(item: Queued): void {
    this.pending.push(item);
    this.pump();
  }

  private pump(): void {
    if (this.writing || this.pending.length === 0) return;
    let events = 0;
    let n = 0;
    while (n < this.pending.length) {
      const next = this.pending[n]!.events;
      if (n > 0 && events + next > this.options.transactionEvents) break;
      events += next;
      n++;
    }
    const group = this.pending.slice(0, n);
    this.pending = this.pending.slice(n);
    this.writing = true;
    const ops = group.map((q) => q.op);
    this.options.commit(ops).then(
      (result) => this.settle(group, result, null),
      (err: unknown) => this.settle(group, null, err instanceof Error ? err.message : String(err)),
    );
  }

  private settle(group: Queued[], result: TransactionResult | null, error: string | null): void {
    let events = 0;
    let bytes = 0;
    for (const q of group) {
      events += q.events;
      bytes += q.bytes;
    }
    if (result && result.seconds > 0) {
      const instant = events / result.seconds;
      this.rate = this.rate === 0 ? instant : 0.8 * this.rate + 0.2 * instant;
    }
    this.options.observe?.(result);
    const outcomes = new Map(result?.finals.map((f) => [f.req, f]));
    for (const q of group) {
      if (!q.settle) continue;
      const req = q.op.req;
      q.settle(outcomes.get(req) ?? { req, stored: false, error: `store write failed: ${error ?? 'no outcome'}` });
    }
    this.depth -= events;
    this.bytes -= bytes;
    this.writing = false;
    this.wake();
    this.pump();
    if (!this.writing && this.pending.length === 0) for (const resolve of this.idle.splice(0)) resolve();
  }
}
