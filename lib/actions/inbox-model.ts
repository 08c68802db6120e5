import { createHash } from 'node:crypto';
import { currentResults } from '../dashboard/current';
import type { ActionMark, Store } from '../store';
import { EMPTY_INBOX, type InboxQuery } from './inbox';
import { counter } from '../metrics/registry';
import { log } from '../runtime/log';
import { runActionsTask } from './pool';
import type { InboxAnswer } from './worker-tasks';

/**
 * The inbox of the current results (InboxModel as JSON text) with its version: the data version,
 * the shown run, the query (its day included: snoozes end) and the analyst's marks, which leave
 * the data version alone. The ranking and the words are made on the actions worker.
 */
export async function inboxOutput(store: Store, query: InboxQuery): Promise<{ version: string; build: () => Promise<string> }> {
  const [dataVersion, current, marks] = await Promise.all([store.dataVersion(), currentResults(store), store.actions.marks()]);
  const version = `inbox:v${dataVersion}:${current?.info.runId ?? 'none'}:${query.state}:${query.limit}:${query.offset}:${query.today}:${marksDigest(marks)}`;
  const build = async () => {
    if (!current) return JSON.stringify(EMPTY_INBOX);
    const answer = await runActionsTask<InboxAnswer>({
      kind: 'inbox',
      location: store.location,
      resultSet: current.resultSet,
      runId: current.info.runId,
      asOfDay: current.meta.asOfDay,
      periodDays: current.meta.periodDays,
      marks,
      query,
    });
    if (answer.ranked) rankings().inc({ trigger: 'request' });
    return answer.text;
  };
  return { version, build };
}

/**
 * Ranks the current results on the actions worker before anyone asks (a run of this or another
 * process just completed, or the server started on stored results), so the first inbox after it
 * pays for marks and words only; failures are logged, never thrown.
 */
export async function warmInbox(store: Store, trigger: 'run' | 'start' = 'run'): Promise<void> {
  try {
    const current = await currentResults(store);
    if (!current) return;
    const rankedNow = await runActionsTask<boolean>({
      kind: 'rank',
      location: store.location,
      resultSet: current.resultSet,
      runId: current.info.runId,
      asOfDay: current.meta.asOfDay,
      periodDays: current.meta.periodDays,
    });
    if (rankedNow) rankings().inc({ trigger });
  } catch (err) {
    log.warn({ err }, 'inbox: ranking after the run failed; the first request ranks instead');
  }
}

const rankings = () =>
  counter('stockcast_inbox_rankings_total', 'Result sets ranked for the exceptions inbox, by what asked: a completed run (warm-up), the server starting on stored results, or a request', ['trigger'] as const);

function marksDigest(marks: readonly ActionMark[]): string {
  const hash = createHash('sha256');
  // listed in item and kind order by both stores
  for (const m of marks) hash.update(`${m.itemId}\u0000${m.kind}\u0000${m.state}\u0000${m.untilDay}\u0000${m.markedBy}\u0000${m.markedAt}\n`);
  return hash.digest('base64url').slice(0, 16);
}
