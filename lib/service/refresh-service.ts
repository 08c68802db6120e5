import { Mutex } from 'async-mutex';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { Refusal } from '../runtime/refusal';
import { ProgressHub } from './progress-hub';
import type { PipelineRunner, StageProgress } from './runner';
import type { LockHolder, RefreshAnswer, RefreshPriority, RunJson } from './types';
import type { ServiceMetrics } from './metrics';

export interface RefreshRequest {
  force?: boolean;
  params?: unknown;
  priority?: RefreshPriority;
  requestedBy?: string;
}

interface Run<P> {
  json: RunJson;
  params: P;
  paramsKey: string;
  force: boolean;
  priority: RefreshPriority;
  abort: AbortController;
  /** Settles when the run has finished, whatever its outcome. */
  finished: Promise<void>;
  settle: () => void;
}

interface CachedResult {
  runId: string;
  summary: unknown;
}

const RECENT_RUNS = 200;

/**
 * Single-flight refresh. However many tabs, users or jobs ask at once:
 * - a cached result for (data version, parameters) answers at once (`cached`);
 * - a run in flight for the same key is joined (`joined`), never started twice;
 * - a request for another key while a run is active waits in a queue that holds at most one
 *   follow-up per parameter set (`queued`): any number of askers share it, and it runs for the
 *   newest data version when its turn comes. Interactive follow-ups go before scheduled ones;
 * - otherwise one run starts (`started`).
 * Decisions are made one at a time (they read the data version and the stored runs, which may
 * wait for a database server), so concurrent requests cannot race past each other. Runs execute
 * one at a time under a second mutex; across processes the pipeline's lock serializes them.
 */
export class RefreshService<P> {
  readonly hub: ProgressHub;
  private readonly mutex = new Mutex();
  private readonly decisions = new Mutex();
  private readonly cache: LRUCache<string, CachedResult>;
  private readonly runs = new Map<string, Run<P>>();
  private readonly joinedRuns = new Map<string, RunJson>();
  private active: Run<P> | null = null;
  private readonly pending: Run<P>[] = [];
  private accepting = true;

  constructor(
    private readonly runner: PipelineRunner<P>,
    private readonly metrics: ServiceMetrics,
    options: { cacheBytes?: number } = {},
  ) {
    this.hub = new ProgressHub(100, (n) => metrics.subscribers.set(n));
    this.cache = new LRUCache<string, CachedResult>({
      maxSize: options.cacheBytes ?? 8 * 1024 * 1024,
      sizeCalculation: (value, key) => key.length + JSON.stringify(value.summary ?? null).length + 64,
    });
  }

  async refresh(request: RefreshRequest): Promise<RefreshAnswer> {
    if (!this.accepting) throw shuttingDown();
    const params = this.runner.normalizeParams(request.params ?? {});
    return this.decisions.runExclusive(() => this.decide(request, params));
  }

  private async decide(request: RefreshRequest, params: P): Promise<RefreshAnswer> {
    if (!this.accepting) throw shuttingDown();
    const priority = request.priority ?? 'interactive';
    const force = request.force === true;
    const key = this.runner.runKey(await this.runner.dataVersion(), params);

    const active = this.active;
    if (active && active.json.key === key && active.json.status !== 'cancelled') {
      return this.answer(active, 'joined');
    }
    if (!force) {
      const cached = await this.lookupCache(key);
      if (cached) {
        this.metrics.requests.inc({ outcome: 'cached' });
        return { runId: cached.runId, status: 'cached', key };
      }
    }
    if (active) {
      const paramsKey = this.runner.paramsKey(params);
      let follow = this.pending.find((r) => r.paramsKey === paramsKey);
      if (follow) {
        follow.force ||= force;
        if (priority === 'interactive') follow.priority = 'interactive';
        follow.json.key = key;
      } else {
        follow = this.createRun(key, params, force, priority, request.requestedBy ?? priority);
        this.pending.push(follow);
        this.metrics.queueDepth.set(this.pending.length);
      }
      return this.answer(follow, 'queued');
    }
    const requestedBy = request.requestedBy ?? 'refresh';
    const runId = randomUUID();
    let holder: LockHolder | null;
    if (this.runner.claim) {
      // Several servers on one database: the run lock, taken now, decides which run computes the
      // key; a server that finds another one computing it joins that run under its run id.
      const claim = await this.runner.claim({ runId, key, command: `server (${requestedBy})` });
      if (claim.outcome === 'join') {
        this.metrics.requests.inc({ outcome: 'joined' });
        this.rememberJoined(claim.holder, key);
        return { runId: claim.holder.runId, status: 'joined', key };
      }
      if (claim.outcome === 'claimed' && !force) {
        // That other server's run may have completed the key between the look-up and the claim.
        const cached = await this.lookupCache(key);
        if (cached) {
          await this.runner.releaseClaim?.(runId);
          this.metrics.requests.inc({ outcome: 'cached' });
          return { runId: cached.runId, status: 'cached', key };
        }
      }
      holder = claim.outcome === 'busy' ? claim.holder : null;
    } else {
      holder = await this.runner.foreignHolder();
    }
    const run = this.createRun(key, params, force, priority, requestedBy, runId);
    // Another process (the command line, a second server) runs now: ours starts, waits for the
    // lock as `queued` naming the holder, and runs when the lock is free.
    this.start(run, holder);
    return this.answer(run, holder ? 'queued' : 'started');
  }

