import {
  DEFAULT_EXCEPTION_SETTINGS,
  EXCEPTION_KINDS,
  holdingRate,
  leadTimeRate,
  lostValue,
  shortByLeadTime,
  type ExceptionFacts,
  type ExceptionKind,
  type ExceptionSettings,
} from './facts';
import { describeException } from './reasons';

/**
 * The exceptions inbox: every item needing action, one row per (item, kind), ranked by the money
 * at stake. Pure: facts of the current results in, ranked rows out; the day is passed in.
 *
 * Money at stake, by kind (value of a unit lost = its selling price, or its cost when no price
 * is given; "to then" = until an order placed today could arrive, the as-of day + lead time):
 * - stockout / at_risk: units short to then × value, short = demand over the lead time − on hand
 *   − on order arriving by then (an order without a due day arrives by then; an overdue one is
 *   counted as arriving). An at-risk item not yet short to then stakes its gap below the reorder
 *   point × value × (1 − its service level): the sales its missing safety stock would protect.
 * - excess: a year's holding cost of the stock above the cover target (excess value × holding
 *   cost rate); the tied-up value is said in the reason.
 * - no_demand with stock on hand: a year's holding cost of everything on hand.
 * - overdue_order: an on-order quantity past its due day: the sales lost to then if it never
 *   arrives (demand over the lead time − on hand, × value).
 * - forecast_break: the forecast's daily rate over the lead time differs from the recent sales
 *   rate by more than `breakShare` of the larger: the difference over the lead time × value.
 */
export { DEFAULT_EXCEPTION_SETTINGS, EXCEPTION_KINDS, type ExceptionFacts, type ExceptionKind, type ExceptionSettings };

export interface ExceptionRow {
  itemId: string;
  name: string;
  supplier: string | null;
  kind: ExceptionKind;
  /** Money at stake, in the currency of costs and prices. */
  stake: number;
  /** Why, in words, with the figures. */
  reason: string;
  /** What to do. */
  action: string;
}

/** One detected exception: `facts[index]`'s `kind`, with its stake. */
export interface RankedException {
  index: number;
  kind: ExceptionKind;
  stake: number;
}

/**
 * Detects every exception of `facts` as of `asOfDay` and ranks them by stake, largest first (then
 * by kind and item code). Cheap: the words come later, only for the rows shown (`describeRanked`).
 */
export function rankStakes(
  facts: readonly ExceptionFacts[],
  asOfDay: number,
  settings: ExceptionSettings = DEFAULT_EXCEPTION_SETTINGS,
): RankedException[] {
  const ranked: RankedException[] = [];
  for (let index = 0; index < facts.length; index++) {
    for (const { kind, stake } of detect(facts[index]!, asOfDay, settings)) ranked.push({ index, kind, stake });
  }
  const order = (k: ExceptionKind) => EXCEPTION_KINDS.indexOf(k);
  const code = (r: RankedException) => facts[r.index]!.itemId;
  return ranked.sort((a, b) => b.stake - a.stake || order(a.kind) - order(b.kind) || (code(a) < code(b) ? -1 : code(a) > code(b) ? 1 : 0));
}

export function describeRanked(
  r: RankedException,
  facts: readonly ExceptionFacts[],
  asOfDay: number,
  settings: ExceptionSettings = DEFAULT_EXCEPTION_SETTINGS,
): ExceptionRow {
  const f = facts[r.index]!;
  const { reason, action } = describeException(r.kind, f, asOfDay, settings);
  return { itemId: f.itemId, name: f.name, supplier: f.supplier, kind: r.kind, stake: r.stake, reason, action };
}

/** Every exception ranked, with its words. */
export function rankExceptions(
  facts: readonly ExceptionFacts[],
  asOfDay: number,
  settings: ExceptionSettings = DEFAULT_EXCEPTION_SETTINGS,
): ExceptionRow[] {
  return rankStakes(facts, asOfDay, settings).map((r) => describeRanked(r, facts, asOfDay, settings));
}

function detect(f: ExceptionFacts, asOfDay: number, s: ExceptionSettings): { kind: ExceptionKind; stake: number }[] {
  const found: { kind: ExceptionKind; stake: number }[] = [];
  const value = lostValue(f);
  if (f.status === 'stockout' || f.status === 'at_risk') {
    const short = shortByLeadTime(f, asOfDay);
    const gap = Math.max(f.reorderPoint - Math.max(f.onHand, 0) - Math.max(f.onOrder, 0), 0);
    found.push({ kind: f.status, stake: short > 0 ? short * value : gap * value * (1 - f.serviceLevel) });
  } else if (f.status === 'excess') {
    found.push({ kind: 'excess', stake: f.excessUnits * f.unitCost * holdingRate(f, s) });
  } else if (f.status === 'no_demand' && f.onHand > 0) {
    found.push({ kind: 'no_demand', stake: f.onHand * f.unitCost * holdingRate(f, s) });
  }
  if (f.onOrder > 0 && f.dueDay !== null && f.dueDay < asOfDay) {
    found.push({ kind: 'overdue_order', stake: Math.max(f.demandOverLeadTime - Math.max(f.onHand, 0), 0) * value });
  }
  if (f.recentDaily !== null && f.status !== 'no_demand') {
    const forecast = leadTimeRate(f);
    const diff = Math.abs(forecast - f.recentDaily);
    const larger = Math.max(forecast, f.recentDaily);
    if (diff > s.breakShare * larger && diff * f.leadTimeDays >= s.breakMinUnits) {
      found.push({ kind: 'forecast_break', stake: diff * f.leadTimeDays * value });
    }
  }
  return found;
}
