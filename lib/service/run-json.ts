import type { RunRecord } from '../pipeline';
import type { RunJson, RunStatus } from './types';

const STATUS: Record<RunRecord['status'], RunStatus> = {
  running: 'running',
  completed: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
  // The process running it stopped; the next run for the same key resumes its results.
  interrupted: 'failed',
};

/** A run-table row as the API shows runs (the same shape as a live run). */
export function runJsonFromRecord(record: RunRecord): RunJson {
  const status = STATUS[record.status];
  const json: RunJson = {
    runId: record.id,
    key: record.key,
    status,
    stage: status === 'running' ? (record.itemsTotal > 0 ? 'tournament' : 'load') : status,
    done: record.itemsDone,
    total: record.itemsTotal,
    rate: 0,
    etaSeconds: status === 'running' ? null : 0,
    startedAt: new Date(record.startedAt).toISOString(),
    finishedAt: record.endedAt === null ? null : new Date(record.endedAt).toISOString(),
    origin: record.origin,
    requestedBy: record.origin === 'cli' ? `command line (pid ${record.pid} on ${record.host})` : 'server',
  };
  if (record.status === 'interrupted') {
    json.error = record.error ?? 'interrupted: the process running it stopped; the next run for the same data resumes it';
  } else if (record.error) {
    json.error = record.error;
  }
  if (record.summary) json.summary = record.summary;
  return json;
}