  /**
   * A run of another server that this one joined, as first seen (its run-table row may not be
   * written yet); the row is the record once it exists.
   */
  joined(runId: string): RunJson | undefined {
    const run = this.joinedRuns.get(runId);
    return run ? { ...run } : undefined;
  }

  private rememberJoined(holder: LockHolder, key: string): void {
    if (this.joinedRuns.has(holder.runId)) return;
    this.joinedRuns.set(holder.runId, {
      runId: holder.runId,
      key,
      status: 'running',
      stage: 'starting',
      done: 0,
      total: 0,
      rate: 0,
      etaSeconds: null,
      startedAt: holder.since,
      finishedAt: null,
      origin: 'server',
      requestedBy: holder.command,
    });
    for (const id of this.joinedRuns.keys()) {
      if (this.joinedRuns.size <= RECENT_RUNS) break;
      this.joinedRuns.delete(id);
    }
  }

  /** Stops a queued or running run for everyone who waits on it. */
  cancel(runId: string): RunJson {
    const run = this.runs.get(runId);
    if (!run) throw new Refusal('not_found', 'not_found', `no run ${runId} in this server`);
    if (run.json.status === 'queued' && this.pending.includes(run)) {
      this.pending.splice(this.pending.indexOf(run), 1);
      this.metrics.queueDepth.set(this.pending.length);
      this.finishRun(run, 'cancelled', undefined, 'cancelled by request');
    } else if (run.json.status === 'queued' || run.json.status === 'running') {
      run.abort.abort(new Error('cancelled by request'));
    } else {
      throw new Refusal('conflict', 'not_active', `run ${runId} already ${run.json.status}`);
    }
    return { ...run.json };
  }

  get(runId: string): RunJson | undefined {
    const run = this.runs.get(runId);
    return run ? { ...run.json } : undefined;
  }

  /** Runs this server knows about, newest first. */
  recent(): RunJson[] {
    return [...this.runs.values()].map((r) => ({ ...r.json })).reverse();
  }

  current(): RunJson | null {
    return this.active ? { ...this.active.json } : null;
  }

  get queueDepth(): number {
    return this.pending.length;
  }

  /** Resolves when the given run has finished (tests, the CLI bridge). */
  async settled(runId: string): Promise<RunJson | undefined> {
    const run = this.runs.get(runId);
    if (run) await run.finished;
    return this.get(runId);
  }

  /**
   * Shutdown: refuse new refreshes, drop queued follow-ups, stop the active run (the pipeline
   * commits its last finished batch and releases the lock), and wait for it to settle.
   */
  async shutdown(): Promise<void> {
    this.accepting = false;
    for (const run of this.pending.splice(0)) this.finishRun(run, 'cancelled', undefined, 'server shutting down');
    this.metrics.queueDepth.set(0);
    const active = this.active;
    if (active) {
      active.abort.abort(new Error('server shutting down'));
      await active.finished;
    }
    this.hub.close();
  }

  private answer(run: Run<P>, status: RefreshAnswer['status']): RefreshAnswer {
    this.metrics.requests.inc({ outcome: status });
    return { runId: run.json.runId, status, key: run.json.key };
  }

  private async lookupCache(key: string): Promise<CachedResult | undefined> {
    let cached = this.cache.get(key);
    if (!cached) {
      cached = await this.runner.findCompleted(key);
      if (cached) this.cache.set(key, cached);
    }
    return cached;
  }

  private createRun(
    key: string,
    params: P,
    force: boolean,
    priority: RefreshPriority,
    requestedBy: string,
    runId: string = randomUUID(),
  ): Run<P> {
    let settle!: () => void;
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const run: Run<P> = {
      json: {
        runId,
        key,
        status: 'queued',
        stage: 'queued',
        done: 0,
        total: 0,
        rate: 0,
        etaSeconds: null,
        startedAt: null,
        finishedAt: null,
        origin: 'server',
        requestedBy,
      },
      params,
      paramsKey: this.runner.paramsKey(params),
      force,
      priority,
      abort: new AbortController(),
      finished,
      settle,
    };
    this.runs.set(run.json.runId, run);
    if (this.runs.size > RECENT_RUNS) {
      for (const [id, old] of this.runs) {
        if (this.runs.size <= RECENT_RUNS) break;
        if (old !== this.active && !this.pending.includes(old)) this.runs.delete(id);
      }
    }
    return run;
  }

