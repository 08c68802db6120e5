/**
 * Progress of a run, stage by stage. `done`/`total` count sales rows for the load, convert and
 * bucket stages and items for the others; `rate` is per second over what this run itself did
 * (items resumed from an earlier run are in `done` but not in the rate); `etaSeconds` is null
 * until there is a rate.
 */
export const STAGES = ['load', 'convert', 'bucket', 'tournament', 'confidence', 'inventory', 'persist'] as const;
export type Stage = (typeof STAGES)[number];

export interface ProgressEvent {
  runId: string;
  stage: Stage;
  done: number;
  total: number;
  unit: 'rows' | 'items';
  rate: number;
  etaSeconds: number | null;
  /** Seconds since the run started. */
  elapsedSeconds: number;
}

const MIN_INTERVAL_MS = 200;

/** Turns counts into throttled events: at most one per stage per 200 ms, and always the last. */
export class ProgressTracker {
  private readonly started = performance.now();
  private readonly stages = new Map<
    Stage,
    { since: number; base: number; lastEmit: number; done: number; total: number; sent: number }
  >();

  constructor(
    private readonly runId: string,
    private readonly emit: ((event: ProgressEvent) => void) | undefined,
  ) {}

  /** Starts a stage; `alreadyDone` (resumed items) counts toward done but not toward the rate. */
  begin(stage: Stage, total: number, alreadyDone = 0): void {
    this.stages.set(stage, { since: performance.now(), base: alreadyDone, lastEmit: 0, done: alreadyDone, total, sent: -1 });
    this.send(stage, true);
  }

  /** Sets the total of a stage whose size was an estimate (rows read so far). */
  retotal(stage: Stage, total: number): void {
    const s = this.stages.get(stage);
    if (s) s.total = total;
  }

  update(stage: Stage, done: number): void {
    const s = this.stages.get(stage);
    if (!s) return;
    s.done = done;
    this.send(stage, done >= s.total);
  }

  private send(stage: Stage, force: boolean): void {
    const s = this.stages.get(stage)!;
    const now = performance.now();
    if (!this.emit || s.sent === s.done || (!force && now - s.lastEmit < MIN_INTERVAL_MS)) return;
    s.lastEmit = now;
    s.sent = s.done;
    const seconds = (now - s.since) / 1000;
    const rate = seconds > 0 ? (s.done - s.base) / seconds : 0;
    this.emit({
      runId: this.runId,
      stage,
      done: s.done,
      total: s.total,
      unit: stage === 'load' || stage === 'convert' || stage === 'bucket' ? 'rows' : 'items',
      rate,
      etaSeconds: rate > 0 ? Math.max(0, (s.total - s.done) / rate) : null,
      elapsedSeconds: (now - this.started) / 1000,
    });
  }
}
