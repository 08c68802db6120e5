import type { LockHolder } from './types';

/** Progress of one stage, as the pipeline reports it. */
export interface StageProgress {
  stage: string;
  done: number;
  total: number;
  rate: number;
  etaSeconds: number | null;
}

export interface RunRequest<P> {
  runId: string;
  params: P;
  force: boolean;
  requestedBy: string;
  signal: AbortSignal;
  onProgress(progress: StageProgress): void;
  /** The cross-process lock is held by another process; the run waits for it. */
  onLockWait(holder: LockHolder): void;
  onLockAcquired(): void;
}

/**
 * What the refresh service needs from the pipeline. The service owns coordination (who runs,
 * who joins, who waits); the runner owns the work, the lock file and the stored results.
 */
export interface PipelineRunner<P> {
  /** Validates request parameters (throwing a Refusal, bad_input) and fills defaults. */
  normalizeParams(input: unknown): P;
  /** Parameters alone, without the data version: one pending follow-up per value. */
  paramsKey(params: P): string;
  dataVersion(): Promise<number>;
  runKey(dataVersion: number, params: P): string;
  /** A run for this key that completed earlier (this process, an earlier one, or the CLI). */
  findCompleted(key: string): Promise<{ runId: string; summary: unknown } | undefined>;
  /** Another process holding the cross-process run lock right now, if any. */
  foreignHolder(): Promise<LockHolder | null>;
  /**
   * Where several servers share the run lock (a database; absent for the embedded store): takes
   * it now for a new run of `key` (`run` then uses it), or names the run of another process that
   * computes this very key (`join`), or the holder computing something else (`busy`).
   */
  claim?(owner: { runId: string; key: string; command: string }): Promise<RunClaim>;
  /** Gives back a claim that no run will use (a cached answer, a cancel); no-op otherwise. */
  releaseClaim?(runId: string): Promise<void>;
  /** Runs (or resumes) the pipeline; resolves with the key it actually ran and its summary. */
  run(request: RunRequest<P>): Promise<{ key: string; summary: unknown }>;
}

export type RunClaim = { outcome: 'claimed' } | { outcome: 'join' | 'busy'; holder: LockHolder };
