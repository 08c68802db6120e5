/** The facts, settings and per-unit stakes behind the exceptions inbox (see ./exceptions). */
export const EXCEPTION_KINDS = ['stockout', 'at_risk', 'excess', 'no_demand', 'overdue_order', 'forecast_break'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/** What the inbox knows of one item from the current results (quantities in base units). */
export interface ExceptionFacts {
  itemId: string;
  name: string;
  supplier: string | null;
  baseUom: string;
  status: string;
  abc: string;
  onHand: number;
  onOrder: number;
  /** Day the on-order quantity is due; null when not given. */
  dueDay: number | null;
  leadTimeDays: number;
  serviceLevel: number;
  demandOverLeadTime: number;
  reorderPoint: number;
  orderQuantity: number;
  excessUnits: number;
  /** Forecast mean per day. */
  dailyDemand: number;
  /** Sales per day over the last complete periods; null without history. */
  recentDaily: number | null;
  lastSaleDay: number | null;
  unitCost: number;
  unitPrice: number | null;
  holdingCostRate: number | null;
}

export interface ExceptionSettings {
  /** Yearly holding cost as a share of value when an item gives none. */
  holdingCostRate: number;
  /** A forecast "breaks" from recent sales when they differ by more than this share of the larger. */
  breakShare: number;
  /** ... and by at least this many units over the lead time (noise on slow movers is no break). */
  breakMinUnits: number;
}

export const DEFAULT_EXCEPTION_SETTINGS: Readonly<ExceptionSettings> = { holdingCostRate: 0.25, breakShare: 0.5, breakMinUnits: 5 };

/** Value of a unit not sold: its price, or its cost when no price is given. */
export const lostValue = (f: ExceptionFacts) => (f.unitPrice !== null && f.unitPrice >= 0 ? f.unitPrice : f.unitCost);
export const holdingRate = (f: ExceptionFacts, s: ExceptionSettings) => f.holdingCostRate ?? s.holdingCostRate;

/** On order arriving by the time an order placed today could: all of it unless due later. */
export function arrivingByLeadTime(f: ExceptionFacts, asOfDay: number): number {
  if (!(f.onOrder > 0)) return 0;
  return f.dueDay === null || f.dueDay <= asOfDay + f.leadTimeDays ? f.onOrder : 0;
}

/**
 * The forecast's demand per day over the lead time, what an order placed now is sized to; its mean
 * over the whole horizon without a lead time. Not the horizon's mean: half a year ahead holds the
 * next season's peak (or trough), which recent sales cannot show and no order today is for.
 */
export function leadTimeRate(f: ExceptionFacts): number {
  return f.leadTimeDays > 0 ? f.demandOverLeadTime / f.leadTimeDays : f.dailyDemand;
}

export function shortByLeadTime(f: ExceptionFacts, asOfDay: number): number {
  return Math.max(f.demandOverLeadTime - Math.max(f.onHand, 0) - arrivingByLeadTime(f, asOfDay), 0);
}

