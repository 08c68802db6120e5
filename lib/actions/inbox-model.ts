import { createHash } from 'node:crypto';
import { currentResults } from '../dashboard/current';
import type { ActionMark, Store } from '../store';
import { EMPTY_INBOX, type InboxQuery } from './inbox';
import { runActionsTask } from './pool';

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
    return runActionsTask<string>({
      kind: 'inbox',
      location: store.location,
      resultSet: current.resultSet,
      runId: current.info.runId,
      asOfDay: current.meta.asOfDay,
      periodDays: current.meta.periodDays,
      marks,
      query,
    });
  };
  return { version, build };
}

function marksDigest(marks: readonly ActionMark[]): string {
  const hash = createHash('sha256');
  // listed in item and kind order by both stores
  for (const m of marks) hash.update(`${m.itemId}\u0000${m.kind}\u0000${m.state}\u0000${m.untilDay}\u0000${m.markedBy}\u0000${m.markedAt}\n`);
  return hash.digest('base64url').slice(0, 16);
}
