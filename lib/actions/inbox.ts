import type { ActionMark, ExceptionFactsRow } from '../store';
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

export interface InboxQuery {
  state: InboxState;
  limit: number;
  offset: number;
  /** Days since 1970: a snooze ends when its day comes. */
  today: number;
}

export const EMPTY_INBOX: InboxModel = { runId: null, asOfDay: null, counts: { open: 0, handled: 0, snoozed: 0 }, openStake: 0, total: 0, rows: [] };

/** A result set's exceptions, detected and ranked once (a result set never changes once complete). */
export interface RankedInbox {
  inputs: ExceptionFacts[];
  ranked: RankedException[];
  asOfDay: number;
}

/** Sales per day over the recent periods; null without any. */
export function recentDaily(recentPeriods: readonly number[], periodDays: number): number | null {
  const values = recentPeriods.filter(Number.isFinite);
  if (values.length === 0) return null;
  return values.reduce((a, b) => a + b, 0) / values.length / periodDays;
}

/** Takes the rows over: each gains its recent sales rate in place (copying 100,000 rows cost more than ranking them). */
export function rankInbox(facts: ExceptionFactsRow[], periodDays: number, asOfDay: number): RankedInbox {
  const inputs: ExceptionFacts[] = facts.map((f) => Object.assign(f, { recentDaily: recentDaily(f.recentPeriods, periodDays) }));
  return { inputs, ranked: rankStakes(inputs, asOfDay), asOfDay };
}

/**
 * The inbox of ranked exceptions with the analyst's marks. A snoozed mark hides its exception
 * until its day comes; a handled one until cleared. Words only for the rows asked for.
 */
export function inboxOf({ inputs, ranked, asOfDay }: RankedInbox, marks: readonly ActionMark[], query: InboxQuery, runId: string): InboxModel {
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
  const rows: InboxRow[] = chosen.slice(query.offset, query.offset + query.limit).map(({ r, state, m }) => ({
    ...describeRanked(r, inputs, asOfDay),
    state,
    mark: m ? { markedBy: m.markedBy, markedAt: m.markedAt, untilDay: m.untilDay } : null,
  }));
  return { runId, asOfDay, counts, openStake, total: chosen.length, rows };
}
