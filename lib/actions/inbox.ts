import { currentResults } from '../dashboard/current';
import type { ActionMark, ExceptionFactsRow, Store } from '../store';
import { describeRanked, rankStakes, type ExceptionFacts, type ExceptionRow, type RankedException } from './exceptions';

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
 * The ranked exceptions of the last result set asked for: a result set never changes once
 * complete, so paging and marking re-read only the marks (100,000 items take seconds to rank).
 */
let cache: { store: Store; resultSet: number; inputs: ExceptionFacts[]; ranked: RankedException[] } | null = null;

async function rankedOf(store: Store, resultSet: number, periodDays: number, asOfDay: number) {
  if (cache?.store !== store || cache.resultSet !== resultSet) {
    const facts = await store.actions.facts(resultSet);
    const inputs: ExceptionFacts[] = facts.map((f) => ({ ...f, recentDaily: recentDaily(f, periodDays) }));
    cache = { store, resultSet, inputs, ranked: rankStakes(inputs, asOfDay) };
  }
  return cache;
}

/**
 * The inbox of the current results: ranked exceptions with the analyst's marks. A snoozed mark
 * hides its exception until its day comes (`today`, days since 1970); a handled one until cleared.
 */
export async function inboxModel(store: Store, query: { state: InboxState; limit: number; offset: number; today: number }): Promise<InboxModel> {
  const current = await currentResults(store);
  if (!current) return { runId: null, asOfDay: null, counts: { open: 0, handled: 0, snoozed: 0 }, openStake: 0, total: 0, rows: [] };
  const { meta } = current;
  const [{ inputs, ranked }, marks] = await Promise.all([rankedOf(store, current.resultSet, meta.periodDays, meta.asOfDay), store.actions.marks()]);
  const byKey = new Map(marks.map((m) => [`${m.kind}\u0000${m.itemId}`, m]));
  const counts = { open: 0, handled: 0, snoozed: 0 };
  let openStake = 0;
  const chosen: { r: RankedException; state: InboxRow['state']; m: ActionMark | undefined }[] = [];
  for (const r of ranked) {
    const m = byKey.get(`${r.kind}\u0000${inputs[r.index]!.itemId}`);
    const state = !m ? 'open' : m.state === 'handled' ? 'handled' : m.untilDay !== null && m.untilDay > query.today ? 'snoozed' : 'open';
    counts[state]++;
    if (state === 'open') openStake += r.stake;
    if (query.state === 'all' || query.state === state) chosen.push({ r, state, m });
  }
  // Words only for the rows sent.
  const rows: InboxRow[] = chosen.slice(query.offset, query.offset + query.limit).map(({ r, state, m }) => ({
    ...describeRanked(r, inputs, meta.asOfDay),
    state,
    mark: m ? { markedBy: m.markedBy, markedAt: m.markedAt, untilDay: m.untilDay } : null,
  }));
  return {
    runId: current.info.runId,
    asOfDay: meta.asOfDay,
    counts,
    openStake,
    total: chosen.length,
    rows,
  };
}
