import { warmInbox } from '../actions/inbox-model';
import type { PipelineParams } from '../pipeline';
import { log } from '../runtime/log';
import { onShutdown } from '../runtime/shutdown';
import { processSingleton } from '../runtime/singleton';
import { getStore, type Store } from '../store';
import { startServerChunkWorker } from './chunk-worker';
import { ForeignRunWatcher } from './foreign-runs';
import { serviceMetrics } from './metrics';
import { pipelineRunner } from './pipeline-runner';
import { RefreshService } from './refresh-service';
import { runJsonFromRecord } from './run-json';
import type { RunJson } from './types';

export type { RefreshAnswer, RunJson, HubEvent, LockHolder } from './types';

/**
 * The server's one backend: refresh coordination, progress for every tab, run history. Kept on
 * globalThis: Next.js may load this module more than once, and two services would mean two runs.
 */
export class StockcastService {
  readonly refresh: RefreshService<PipelineParams>;
  private readonly watcher: ForeignRunWatcher;
  private schedule: ReturnType<typeof setInterval> | null = null;
  private chunkWorker: Promise<(() => Promise<void>) | null> = Promise.resolve(null);

  constructor(private readonly store: Store) {
    this.refresh = new RefreshService(pipelineRunner(store), serviceMetrics());
    // A run of the command line or another server: rank its results for the inbox here too.
    this.watcher = new ForeignRunWatcher(
      store,
      this.refresh.hub,
      () => this.refresh.current() !== null,
      (record) => {
        if (record.status === 'completed') void warmInbox(store);
      },
    );
  }

  /**
   * A run by id: live state from this server first, else the run table (other processes too),
   * else a run of another server this one joined before its row was written.
   */
  async run(runId: string): Promise<RunJson | undefined> {
    const live = this.refresh.get(runId);
    if (live) return live;
    const record = await this.store.runs.get(runId);
    return record ? runJsonFromRecord(record) : this.refresh.joined(runId);
  }

  /** Recent runs, newest first: queued and live ones of this server, then the run table. */
  async recentRuns(limit: number): Promise<RunJson[]> {
    const records = await this.store.runs.list({ limit });
    const live = this.refresh.recent().filter((r) => r.status === 'queued' || r.status === 'running');
    const seen = new Set(live.map((r) => r.runId));
    const stored = records
      .filter((r) => !seen.has(r.id))
      .map((record) => this.refresh.get(record.id) ?? runJsonFromRecord(record));
    return [...live, ...stored].slice(0, limit);
  }

  start(): void {
    this.watcher.start();
    // Results stored before this server started (a command-line run while it was down, a restart).
    void warmInbox(this.store, 'start');
    this.chunkWorker = startServerChunkWorker(this.store).catch((err: unknown) => {
      log.error({ err }, 'service: could not start working the chunk queue');
      return null;
    });
    const every = Number(process.env.STOCKCAST_REFRESH_INTERVAL_S ?? 0);
    if (every > 0) {
      this.schedule = setInterval(() => void this.scheduledRefresh('scheduled'), every * 1000);
      this.schedule.unref();
    }
  }

  /**
   * Makes sure results exist for the current data with default parameters: at start-up this
   * loads the first results of fresh demo data, and resumes a run that a shutdown or crash cut
   * short (the pipeline continues its stored items). A cached key makes it a no-op.
   */
  async scheduledRefresh(requestedBy: string): Promise<void> {
    try {
      const answer = await this.refresh.refresh({ priority: 'scheduled', requestedBy });
      if (answer.status !== 'cached') log.info({ ...answer, requestedBy }, 'service: scheduled refresh');
    } catch (err) {
      log.warn({ err }, 'service: scheduled refresh refused');
    }
  }

  async shutdown(): Promise<void> {
    if (this.schedule) clearInterval(this.schedule);
    await this.watcher.stop();
    await this.refresh.shutdown();
    await (await this.chunkWorker)?.();
  }
}

export function getService(): StockcastService {
  return processSingleton('service', () => {
    const service = new StockcastService(getStore());
    service.start();
    onShutdown('service', () => service.shutdown(), 'intake');
    return service;
  });
}
