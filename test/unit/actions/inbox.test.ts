import { describe, expect, it } from 'vitest';
import { inboxOf, rankInbox, recentDaily } from '@/lib/actions/inbox';
import type { ActionMark, ExceptionFactsRow } from '@/lib/store';
import { AS_OF, facts } from './fixtures';

const TODAY = 20402;

/** The stored facts of an item: its recent history as 7-day periods (50/21 a day = 16.67 a week). */
function row(over: Partial<ExceptionFactsRow>): ExceptionFactsRow {
  const { recentDaily: _, ...rest } = facts({});
  return { ...rest, recentPeriods: [50 / 3, 50 / 3, 50 / 3, 50 / 3], ...over };
}

const mark = (itemId: string, kind: string, state: ActionMark['state'], untilDay: number | null): ActionMark => ({ itemId, kind, state, untilDay, markedBy: 'Ana', markedAt: 1 });

describe('the inbox of a ranked result set with the analyst\'s marks', () => {
  // Stakes: A short 300 − 20 = 280 × 2 = 560; B 1,000 excess × 2 × 25% = 500; C 400 × 2 × 25% = 200; D 100 × 2 × 25% = 50.
  const ranked = rankInbox(
    [
      row({ itemId: 'D', status: 'no_demand', onHand: 100, dailyDemand: 0, recentPeriods: [0, 0, 0, 0] }),
      row({ itemId: 'A', status: 'at_risk', onHand: 20, demandOverLeadTime: 300, reorderPoint: 330, dailyDemand: 300 / 21, recentPeriods: [100, 100, 100, 100] }),
      row({ itemId: 'C', status: 'no_demand', onHand: 400, dailyDemand: 0, recentPeriods: [] }),
      row({ itemId: 'B', status: 'excess', onHand: 1100, excessUnits: 1000 }),
      row({ itemId: 'OK' }),
    ],
    7,
    AS_OF,
  );

  it('reads the recent sales rate from the last periods, skipping gaps', () => {
    expect(recentDaily([7, Number.NaN, 21], 7)).toBe(2);
    expect(recentDaily([], 7)).toBeNull();
  });

  it('ranks by stake and counts open, handled and snoozed; a snooze ends on its day', () => {
    const marks = [mark('A', 'at_risk', 'handled', null), mark('B', 'excess', 'snoozed', TODAY + 3), mark('C', 'no_demand', 'snoozed', TODAY)];
    const open = inboxOf(ranked, marks, { state: 'open', limit: 10, offset: 0, today: TODAY }, 'run-1');
    expect(open.rows.map((r) => [r.itemId, r.state, r.stake])).toEqual([
      ['C', 'open', 200],
      ['D', 'open', 50],
    ]);
    expect(open).toMatchObject({ runId: 'run-1', asOfDay: AS_OF, counts: { open: 2, handled: 1, snoozed: 1 }, openStake: 250, total: 2 });
    expect(open.rows[0]!.mark).toEqual({ markedBy: 'Ana', markedAt: 1, untilDay: TODAY });

    const all = inboxOf(ranked, marks, { state: 'all', limit: 2, offset: 1, today: TODAY }, 'run-1');
    expect(all.total).toBe(4);
    expect(all.rows.map((r) => [r.itemId, r.state])).toEqual([
      ['B', 'snoozed'],
      ['C', 'open'],
    ]);
    expect(inboxOf(ranked, marks, { state: 'handled', limit: 10, offset: 0, today: TODAY }, 'run-1').rows.map((r) => r.itemId)).toEqual(['A']);
  });
});
