import { formatQuantity, formatValue } from '../dashboard/format';
import {
  arrivingByLeadTime,
  holdingRate,
  leadTimeRate,
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
  const lostSales = (units: number) => `lost sales ${formatValue(units * lostValue(f))} ${valueBasis}`;
  switch (kind) {
    case 'stockout':
    case 'at_risk': {
      // "Then": when an order placed today could arrive (the as-of day + the lead time).
      const short = shortByLeadTime(f, asOfDay);
      const head = `on hand ${q(Math.max(f.onHand, 0))}, ${onOrderText()}, demand to then ${q(f.demandOverLeadTime)}`;
      if (short > 0) {
        const late = f.onOrder > 0 && arrivingByLeadTime(f, asOfDay) === 0 ? ' (the order arrives later)' : '';
        return { reason: `${head}: short ${q(short)} by ${leadEnd}${late}; ${lostSales(short)}`, action: orderAction() };
      }
      const position = Math.max(f.onHand, 0) + Math.max(f.onOrder, 0);
      if (position < f.reorderPoint) {
        return {
          reason: `${head}: covered to ${leadEnd}, but position ${q(position)} is ${q(f.reorderPoint - position)} below the reorder point ${q(f.reorderPoint)}`,
          action: orderAction(),
        };
      }
      // Nothing to order: the order on its way covers the lead time (the overview's "suggested order 0").
      const waitDays = f.dueDay !== null && f.onHand <= 0 ? f.dueDay - asOfDay : 0;
      const gap = waitDays > 0 ? `; out of stock until it arrives, ${q(leadTimeRate(f) * waitDays)} ${unit} of demand meanwhile` : '';
      return {
        reason: `${head}: covered to ${leadEnd} by the order on its way, nothing to order${gap}`,
        action: f.dueDay !== null ? `make sure the order due ${formatAxisDay(f.dueDay)} arrives; expedite it if you can` : 'make sure the order on its way arrives',
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
    case 'overdue_order': {
      const short = Math.max(f.demandOverLeadTime - Math.max(f.onHand, 0), 0);
      const late = asOfDay - f.dueDay!;
      const risk = short > 0 ? `: short ${q(short)} by ${leadEnd} if it never comes; ${lostSales(short)}` : `: covered to ${leadEnd} without it`;
      return {
        reason: `${q(f.onOrder)} on order was due ${formatAxisDay(f.dueDay!)} and has not arrived (${late} day${late === 1 ? '' : 's'} late); on hand ${q(Math.max(f.onHand, 0))}, demand to then ${q(f.demandOverLeadTime)}${risk}`,
        action: `chase ${f.supplier ?? 'the supplier'} for the order`,
      };
    }
    case 'forecast_break': {
      const recent = f.recentDaily!;
      const forecast = leadTimeRate(f);
      const change = recent > 0 ? `${forecast > recent ? '+' : ''}${Math.round(((forecast - recent) / recent) * 100)}%` : 'from no sales';
      const apart = Math.abs(forecast - recent) * f.leadTimeDays;
      return {
        reason: `forecast ${q(forecast)} a day to ${leadEnd} broke from recent sales of ${q(recent)} a day (${change}): ${q(apart)} ${unit} apart over the ${q(f.leadTimeDays)}-day lead time, ${formatValue(apart * lostValue(f))} ${valueBasis}`,
        action: forecast > recent ? 'check the forecast before ordering to it: sales have not kept up' : 'check the forecast before ordering to it: sales have outrun it',
      };
    }
  }
}
