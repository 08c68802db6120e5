import { formatQuantity, formatValue } from '../dashboard/format';
import {
  arrivingByLeadTime,
  holdingRate,
  lostValue,
  shortByLeadTime,
  type ExceptionFacts,
  type ExceptionKind,
  type ExceptionSettings,
} from './facts';

const DAY_MS = 86_400_000;
// One formatter for every row: toLocaleDateString builds a new one per call.
const shortDay = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric' });
/** "Nov 15" for a day number (days since 1970, UTC). */
const formatAxisDay = (day: number) => shortDay.format(new Date(day * DAY_MS));

/** Why an exception is one, in the analyst's words and figures, and what to do about it. */
export function describeException(
  kind: ExceptionKind,
  f: ExceptionFacts,
  asOfDay: number,
  s: ExceptionSettings,
): { reason: string; action: string } {
  const q = (x: number) => formatQuantity(Math.round(x * 10) / 10);
  const unit = f.baseUom;
  const leadEnd = formatAxisDay(asOfDay + Math.ceil(f.leadTimeDays));
  const valueBasis = f.unitPrice !== null ? 'at price' : 'at cost (no price given)';
  const onOrderText = () => {
    if (!(f.onOrder > 0)) return 'nothing on order';
    if (f.dueDay === null) return `${q(f.onOrder)} on order (no due date)`;
    return `${q(f.onOrder)} on order due ${formatAxisDay(f.dueDay)}`;
  };
  const orderAction = () => {
    if (f.orderQuantity > 0) return `order ${q(f.orderQuantity)} ${unit}${f.supplier ? ` from ${f.supplier}` : ''} now`;
    if (f.onOrder > 0) return 'expedite the order on its way';
    return 'review stock and lead time';
  };
  switch (kind) {
    case 'stockout':
    case 'at_risk': {
      const short = shortByLeadTime(f, asOfDay);
      const head = `on hand ${q(Math.max(f.onHand, 0))}, ${onOrderText()}, demand to ${leadEnd} ${q(f.demandOverLeadTime)}`;
      if (short > 0) {
        const late = f.onOrder > 0 && arrivingByLeadTime(f, asOfDay) === 0 ? ' (the order arrives later)' : '';
        return { reason: `${head}: short ${q(short)}${late}; lost sales ${formatValue(short * lostValue(f))} ${valueBasis}`, action: orderAction() };
      }
      const position = Math.max(f.onHand, 0) + Math.max(f.onOrder, 0);
      return {
        reason: `${head}: covered, but position ${q(position)} is ${q(f.reorderPoint - position)} below the reorder point ${q(f.reorderPoint)}`,
        action: orderAction(),
      };
    }
    case 'excess': {
      const tied = f.excessUnits * f.unitCost;
      const rate = holdingRate(f, s);
      return {
        reason: `on hand ${q(f.onHand)}, ${onOrderText()}: ${q(f.excessUnits)} ${unit} above the cover target, ${formatValue(tied)} tied up, ${formatValue(tied * rate)} a year to hold at ${Math.round(rate * 100)}%`,
        action: f.onOrder > 0 ? 'cancel or defer the open order' : 'stop ordering; move or return the surplus',
      };
    }
    case 'no_demand':
      return {
        reason: `${f.lastSaleDay === null ? 'never sold' : `no sale since ${formatAxisDay(f.lastSaleDay)}`} and none forecast: ${q(f.onHand)} ${unit} on hand worth ${formatValue(f.onHand * f.unitCost)}`,
        action: 'clear, return or write off the stock',
      };
    case 'overdue_order':
      return {
        reason: `${q(f.onOrder)} on order was due ${formatAxisDay(f.dueDay!)}, ${asOfDay - f.dueDay!} days ago; on hand ${q(Math.max(f.onHand, 0))}, demand to ${leadEnd} ${q(f.demandOverLeadTime)}`,
        action: `chase ${f.supplier ?? 'the supplier'} for the order`,
      };
    case 'forecast_break': {
      const recent = f.recentDaily!;
      const change = recent > 0 ? `${f.dailyDemand > recent ? '+' : ''}${Math.round(((f.dailyDemand - recent) / recent) * 100)}%` : 'from no sales';
      return {
        reason: `forecast ${q(f.dailyDemand)} a day against ${q(recent)} a day sold recently (${change})`,
        action: 'review the forecast before ordering',
      };
    }
  }
}
