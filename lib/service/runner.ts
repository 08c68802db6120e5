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
  /** Validates request parameters (throwing an HttpError 400) and fills defaults. */
  normalizeParams(input: unknown): P;
  /** Parameters alone, without the data version: one pending follow-up per value. */
  paramsKey(params: P): string;
  dataVersion(): Promise<number>;
  runKey(dataVersion: number, params: P): string;
  /** A run for this key that completed earlier (this process, an earlier one, or the CLI). */
  findCompleted(key: string): Promise<{ runId: string; summary: unknown } | undefined>;
  /** Another process holding the cross-process run lock right now, if any. */
  foreignHolder(): Promise<LockHolder | null>;
  /** Runs (or resumes) the pipeline; resolves with the key it actually ran and its summary. */
  run(request: RunRequest<P>): Promise<{ key: string; summary: unknown }>;
}
