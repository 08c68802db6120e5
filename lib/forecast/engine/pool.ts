import type { ForecastSettings, SeriesBatch, SharedSeasons } from '../types';
import { MEMBER_NAMES } from './candidates';
import { combinedAt } from './combination';
import { allocateForecast, SeriesForecaster } from './forecaster';
import { MIN_FIT } from './grade';
import { prepare } from './prepare';

/** Regular series of the catalogue held back and scored, evenly spaced through it. */
export const POOL_SAMPLE = 256;
/** Fewest scored series on which the pool leaves out a member. */
export const POOL_MIN_SERIES = 30;
/** A member forecasts alone when its held-back error is at most this share of the combination's. */
export const POOL_MARGIN = 0.85;
/** Per scored series: each member's log ratio, then the cleaned history's (scorePool). */
export const POOL_ROW = MEMBER_NAMES.length + 1;

/**
 * Which automatic methods the catalogue's regular demand is forecast by the combination of.
 * `ratio[k]` is the geometric mean, over the scored series, of member k's mean absolute error on
 * the held-back periods over that of the combination of all members (MEMBER_NAMES order; NaN
 * when nothing was scored).
 */
export interface MemberPool {
  members: string[];
  ratio: number[];
  series: number;
  /** Promotion-like spikes are replaced before fitting (engine/promotions.ts). */
  cleanPromotions: boolean;
  /** Geometric mean of the combination's held-back MAE fitted on the cleaned history over fitted on the raw one (NaN: none cleaned). */
  promotionRatio: number;
  /** Series of the sample whose history the cleaning changed and that were scored both ways. */
  promotionSeries: number;
}

/**
 * The member pool, decided once for a catalogue (lib/forecast/README.md, "The member pool"): every
 * member is fitted on up to POOL_SAMPLE of the catalogue's regular series less their last horizon,
 * as the tournament fits a history, and its forecast of that horizon scored against the trimmed
 * mean of all members (geometric mean over the series of the MAE ratio: scale-free). A member at
 * most POOL_MARGIN of the combination's error, and below it by two standard errors, forecasts the
 * catalogue's regular demand alone; otherwise every member stays in the combination. Per series,
 * ten overlapping origins cannot tell methods apart, and the backtest refits the form each method
 * chose on the whole history, its own periods included; across a catalogue one horizon held back
 * from each series, with forms chosen before it, can.
 * The same test decides whether promotion-like spikes are replaced before fitting (README,
 * "Promotion weeks"): where the cleaning changes at least POOL_MIN_SERIES of the sample and the
 * combination fitted on the cleaned histories has the lower held-back error (geometric mean), it
 * is done for the whole catalogue. Both are the same forecast, unbiased either way (the lift), so
 * the lower error decides, with no margin held for one side as for a member alone.
 * Deterministic, from the batch alone: a chunk forecast with the catalogue's pool equals the
 * whole run.
 */
export function poolMembers(batch: SeriesBatch, settings: ForecastSettings, shared?: SharedSeasons): MemberPool {
  return decidePool(scorePool(batch, settings, shared, poolSample(batch, settings.horizon)));
}

/** A catalogue's settings with its pool's decisions: the members combined, whether promotions are replaced. */
export function pooledSettings(settings: ForecastSettings, pool: MemberPool): ForecastSettings {
  return { ...settings, members: pool.members, cleanPromotions: pool.cleanPromotions };
}

/** The series the pool's test holds back: up to POOL_SAMPLE regular series, evenly spaced through the batch. */
export function poolSample(batch: SeriesBatch, horizon: number): Int32Array {
  return evenlySpaced(regularSeries(batch, horizon), POOL_SAMPLE);
}

/**
 * The held-back test of `series` (positions in the batch): per series, each member's log ratio of
 * its MAE over the horizon held back to that of the combination of all members (MEMBER_NAMES
 * order; NaN where the series could not be scored: a member not fitted, an exact forecast, no
 * demand at all in the periods held back), then
 * the log ratio of the combination's MAE fitted on the history with its promotion-like spikes
 * replaced to that on the raw one (NaN where the cleaning changed nothing or either could not be
 * scored): series × POOL_ROW. Parts of a sample scored apart and concatenated in order decide as
 * the whole.
 */