  private start(run: Run<P>, holder: LockHolder | null = null): void {
    this.active = run;
    run.json.startedAt = new Date().toISOString();
    if (holder) Object.assign(run.json, { status: 'queued', stage: 'waiting for lock', waitingFor: holder });
    else Object.assign(run.json, { status: 'running', stage: 'starting' });
    this.metrics.started.inc();
    this.hub.progress({ ...run.json });
    void this.mutex.runExclusive(() => this.execute(run));
  }

  private async execute(run: Run<P>): Promise<void> {
    const startedAt = process.hrtime.bigint();
    let lockWaitStarted: bigint | null = null;
    try {
      run.abort.signal.throwIfAborted();
      const result = await this.runner.run({
        runId: run.json.runId,
        params: run.params,
        force: run.force,
        requestedBy: run.json.requestedBy,
        signal: run.abort.signal,
        onProgress: (p: StageProgress) => {
          Object.assign(run.json, p, { status: 'running' as const, waitingFor: undefined });
          this.hub.progress({ ...run.json });
        },
        onLockWait: (holder: LockHolder) => {
          lockWaitStarted ??= process.hrtime.bigint();
          Object.assign(run.json, { status: 'queued' as const, stage: 'waiting for lock', waitingFor: holder });
          this.hub.progress({ ...run.json });
        },
        onLockAcquired: () => {
          if (lockWaitStarted !== null) {
            this.metrics.lockWait.observe(Number(process.hrtime.bigint() - lockWaitStarted) / 1e9);
          } else {
            this.metrics.lockWait.observe(0);
          }
          Object.assign(run.json, { status: 'running' as const, waitingFor: undefined });
          this.hub.progress({ ...run.json });
        },
      });
      run.json.key = result.key;
      this.cache.set(result.key, { runId: run.json.runId, summary: result.summary });
      this.finishRun(run, 'succeeded', result.summary);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.finishRun(run, run.abort.signal.aborted ? 'cancelled' : 'failed', undefined, message);
    } finally {
      this.metrics.duration.observe(Number(process.hrtime.bigint() - startedAt) / 1e9);
    }
  }

  private finishRun(run: Run<P>, status: 'succeeded' | 'failed' | 'cancelled', summary?: unknown, error?: string): void {
    Object.assign(run.json, { status, finishedAt: new Date().toISOString(), waitingFor: undefined });
    if (summary !== undefined) run.json.summary = summary;
    if (error !== undefined) run.json.error = error;
    if (status === 'succeeded' && run.json.total > 0) run.json.etaSeconds = 0;
    this.metrics.finished.inc({ status });
    this.hub.finish({ ...run.json });
    // A run cancelled before it started leaves its claim of the lock unused.
    void this.runner.releaseClaim?.(run.json.runId).catch(() => {});
    run.settle();
    if (this.active === run) {
      this.active = null;
      if (this.accepting) void this.decisions.runExclusive(() => this.next());
    }
  }

  /**
   * After a run: promote the next follow-up (interactive first), for the newest data version.
   * A decision made meanwhile may have started a run already; the follow-ups then wait for it.
   */
  private async next(): Promise<void> {
    while (this.pending.length > 0 && !this.active && this.accepting) {
      const index = this.pending.findIndex((r) => r.priority === 'interactive');
      const [run] = this.pending.splice(index >= 0 ? index : 0, 1);
      this.metrics.queueDepth.set(this.pending.length);
      let key: string;
      let cached: CachedResult | undefined;
      try {
        key = this.runner.runKey(await this.runner.dataVersion(), run!.params);
        cached = run!.force ? undefined : await this.lookupCache(key);
      } catch (err) {
        this.finishRun(run!, 'failed', undefined, err instanceof Error ? err.message : String(err));
        continue;
      }
      run!.json.key = key;
      if (cached) {
        // Someone (another process, an earlier run) already produced this key: the queued askers
        // get that result under the run id they were given.
        this.finishRun(run!, 'succeeded', cached.summary);
        continue;
      }
      this.start(run!, await this.runner.foreignHolder().catch(() => null));
      return;
    }
  }
}

function shuttingDown(): Refusal {
  return new Refusal('unavailable', 'shutting_down', 'the server is shutting down', undefined, 5);
}
