import type { HubEvent, RunJson } from './types';

type Listener = (event: HubEvent) => void;

/**
 * Fan-out of run progress to every subscriber (SSE streams, tests). A subscriber that joins mid-run
 * first receives the latest snapshot, then live events, then the final event. Progress is
 * throttled per run (stage changes and final events always pass) so a fast pipeline cannot flood
 * a hundred open tabs.
 */
export class ProgressHub {
  private readonly listeners = new Set<Listener>();
  private latest: RunJson | null = null;
  private lastSentAt = 0;
  private lastSentStage = '';
  private trailing: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly minIntervalMs = 100,
    private readonly onSubscribersChanged: (count: number) => void = () => {},
  ) {}

  get subscriberCount(): number {
    return this.listeners.size;
  }

  /** The latest run state published, if any (sent first to every new subscriber). */
  snapshot(): RunJson | null {
    return this.latest;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    this.onSubscribersChanged(this.listeners.size);
    if (this.latest) listener({ event: 'progress', data: this.latest });
    return () => {
      if (this.listeners.delete(listener)) this.onSubscribersChanged(this.listeners.size);
    };
  }

  progress(run: RunJson): void {
    this.latest = run;
    const now = Date.now();
    const stageChanged = run.stage !== this.lastSentStage || run.status !== 'running';
    if (stageChanged || now - this.lastSentAt >= this.minIntervalMs) {
      this.flush(now);
    } else if (!this.trailing) {
      // The last event of a burst still goes out, a little later.
      this.trailing = setTimeout(() => this.flush(Date.now()), this.minIntervalMs - (now - this.lastSentAt));
    }
  }

  finish(run: RunJson): void {
    this.latest = run;
    this.flush(Date.now());
    const final: HubEvent =
      run.status === 'failed'
        ? { event: 'error', data: { runId: run.runId, status: run.status, error: run.error ?? 'run failed' } }
        : { event: 'done', data: { runId: run.runId, status: run.status, summary: run.summary ?? null } };
    this.emit(final);
  }

  /** Tells every subscriber the server is going away, and drops them. */
  close(): void {
    if (this.trailing) clearTimeout(this.trailing);
    this.emit({ event: 'shutdown', data: { message: 'the server is shutting down' } });
    this.listeners.clear();
    this.onSubscribersChanged(0);
  }

  private flush(now: number): void {
    if (this.trailing) {
      clearTimeout(this.trailing);
      this.trailing = null;
    }
    if (!this.latest) return;
    this.lastSentAt = now;
    this.lastSentStage = this.latest.stage;
    this.emit({ event: 'progress', data: { ...this.latest } });
  }

  private emit(event: HubEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A broken subscriber (closed stream) must not stop the others.
      }
    }
  }
}