export function scorePool(batch: SeriesBatch, settings: ForecastSettings, shared: SharedSeasons | undefined, series: Int32Array): Float64Array {
  const { values, offsets } = batch;
  const h = settings.horizon;
  let longest = 1;
  for (const i of series) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const all: ForecastSettings = { ...settings, members: undefined };
  const forecaster = new SeriesForecaster(longest, all, allocateForecast(0, all, 0), shared);
  const members = MEMBER_NAMES.length;
  const forecasts = new Float64Array(members * h);
  const views = Array.from({ length: members }, (_, k) => forecasts.subarray(k * h, (k + 1) * h));
  const everyMember = Int32Array.from(views.keys());
  const actual = new Float64Array(h);
  const error = new Float64Array(members);
  const logRatios = new Float64Array(series.length * POOL_ROW).fill(NaN);
  const combinedError = () => {
    let sum = 0;
    for (let k = 0; k < h; k++) sum += Math.abs(actual[k] - combinedAt(views, everyMember, members, k));
    return sum;
  };
  series.forEach((i, row) => {
    const at = row * POOL_ROW;
    const start = offsets[i];
    const len = offsets[i + 1] - start;
    if (!forecaster.holdOut(i, values, start, len, forecasts, actual)) return;
    // An item that stopped selling before the periods held back: each method's error there is its
    // own level, and one that decays to zero scores a ratio of 1e-100 that would outweigh the
    // whole catalogue. Fading demand is the tournament's to handle (fading.ts), not the pool's.
    if (actual.every((v) => v === 0)) return;
    const combined = combinedError();
    error.fill(0);
    for (let k = 0; k < h; k++) for (let m = 0; m < members; m++) error[m] += Math.abs(actual[k] - forecasts[m * h + k]);
    let usable = combined > 0;
    for (let m = 0; m < members; m++) usable &&= error[m] > 0 && Number.isFinite(error[m]);
    if (usable) for (let m = 0; m < members; m++) logRatios[at + m] = Math.log(error[m] / combined);
    if (!(combined > 0) || !forecaster.holdOut(i, values, start, len, forecasts, actual, true)) return;
    const cleaned = combinedError();
    if (cleaned > 0 && Number.isFinite(cleaned)) logRatios[at + members] = Math.log(cleaned / combined);
  });
  return logRatios;
}

/** The decision from the test's log ratios (scorePool's rows, in sample order). */
export function decidePool(logRatios: Float64Array): MemberPool {
  const members = MEMBER_NAMES.length;
  const ratio: number[] = [];
  let best = 0;
  let bestMean = NaN;
  let bestError = NaN;
  let series = 0;
  for (let m = 0; m < members; m++) {
    const test = meanLogRatio(logRatios, m);
    ratio.push(Math.exp(test.mean));
    series = test.count;
    if (m === 0 || test.mean < bestMean) [best, bestMean, bestError] = [m, test.mean, test.standardError];
  }
  const alone = series >= POOL_MIN_SERIES && ratio[best] <= POOL_MARGIN && clearlyBelowZero(bestMean, bestError);
  const promotions = meanLogRatio(logRatios, members);
  return {
    members: alone ? [MEMBER_NAMES[best]] : [...MEMBER_NAMES],
    ratio,
    series,
    cleanPromotions: promotions.count >= POOL_MIN_SERIES && promotions.mean < 0,
    promotionRatio: Math.exp(promotions.mean),
    promotionSeries: promotions.count,
  };
}

/** Mean (NaN when none), its standard error and count of column `column` over the rows where it is a number. */
function meanLogRatio(logRatios: Float64Array, column: number): { mean: number; standardError: number; count: number } {
  let sum = 0;
  let squares = 0;
  let count = 0;
  for (let at = column; at < logRatios.length; at += POOL_ROW) {
    const r = logRatios[at];
    if (Number.isNaN(r)) continue;
    sum += r;
    squares += r * r;
    count++;
  }
  const mean = count > 0 ? sum / count : NaN;
  const standardError = Math.sqrt(Math.max(0, squares / count - mean * mean) / Math.max(1, count - 1));
  return { mean, standardError, count };
}

/** Better, not better by chance: a mean log ratio two standard errors below zero. */
function clearlyBelowZero(mean: number, standardError: number): boolean {
  return mean + 2 * standardError < 0;
}

/** The series the combination forecasts (regular demand) with a horizon to hold back and MIN_FIT periods before it. */
function regularSeries(batch: SeriesBatch, h: number): Int32Array {
  const { values, offsets } = batch;
  let longest = 1;
  for (let i = 0; i + 1 < offsets.length; i++) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const y = new Float64Array(longest);
  const found: number[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) {
    const s = prepare(values, offsets[i], offsets[i + 1] - offsets[i], y);
    if (s.first >= 0 && !s.flat && !s.intermittent && s.n - h >= MIN_FIT) found.push(i);
  }
  return Int32Array.from(found);
}

/** Up to `sample` of `series`, spread evenly through it; all of them when there are fewer. */
function evenlySpaced(series: Int32Array, sample: number): Int32Array {
  if (series.length <= sample) return series;
  return Int32Array.from({ length: sample }, (_, k) => series[Math.floor(((k + 0.5) * series.length) / sample)]);
}

/** One line for logs: what the pool decided and on what evidence. */
export function describePool(pool: MemberPool): string {
  const ratios = MEMBER_NAMES.map((name, m) => `${name} ${pool.ratio[m].toFixed(2)}`).join(', ');
  const evidence = pool.series > 0 ? `held-back error over the combination's on ${pool.series} series: ${ratios}` : 'no series long enough to hold back a horizon';
  const decision = pool.members.length === 1 ? `${pool.members[0]} forecasts regular demand alone` : `regular demand is forecast by the combination of ${pool.members.join(', ')}`;
  const promotions =
    pool.promotionSeries > 0
      ? `; promotion-like spikes ${pool.cleanPromotions ? 'set aside before fitting' : 'kept in the histories'} (held-back error cleaned over raw ${pool.promotionRatio.toFixed(3)} on ${pool.promotionSeries} series)`
      : '; no promotion-like spikes to set aside';
  return `${decision} (${evidence})${promotions}`;
}
