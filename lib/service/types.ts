/**
 * The run as every client sees it: `GET /api/runs/:id`, each SSE `progress` event, and the
 * dashboard's progress bar all carry this one shape.
 */
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type RunOrigin = 'server' | 'cli';
export type RefreshPriority = 'interactive' | 'scheduled';

/** The process holding the cross-process run lock, when a run waits for it. */
export interface LockHolder {
  pid: number;
  host: string;
  since: string;
  command: string;
  runId: string;
}

export interface RunJson {
  runId: string;
  key: string;
  status: RunStatus;
  stage: string;
  done: number;
  total: number;
  /** Items (or rows, in the load stage) per second in the current stage. */
  rate: number;
  etaSeconds: number | null;
  startedAt: string | null;
  finishedAt: string | null;
  origin: RunOrigin;
  /** Who asked for it: 'refresh', 'scheduled', 'startup', 'cli'. */
  requestedBy: string;
  error?: string;
  waitingFor?: LockHolder;
  summary?: unknown;
}

export type RefreshOutcome = 'started' | 'joined' | 'queued' | 'cached';

export interface RefreshAnswer {
  runId: string;
  status: RefreshOutcome;
  key: string;
}

/** What the hub sends to subscribers (SSE event name + JSON payload). */
export type HubEvent =
  | { event: 'progress'; data: RunJson }
  | { event: 'done'; data: { runId: string; status: RunStatus; summary: unknown } }
  | { event: 'error'; data: { runId: string; status: RunStatus; error: string } }
  /** The server is going away; streams close after this. */
  | { event: 'shutdown'; data: { message: string } };
