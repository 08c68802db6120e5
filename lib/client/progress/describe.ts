import type { RunJson } from '@/lib/service/types';
import { formatTime } from '@/lib/dashboard/format';

/** Who started a run, in words: "a Refresh", "the schedule", "command line (pid 4242 on host)". */
export function startedBy(run: Pick<RunJson, 'origin' | 'requestedBy'>): string {
  if (run.origin === 'cli') return run.requestedBy.startsWith('command line') ? run.requestedBy : `command line: ${run.requestedBy}`;
  switch (run.requestedBy) {
    case 'refresh':
    case 'interactive':
      return 'a Refresh';
    case 'scheduled':
      return 'the schedule';
    case 'startup':
      return 'server start-up';
    default:
      return run.requestedBy || 'the server';
  }
}

/** The line under the header while a run is active, from this tab's point of view. */
export function activeRunLine(run: RunJson, joined: boolean): string {
  if (run.waitingFor) {
    const w = run.waitingFor;
    return `Waiting for a run started by ${w.command} (pid ${w.pid} on ${w.host}) at ${formatTime(w.since)}`;
  }
  const who = `${startedBy(run)} at ${formatTime(run.startedAt)}`;
  if (joined) return `Waiting for a run started by ${who}`;
  if (run.status === 'queued') return `Queued: a run requested by ${who}`;
  return `Run started by ${who}`;
}
