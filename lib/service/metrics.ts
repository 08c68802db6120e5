import { counter, gauge, histogram } from '../metrics/registry';

/** The refresh service's metrics (names are a contract used by dashboards outside the repo). */
export function serviceMetrics() {
  return {
    requests: counter('stockcast_refresh_requests_total', 'Refresh requests by outcome', ['outcome']),
    // Two counters, so that each sums to a number of runs: started ones, and finished ones by how.
    started: counter('stockcast_pipeline_runs_started_total', 'Pipeline runs this server started'),
    finished: counter('stockcast_pipeline_runs_finished_total', 'Pipeline runs of this server that finished, by status (succeeded, failed, cancelled)', [
      'status',
    ]),
    duration: histogram(
      'stockcast_pipeline_duration_seconds',
      'Wall time of pipeline runs started by this server, lock wait included',
      [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
    ),
    lockWait: histogram(
      'stockcast_lock_wait_seconds',
      'Time a server run waited for the cross-process pipeline lock',
      [0, 0.01, 0.1, 0.5, 1, 5, 15, 60, 300],
    ),
    subscribers: gauge('stockcast_progress_subscribers', 'Open progress streams (Server-Sent Events)'),
    queueDepth: gauge('stockcast_refresh_queue_depth', 'Follow-up runs waiting behind the active run'),
  };
}

export type ServiceMetrics = ReturnType<typeof serviceMetrics>;
