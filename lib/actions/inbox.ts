import { currentResults } from '../dashboard/current';
import type { ActionMark, ExceptionFactsRow, Store } from '../store';
import { rankExceptions, type ExceptionFacts, type ExceptionRow } from './exceptions';

import type { InboxState } from './states';

export interface InboxRow extends ExceptionRow {
  state: 'open' | 'handled' | 'snoozed';
  mark: Pick<ActionMark, 'markedBy' | 'markedAt' | 'untilDay'> | null;
}

export interface InboxModel {
  /** null before the first completed run. */
  runId: string | null;
  asOfDay: number | null;
  counts: Record<'open' | 'handled' | 'snoozed', number>;
  /** Money at stake of the open exceptions. */
  openStake: number;
  /** Rows of the asked state, in rank order, from `offset`. */
  total: number;
  rows: InboxRow[];
}

/** Sales per day over the recent periods; null without any. */
export function recentDaily(row: ExceptionFactsRow, periodDays: number): number | null {
  const values = row.recentPeriods.filter(Number.isFinite);
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length / periodDays;
}

/**
 * The inbox of the current results: ranked exceptions with the analyst's marks. A snoozed mark
 * hides its exception until its day comes (`today`, days since 1970); a handled one until cleared.
 */
export async function inboxModel(store: Store, query: { state: InboxState; limit: number; offset: number; today: number }): Promise<InboxModel> {
  const current = await currentResults(store);
  if (!current) return { runId: null, asOfDay: null, counts: { open: 0, handled: 0, snoozed: 0 }, openStake: 0, total: 0, rows: [] };
  const { meta } = current;
  const [facts, marks] = await Promise.all([store.actions.facts(current.resultSet), store.actions.marks()]);
  const inputs: ExceptionFacts[] = facts.map(({ recentPeriods: _, ...f }, i) => ({ ...f, recentDaily: recentDaily(facts[i]!, meta.periodDays) }));
  const byKey = new Map(marks.map((m) => [`${m.kind}\u0000${m.itemId}`, m]));
  const counts = { open: 0, handled: 0, snoozed: 0 };
  let openStake = 0;
  const rows: InboxRow[] = [];
  for (const e of rankExceptions(inputs, meta.asOfDay)) {
    const m = byKey.get(`${e.kind}\u0000${e.itemId}`);
    const state = !m ? 'open' : m.state === 'handled' ? 'handled' : m.untilDay !== null && m.untilDay > query.today ? 'snoozed' : 'open';
    counts[state]++;
    if (state === 'open') openStake += e.stake;
    if (query.state === 'all' || query.state === state) {
      rows.push({ ...e, state, mark: m ? { markedBy: m.markedBy, markedAt: m.markedAt, untilDay: m.untilDay } : null });
    }
  }
  return {
    runId: current.info.runId,
    asOfDay: meta.asOfDay,
    counts,
    openStake,
    total: rows.length,
    rows: rows.slice(query.offset, query.offset + query.limit),
  };
}
