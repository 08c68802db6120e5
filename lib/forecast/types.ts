/**
 * The forecasting engine's public contract. Everything bulk travels in typed arrays so a batch can
 * be handed to a worker thread and back as transferables, with no per-point objects.
 */

/**
 * The largest value in size a series may hold: the engine squares its errors, and past about
 * 1e154 a square overflows and bounds come out infinite. Callers refuse larger input.
 */
export const MAX_SERIES_VALUE = 1e100;

/**
 * n demand series packed end to end: series i is `values[offsets[i] .. offsets[i+1])`, one value
 * per period, oldest first; NaN (any non-finite value) = missing. Values lie within
 * ±MAX_SERIES_VALUE.
 */
export interface SeriesBatch {
  values: Float64Array;
  /** Length n + 1, non-decreasing, `offsets[0] = 0`, `offsets[n] <= values.length`. */
  offsets: Int32Array;
  /**
   * Per series: the label (index in MODEL_NAMES) of a model the analyst pinned, or -1 for none.
   * A pinned model that could be fitted is the forecast (its fit, its intervals) whatever the
   * tournament would choose; one that could not (wrong kind of demand, too short) is not used.
   */
  pinned?: Int32Array;
}

/**
 * Seasonal profiles shared by groups of series (item categories), estimated from their pooled
 * scale-free demand (`seasonProfiles` in profiles.ts) over the whole catalogue, so that a chunk
 * of it forecasts exactly as the whole would. A series follows its group's profile where its own
 * history is too short to estimate its season and the profile explains that history.
 */
export interface SharedSeasons {
  /** groups × season multiplicative indices by phase, mean 1 (rows of `seasonProfiles`). */
  profiles: Float64Array;
  /** Per series of the batch: its group's row in `profiles` (-1: none). */
  group: Int32Array;
  /** Per series of the batch: the phase (0..season − 1) of its first value. */
  phase: Int32Array;
  /**
   * The year, for runs whose season is the week (daily runs: 52 × 7 periods a cycle), whose
   * methods model only the week: the groups' yearly profiles by period of the year (rows as
   * `profiles`; `yearSeasons` in profiles.ts), and per series the period of the year of its first
   * value. A series that follows its group's year is adjusted by it before the methods see it.
   */
  year?: { length: number; profiles: Float64Array; phase: Int32Array };
}

export interface ForecastSettings {
  /** Periods to forecast ahead (≥ 1). */
  horizon: number;
  /** Periods per seasonal cycle (1 = no seasonality); the engine tests per series whether it is real. */
  season: number;
  /** Central prediction-interval levels in percent, each in (0, 100), e.g. [80, 95]. */
  levels: readonly number[];
  /** Demand cannot be negative: clamp points and bounds at 0. */
  nonNegative?: boolean;
  /**
   * The automatic methods regular demand is forecast by the combination of (MEMBER_NAMES), as
   * `memberPool` kept them for the catalogue; every member when absent.
   */
  members?: readonly string[];
  /**
   * Regular demand's promotion-like spikes are replaced before its methods are fitted
   * (engine/promotions.ts); scores and bands stay on the raw history. The pool decides it.
   */
  cleanPromotions?: boolean;
}

/** Labels of `BatchForecast.grade`. */
export const GRADES = ['A', 'B', 'C', 'D'] as const;
export type Grade = (typeof GRADES)[number];

export const ERROR_MASE = 0;
export const ERROR_RMSSE = 1;

/**
 * The engine's answer for a batch. Per-series-per-step arrays are laid out `series * horizon + (k - 1)`.
 * Series that could not be forecast at all (no observed value) get NaN points and bounds, model
 * `none`, grade D.
 */
export interface BatchForecast {
  count: number;
  horizon: number;
  levels: readonly number[];
  /** count × horizon point forecasts. */
  point: Float64Array;
  /** One array per level (same order as `levels`), count × horizon. */
  lower: Float64Array[];
  upper: Float64Array[];
  /**
   * count × horizon: standard deviation of the error of the SUM of forecasts 1..k, for safety stock
   * over a lead time of k periods. Measured on the in-sample and backtest errors of such sums,
   * and read as the σ of `z × σ` at 95% service: where the sums' measured 95% quantile lies above
   * 1.645 × their spread (a heavy upper tail) it is that quantile ÷ 1.645, as for a skewed log-scale
   * spread. From step 2 on, it grows by at most each step's spread (README.md, "Tournament").
   */
  cumulativeSigma: Float64Array;
  /** Label table; `model` and `leaderboardModel` index into it. Fixed for given settings. */
  modelNames: readonly string[];
  /** Per series: the winning model or combination. */
  model: Int32Array;
  /** Per series: the winner's backtest scaled error (see `errorKind`). */
  error: Float64Array;
  /** Per series: ERROR_MASE (0) or ERROR_RMSSE (1, intermittent demand). */
  errorKind: Uint8Array;
  /** Per series: the naive benchmark's backtest error on the same scale (seasonal naive when seasonal). */
  naiveError: Float64Array;
  /** Per series: 0..3 = A..D (rule in grade.ts). */
  grade: Uint8Array;
  /** Per series: 1 when the forecast is seasonal (the series' own season or its group's profile). */
  seasonal: Uint8Array;
  /** Series i's leaderboard is entries `leaderboardOffsets[i] .. leaderboardOffsets[i+1]`, best first. */
  leaderboardOffsets: Int32Array;
  leaderboardModel: Int32Array;
  leaderboardError: Float64Array;
  /** Same layout as the input values: the winner's one-step-ahead in-sample fit (NaN where undefined). */
  fitted: Float64Array;
}

export type ProgressCallback = (done: number, total: number) => void;
