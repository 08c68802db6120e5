/**
 * The JSON the dashboard's own read-only routes answer with. Shared by the server read models
 * (lib/dashboard/*) and the browser (lib/client/*): types only, no runtime code, so importing this
 * file never pulls the store into a client bundle.
 */
export type ItemStatus = 'stockout' | 'at_risk' | 'healthy' | 'excess' | 'no_demand' | 'no_stock';

/** What the shown results are: the latest completed run whose results are stored. */
export interface ResultsInfo {
  runId: string;
  /** ISO timestamps of the run. */
  startedAt: string;
  finishedAt: string;
  origin: 'server' | 'cli';
  /** The data version the results were computed from. */
  dataVersion: number;
  period: 'day' | 'week' | 'month';
  horizon: number;
  /** Day (days since 1970-01-01 UTC) that stock positions refer to. */
  asOfDay: number;
  items: number;
}

export interface Overview {
  /** The store's current data version. */
  dataVersion: number;
  /** Items in the catalogue (with or without results). */
  catalogueItems: number;
  /** Null before any run has completed. */
  results: ResultsInfo | null;
  kpis: OverviewKpis | null;
  /** Items per status (rows, in STATUS order) and ABC class (columns A, B, C). */
  health: { statuses: ItemStatus[]; classes: string[]; counts: number[][]; value: number[][] } | null;
  /** The items most at risk: stockouts first, then the soonest projected stockout. */
  atRisk: RiskItem[];
}

export interface OverviewKpis {
  items: number;
  stockouts: number;
  atRisk: number;
  /** Items with demand but no stock record: their health is not judged until stock is imported. */
  noStock: number;
  excessValue: number;
  excessItems: number;
  /** Value of the suggested orders (order quantity × unit cost). */
  orderValue: number;
  /**
   * Forecast accuracy against the naive benchmark, over items with both errors: the geometric
   * mean of (winner's backtest error / naive's), so 0.8 means 20% less error than naive; and
   * the share of items whose forecast beats naive. Null when no item has both.
   */
  accuracy: { relativeError: number; beatsNaive: number; items: number; medianError: number } | null;
}

export interface RiskItem {
  id: string;
  name: string;
  category: string;
  status: ItemStatus;
  abc: string;
  onHand: number;
  baseUom: string;
  reorderPoint: number;
  daysOfSupply: number | null;
  stockoutDay: number | null;
  orderQuantity: number;
  annualValue: number;
}

/** A column of small-vocabulary labels: `values[codes[i]]` is row i's label. */
export interface DictColumn {
  values: string[];
  codes: number[];
}

/**
 * Every item's result row, by column (names and labels dictionary-encoded, numbers rounded to
 * what the table shows), so 10,000 rows stay a small download and the browser can sort and
 * filter without asking again. `null` in a number column: not applicable (no stockout foreseen,
 * endless cover).
 */
export interface ItemTableJson {
  results: ResultsInfo | null;
  dataVersion: number;
  /** Items in the catalogue (with or without results). */
  catalogueItems: number;
  /** Rows in the columns below. */
  count: number;
  id: string[];
  name: string[];
  category: DictColumn;
  status: DictColumn;
  abc: DictColumn;
  xyz: DictColumn;
  grade: DictColumn;
  model: DictColumn;
  /**
   * `statistical`, `override` (an analyst's override changed the forecast), `pinned model` (the
   * run used the model an analyst pinned), or `pinned model + override`.
   */
  forecast: DictColumn;
  baseUom: DictColumn;
  onHand: number[];
  onOrder: number[];
  reorderPoint: number[];
  daysOfSupply: (number | null)[];
  /** Days from the as-of day to the projected stockout. */
  stockoutIn: (number | null)[];
  orderQuantity: number[];
  excessValue: number[];
  annualValue: number[];
  /** Winner's backtest error (MASE or RMSSE). */
  error: (number | null)[];
}

export interface ItemFacts {
  id: string;
  name: string;
  category: string;
  baseUom: string;
  unitCost: number;
  leadTimeDays: number;
  serviceLevel: number | null;
  moq: number | null;
  casePack: number | null;
  /** Units this item can be bought or sold in, with their factor to the base unit. */
  uoms: { uom: string; factor: number; scope: 'item' | 'all' }[];
  stock: { onHand: number; onOrder: number; uom: string; asOfDay: number; onOrderDueDay: number | null } | null;
}

