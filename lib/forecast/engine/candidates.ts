import { autoArimaWith } from '../models/arima';
import { autoEtsWith } from '../models/ets';
import type { ForecastMethod } from '../models/forecaster';
import { adida, croston, imapa, sba, tsb } from '../models/intermittent';
import { movingAverage } from '../models/intermittent/movingAverage';
import { naive, seasonalNaive } from '../models/naive';
import { autoTheta, standardTheta } from '../models/theta';

/**
 * Every method the tournament knows, in label order, and the demand it runs on. This list is the
 * one place that says so: the engine, the label table and the dashboard's explanation of a stored
 * choice all read it.
 * - The automatic methods (AutoETS, AutoARIMA, the optimised Theta DOTM and the standard Theta)
 *   forecast regular demand, alone and in every equal-weight combination of two or more of them.
 *   Both Theta lines are members: the trimmed mean of all four forecast better than the mean of
 *   ETS, ARIMA and the optimised one on most shared sets, official and held-back tails alike
 *   (lib/forecast/README.md, "The default: the trimmed mean of four").
 * - The benchmarks (naive, seasonal naive) give every scaled error its reference and compete too;
 *   naive, like the automatic methods, sees the seasonally adjusted series where the engine
 *   adjusts it (a known season is never ignored by the forecast that wins).
 * - The intermittent family (moving average, Croston, SBA, TSB, ADIDA, IMAPA) forecasts demand
 *   with many empty periods.
 */
export interface Candidate {
  method: ForecastMethod;
  regular: boolean;
  intermittent: boolean;
  /** A member of the combinations. */
  member: boolean;
  /** Runs on the seasonally adjusted series where the engine adjusts it (seasonality.ts). */
  adjusted: boolean;
}

/**
 * AutoARIMA as the engine runs it: the stepwise search's CSS-only fits on long series (n > 150 or
 * m > 12), which only rank the models, the chosen model's refit by ML there, which starts from
 * the search's CSS estimate of it, and the backtest's refits on a prefix, which only measure
 * errors, stop once a step improves the objective by less than 1e-5 of its value instead of R's
 * √ε (the parity test keeps R's path). What that saves and what it moves: lib/forecast/README.md,
 * "Speed".
 */
const autoArima = autoArimaWith(1e-5);

/**
 * AutoETS as the engine runs it: each form's Nelder–Mead stops once its simplex agrees within
 * 1e-5 of the criterion instead of R's √ε (the parity test keeps R's). On a demo week the
 * criterion n·log(Σe²) is about 1,500, so the fits stop within about 0.015 of it, far below the
 * AICc differences that choose between forms; the same accuracy on the shared sets, half of
 * AutoETS's CPU on the demo (lib/forecast/README.md, "Speed").
 */
const autoEts = autoEtsWith(1e-5);

export const CANDIDATES: readonly Candidate[] = [
  { method: naive, regular: true, intermittent: true, member: false, adjusted: true },
  { method: seasonalNaive, regular: true, intermittent: false, member: false, adjusted: false },
  { method: autoEts, regular: true, intermittent: false, member: true, adjusted: true },
  { method: autoArima, regular: true, intermittent: false, member: true, adjusted: true },
  { method: autoTheta, regular: true, intermittent: false, member: true, adjusted: true },
  { method: standardTheta, regular: true, intermittent: false, member: true, adjusted: true },
  { method: movingAverage, regular: false, intermittent: true, member: false, adjusted: false },
  { method: croston, regular: false, intermittent: true, member: false, adjusted: false },
  { method: sba, regular: false, intermittent: true, member: false, adjusted: false },
  { method: tsb, regular: false, intermittent: true, member: false, adjusted: false },
  { method: adida, regular: false, intermittent: true, member: false, adjusted: false },
  { method: imapa, regular: false, intermittent: true, member: false, adjusted: false },
];

const indexOf = (method: ForecastMethod) => CANDIDATES.findIndex((c) => c.method === method);
export const NAIVE = indexOf(naive);
export const SEASONAL_NAIVE = indexOf(seasonalNaive);
export const CANDIDATE_COUNT = CANDIDATES.length;
/** Bit mask of the combination members. */
export const MEMBERS = CANDIDATES.reduce((mask, c, i) => (c.member ? mask | (1 << i) : mask), 0);
/** The members' names, in candidate order (ForecastSettings.members). */
export const MEMBER_NAMES: readonly string[] = CANDIDATES.filter((c) => c.member).map((c) => c.method.name);

/** Bit mask of the members named (validated by the caller); every member when absent. */
export function memberMask(names: readonly string[] | undefined): number {
  if (!names) return MEMBERS;
  return CANDIDATES.reduce((mask, c, i) => (c.member && names.includes(c.method.name) ? mask | (1 << i) : mask), 0);
}

/** Label index of `none`: the series had no observation to forecast from. */
export const NONE = CANDIDATES.length;

/** Every combination (a mask of two or more members), largest first, in a fixed order. */
export const COMBINATIONS: readonly number[] = (() => {
  const masks: number[] = [];
  for (let mask = MEMBERS; mask > 0; mask = (mask - 1) & MEMBERS) if (popCount(mask) >= 2) masks.push(mask);
  return masks.sort((a, b) => popCount(b) - popCount(a) || b - a);
})();

/**
 * The fixed label table: every method, `none`, then every combination as `combo(a+b+…)`. Fixed,
 * never built from the data, so a series' label index does not depend on its batch.
 */
export const MODEL_NAMES: readonly string[] = [
  ...CANDIDATES.map((c) => c.method.name),
  'none',
  ...COMBINATIONS.map((mask) => `combo(${CANDIDATES.filter((_, i) => mask & (1 << i)).map((c) => c.method.name).join('+')})`),
];

/** Label index of a single method (mask with one bit) or a combination. */
export function labelOf(mask: number): number {
  if (popCount(mask) === 1) return 31 - Math.clz32(mask);
  const at = COMBINATIONS.indexOf(mask);
  if (at < 0) throw new Error(`no label for combination mask ${mask}`);
  return NONE + 1 + at;
}

export function popCount(mask: number): number {
  let count = 0;
  for (let v = mask; v; v &= v - 1) count++;
  return count;
}
