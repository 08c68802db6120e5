import os from 'node:os';
import { readLockHolder } from '../pipeline';
import type { Store } from '../store';
import type { ProgressHub } from './progress-hub';
import { runJsonFromRecord } from './run-json';
import type { RunJson } from './types';

const POLL_MS = 400;

/**
 * Shows runs of other processes (the command line, a second server) to this server's tabs: while
 * another process holds the pipeline lock, its run-table row is read a few times a second and
 * published on the hub like a local run, then its final state when the lock is released.
 */
export class ForeignRunWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private watching: { runId: string; lastDone: number; lastAt: number; rate: number } | null = null;
  private polling = false;

  constructor(
    private readonly store: Store,
    private readonly hub: ProgressHub,
    /** True while this server has a run of its own in flight (its events take precedence). */
    private readonly busyLocally: () => boolean,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.poll(), POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.store.isOpen) return;
    this.polling = true;
    try {
      const holder = this.store.runLock ? await this.store.runLock.read() : await readLockHolder(this.store.dir);
      const foreign = holder && (holder.pid !== process.pid || holder.host !== os.hostname()) ? holder : null;
      if (this.watching && this.watching.runId !== foreign?.runId) await this.finishWatched(this.watching.runId);
      if (foreign && !this.busyLocally()) await this.publish(foreign.runId, foreign.command);
    } catch {
      // A lock file caught mid-rename or a busy database: try again next tick.
    } finally {
      this.polling = false;
    }
  }

  private async publish(runId: string, command: string): Promise<void> {
    const record = await this.store.runs.get(runId);
    if (!record) return;
    const now = Date.now();
    const w =
      this.watching?.runId === runId
        ? this.watching
        : (this.watching = { runId, lastDone: record.itemsDone, lastAt: now, rate: 0 });
    if (record.itemsDone !== w.lastDone && now > w.lastAt) {
      const instant = ((record.itemsDone - w.lastDone) * 1000) / (now - w.lastAt);
      w.rate = w.rate === 0 ? instant : 0.7 * w.rate + 0.3 * instant;
      w.lastDone = record.itemsDone;
      w.lastAt = now;
    }
    const json: RunJson = { ...runJsonFromRecord(record), requestedBy: command, rate: w.rate };
    if (json.status === 'running' && w.rate > 0 && json.total > 0) {
      json.etaSeconds = Math.max(0, (json.total - json.done) / w.rate);
    }
    this.hub.progress(json);
  }

  private async finishWatched(runId: string): Promise<void> {
    this.watching = null;
    const record = await this.store.runs.get(runId);
    if (record && record.status !== 'running') this.hub.finish(runJsonFromRecord(record));
  }
}