export interface ItemForecast {
  results: ResultsInfo;
  status: ItemStatus;
  abc: string;
  xyz: string;
  confidence: string;
  model: string;
  error: number | null;
  errorKind: 'mase' | 'rmsse';
  naiveError: number | null;
  seasonal: boolean;
  onHand: number;
  onOrder: number;
  serviceLevel: number;
  demandOverLeadTime: number;
  safetyStock: number;
  reorderPoint: number;
  daysOfSupply: number | null;
  stockoutDay: number | null;
  targetCover: number;
  excessUnits: number;
  excessValue: number;
  orderQuantity: number;
  dailyDemand: number;
  annualValue: number;
  lastSaleDay: number | null;
  /** First day of each history period, the demand and the winner's one-step fit (null: none). */
  historyDay: number[];
  history: (number | null)[];
  fitted: (number | null)[];
  /** First day of each history period the engine set aside as a promotion-like spike before fitting (the run's pool decided it). */
  promotionDays: number[];
  /** The history period the engine set aside as a quantity typed wrong (its first day), its demand and what stood in for it; null: none. */
  outlier: { day: number; demand: number; typical: number } | null;
  /** First day of each forecast period and the forecast with its bands. */
  forecastDay: number[];
  point: (number | null)[];
  /** The engine's forecast where the analyst's overrides changed `point` (the final one); null when none did. */
  statistical: (number | null)[] | null;
  lo80: (number | null)[];
  hi80: (number | null)[];
  lo95: (number | null)[];
  hi95: (number | null)[];
  /** Projected stock on hand at the end of each forecast period. */
  projected: (number | null)[];
  /** Every candidate, lowest backtest error first (see TournamentChoice). */
  leaderboard: LeaderboardRow[];
  choice: TournamentChoice;
}

/** A tournament candidate with the backtest error the choice used. */
export interface LeaderboardRow {
  /** The engine's label (`auto_ets`, `combo(auto_ets+auto_arima+auto_theta)`, …). */
  model: string;
  /** Backtest error (MASE or RMSSE, as errorKind says); null: no backtest was possible. */
  error: number | null;
  /** Place by backtest error (1 = lowest). */
  rank: number;
  /**
   * A candidate of the choice. Not one: on regular demand the methods alone and the benchmarks
   * (listed for reference; the combinations compete), on intermittent demand naive.
   */
  eligible: boolean;
  /** The equal-weight mean of several methods. */
  combination: boolean;
  winner: boolean;
  /** The naive model the "vs naive" figures compare with (seasonal naive for seasonal demand). */
  benchmark: boolean;
  /** Scored below the winner but refused: forecast too little of the backtest demand (intermittent). */
  failedBiasGuard: boolean;
  /** The analyst's pinned model, which the engine forecast with. */
  pinned: boolean;
}

/** The rule that picked the winner (lib/forecast/engine/forecaster.ts), with the engine's own figures. */
export interface TournamentChoice {
  /** Intermittent demand (scored by RMSSE, the Croston family competing). */
  intermittent: boolean;
  /** The automatic methods regular demand is combined from (the run's member pool). */
  members: string[];
  /**
   * The run's member pool chose one method alone for the catalogue's regular demand: its error on
   * the held-back periods of `series` items as a share of the combination's (lib/forecast/engine/pool.ts).
   */
  alone: { member: string; ratio: number; series: number } | null;
  /**
   * Where the combination stayed: the member closest to it in that same held-back test (its error
   * as a share of the combination's, the lowest of the members') and the share at or below which a
   * member would have forecast alone; null for intermittent demand, and when the pool kept one
   * method or scored no item.
   */
  closest: { member: string; ratio: number; series: number; margin: number } | null;
  /** Rolling origins each candidate is scored on. */
  origins: number;
  /** Intermittent: a winner must have stocked at least this share of backtest demand; null otherwise. */
  minStockedShare: number | null;
  /** Label of the benchmark row. */
  benchmark: string;
  /** The analyst pinned the winner: the engine forecast with it instead of the rule's choice. */
  pinned: boolean;
}

export interface ItemDetail {
  dataVersion: number;
  item: ItemFacts;
  /** Null when the latest results do not include the item (added since, or no run yet). */
  forecast: ItemForecast | null;
}

export interface DataSummary {
  dataVersion: number;
  items: number;
  stockRecords: number;
  unitFactors: number;
  imports: { name: string; kind: string; rows: number; importedAt: string; dataVersion: number }[];
}

/** Sales in the store: a full scan (about a second per 8 million rows), so asked for apart. */
export interface SalesSummary {
  dataVersion: number;
  rows: number;
  firstDay: number | null;
  lastDay: number | null;
}
