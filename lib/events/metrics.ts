import { counter, gauge, histogram } from '../metrics/registry';

/** Event ingestion metrics on the shared registry (served by /api/metrics). */
export const eventMetrics = {
  queueDepth: gauge('stockcast_events_queue_depth', 'Validated events in the queue, not yet committed'),
  queueBytes: gauge('stockcast_events_queue_bytes', 'Bytes of event batches held by the queue'),
  queueCapacity: gauge('stockcast_events_queue_capacity', 'Events the queue holds before producers wait'),
  producersWaiting: gauge('stockcast_events_producers_waiting', 'Requests waiting for room in the queue'),
  accepted: counter('stockcast_events_accepted_total', 'Events committed and acknowledged', ['type'] as const),
  rejected: counter('stockcast_events_rejected_total', 'Lines rejected by validation'),
  discarded: counter(
    'stockcast_events_discarded_total',
    'Valid events not stored: their request failed (503, disconnect, error) or repeated an earlier one with the same Idempotency-Key',
  ),
  requests: counter('stockcast_events_requests_total', 'Event requests by outcome', ['outcome'] as const),
  commitSeconds: histogram(
    'stockcast_events_batch_commit_seconds',
    'Time of one writer transaction (a batch of queued events), commit included',
    [0.001, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10],
  ),
};
