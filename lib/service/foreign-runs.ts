import os from 'node:os';
import { readLockHolder } from '../pipeline';
import type { RunRecord, Store } from '../store';
import type { ProgressHub } from './progress-hub';
import { runJsonFromRecord } from './run-json';
import type { RunJson } from './types';

const POLL_MS = 400;
/** With notifications, polling is only the backstop for one that was lost. */
const BACKSTOP_POLL_MS = 2_000;

/**
 * Shows runs of other processes (the command line, a second server) to this server's tabs: while
 * another process holds the pipeline lock, its run-table row is read and published on the hub
 * like a local run, then its final state when the lock is released. The embedded store's rows
 * are read a few times a second; a database's are read when it notifies a change (one LISTEN
 * connection per server; every chunk commit changes the row), and again after a reconnect.
 */
export class ForeignRunWatcher {
  private timer: ReturnType<typeof setInterval> | null = null;
  private stopListening: (() => Promise<void>) | null = null;
  private watching: { runId: string; lastDone: number; lastAt: number; rate: number } | null = null;
  private polling = false;
  /** A change arrived while a poll was reading: read once more after it. */
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly hub: ProgressHub,
    /** True while this server has a run of its own in flight (its events take precedence). */
    private readonly busyLocally: () => boolean,
    /** Told when a watched run of another process has finished, with its final row. */
    private readonly onFinished: (record: RunRecord) => void = () => {},
  ) {}

  start(): void {
    const changes = this.store.runChanges;
    if (changes && !this.stopListening) {
      const read = () => void this.poll();
      this.stopListening = changes.listen({ onChange: read, onReconnect: read });
    }
    this.timer ??= setInterval(() => void this.poll(), changes ? BACKSTOP_POLL_MS : POLL_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const stop = this.stopListening;
    this.stopListening = null;
    await stop?.();
  }

  private async poll(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return;
    }
    if (!this.store.isOpen) return;
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
    if (this.again) {
      this.again = false;
      await this.poll();
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
    if (record && record.status !== 'running') {
      this.hub.finish(runJsonFromRecord(record));
      this.onFinished(record);
    }
  }
}
