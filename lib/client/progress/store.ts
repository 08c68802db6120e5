import type { RefreshAnswer, RunJson, RunStatus } from '@/lib/service/types';

/**
 * This tab's view of the current pipeline run, fed by whichever transport delivers the shared
 * progress (the leader tab's EventSource, the BroadcastChannel, or polling). Plain module state
 * with subscribe/getSnapshot for React's useSyncExternalStore; no React here.
 */
export type ProgressMessage =
  | { type: 'progress'; run: RunJson }
  | { type: 'done'; runId: string; status: RunStatus; summary?: unknown }
  | { type: 'error'; runId: string; status: RunStatus; error: string };

export interface Outcome {
  runId: string;
  status: RunStatus;
  error?: string;
  /** Date.now() when this tab learned of it. */
  at: number;
}

export interface ProgressState {
  /** The latest run the stream told of (active or finished), or one this tab just asked for. */
  run: RunJson | null;
  /** The run is queued or running. */
  active: boolean;
  /** This tab's Refresh joined a run someone else started. */
  joinedRunId: string | null;
  /** The last run this tab saw finish while open. */
  outcome: Outcome | null;
  /** This tab's last Refresh was answered from the cache (Date.now()). */
  cachedAt: number | null;
  /** This tab's last Refresh request itself failed (not the run): the message. */
  requestError: string | null;
  transport: 'connecting' | 'leader' | 'follower' | 'polling';
}

const ACTIVE: ReadonlySet<RunStatus> = new Set(['queued', 'running']);
export const isActive = (run: RunJson | null | undefined): boolean => !!run && ACTIVE.has(run.status);

type Listener = () => void;

/** Run id of a Refresh this tab sent that the server has not answered yet. */
const PENDING = 'pending';
export const isPendingRequest = (run: RunJson): boolean => run.runId === PENDING;

function provisionalRun(runId: string, key: string): RunJson {
  return {
    runId,
    key,
    status: 'queued',
    stage: 'queued',
    done: 0,
    total: 0,
    rate: 0,
    etaSeconds: null,
    startedAt: new Date().toISOString(),
    finishedAt: null,
    origin: 'server',
    requestedBy: 'refresh',
  };
}

export class ProgressStore {
  private state: ProgressState = {
    run: null,
    active: false,
    joinedRunId: null,
    outcome: null,
    cachedAt: null,
    requestError: null,
    transport: 'connecting',
  };
  private readonly listeners = new Set<Listener>();
  private readonly finishedListeners = new Set<(outcome: Outcome) => void>();
  /** Runs known to have ended, so a late or repeated message cannot revive them. */
  private readonly ended = new Map<string, RunStatus>();
  private lastMessageAt = 0;

  getSnapshot = (): ProgressState => this.state;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called once per run that ends while this tab is open (to refetch data). */
  onFinished(listener: (outcome: Outcome) => void): () => void {
    this.finishedListeners.add(listener);
    return () => this.finishedListeners.delete(listener);
  }

  /** Milliseconds since the transport last delivered anything. */
  silenceMs(now = Date.now()): number {
    return this.lastMessageAt === 0 ? Number.POSITIVE_INFINITY : now - this.lastMessageAt;
  }

  setTransport(transport: ProgressState['transport']): void {
    if (this.state.transport !== transport) this.set({ ...this.state, transport });
  }

  receive(message: ProgressMessage): void {
    this.lastMessageAt = Date.now();
    if (message.type === 'progress') {
      const run = message.run;
      const endedAs = this.ended.get(run.runId);
      if (endedAs && ACTIVE.has(run.status)) return; // stale: it already ended
      const wasActive = this.state.active && this.state.run?.runId === run.runId;
      this.set({ ...this.state, run, active: isActive(run) });
      // A final snapshot without a done/error event (polling, or a stream that reconnected late).
      if (wasActive && !isActive(run)) this.finish(run.runId, run.status, run.error);
      return;
    }
    const current = this.state.run;
    if (current && current.runId === message.runId) {
      const run: RunJson = { ...current, status: message.status, ...(message.type === 'error' ? { error: message.error } : {}) };
      this.set({ ...this.state, run, active: false });
    }
    this.finish(message.runId, message.status, message.type === 'error' ? message.error : undefined);
  }

  /**
   * This tab's Refresh was just pressed: show it at once, before the server answers (which may
   * take a moment while a run starts). The answer or the stream replaces it.
   */
  requesting(): void {
    if (this.state.active) return;
    this.set({ ...this.state, run: provisionalRun(PENDING, ''), active: true, cachedAt: null, requestError: null });
  }

  /** What this tab's Refresh was answered with. */
  asked(answer: RefreshAnswer): void {
    const pending = this.state.run?.runId === PENDING;
    if (answer.status === 'cached') {
      this.set({
        ...this.state,
        ...(pending ? { run: null, active: false } : {}),
        cachedAt: Date.now(),
        joinedRunId: null,
        requestError: null,
      });
      return;
    }
    const joinedRunId = answer.status === 'joined' ? answer.runId : null;
    if (this.ended.has(answer.runId) || this.state.run?.runId === answer.runId) {
      this.set({ ...this.state, joinedRunId, cachedAt: null, requestError: null });
      return;
    }
    // Shown at once; the stream replaces it with the real state within moments.
    this.set({ ...this.state, run: provisionalRun(answer.runId, answer.key), active: true, joinedRunId, cachedAt: null, requestError: null });
  }

  /** This tab's Refresh request failed (refused, server away). */
  requestFailed(message: string): void {
    const pending = this.state.run?.runId === PENDING;
    this.set({ ...this.state, ...(pending ? { run: null, active: false } : {}), requestError: message, cachedAt: null });
  }

  dismissNotices(): void {
    this.set({ ...this.state, outcome: null, cachedAt: null, requestError: null });
  }

  private finish(runId: string, status: RunStatus, error?: string): void {
    if (this.ended.has(runId)) return;
    this.ended.set(runId, status);
    const outcome: Outcome = { runId, status, at: Date.now(), ...(error ? { error } : {}) };
    this.set({ ...this.state, outcome, joinedRunId: this.state.joinedRunId === runId ? null : this.state.joinedRunId });
    for (const listener of this.finishedListeners) listener(outcome);
  }

  private set(next: ProgressState): void {
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/** The tab's one store. */
export const progressStore = new ProgressStore();
