import type { ForecastSettings } from '../forecast/types';
import type { Store, StoreWriteOptions } from '../store';
import type { RunInputs } from './chunk';
import type { WorkerPool } from './pool';
import type { ProgressTracker, Stage } from './progress';

/** What a run hands to the code that gets its chunks computed and stored (here, or on the queue). */
export interface Dispatch {
  store: Store;
  pool: WorkerPool;
  runId: string;
  resultSet: number;
  /** Positions (catalogue order) of the items still to compute. */
  todo: Int32Array;
  /** Items of the result set stored before (resumed). */
  itemsStored: number;
  /** Chunk boundaries over `todo` (chunk-plan.ts): chunk k is todo[chunks[k], chunks[k + 1]). */
  chunks: Int32Array;
  settings: ForecastSettings;
  inputs: RunInputs;
  signal: AbortSignal;
  writes: StoreWriteOptions;
  progress: ProgressTracker;
  /** Worker and commit seconds are added here. */
  stageSeconds: Record<Stage, number>;
}

/** Stages that advance as chunks come back computed. */
export const COMPUTE_STAGES = ['tournament', 'confidence', 'inventory'] as const;
