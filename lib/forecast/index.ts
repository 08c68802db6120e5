/**
 * Stockcast's forecasting engine: per series, a tournament of the automatic methods (AutoETS,
 * AutoARIMA, the Theta family), their combinations and the benchmarks — or, for intermittent
 * demand, the Croston family — scored by rolling-origin backtest; the best scored forecast ahead
 * with prediction intervals and a confidence grade. Pure: typed arrays in, typed arrays out; no
 * I/O, no clock, no randomness. See README.md here for methods, tournament, intervals, grade and
 * measured accuracy.
 *
 * Results are deterministic and per-series independent given the shared seasonal profiles and the
 * member pool (both decided once for a catalogue): the same series gives bit-identical output
 * whatever batch it is in, so chunked, resumed or parallel runs equal one whole run.
 */
import { MEMBER_NAMES, MODEL_NAMES } from './engine/candidates';
import { allocateForecast, DEFAULT_TUNING, SeriesForecaster, type Tuning } from './engine/forecaster';
import { poolMembers, poolSample, scorePool, type MemberPool } from './engine/pool';
import type { BatchForecast, ForecastSettings, ProgressCallback, SeriesBatch, SharedSeasons } from './types';

export * from './types';
export { MEMBER_NAMES, MODEL_NAMES } from './engine/candidates';
export { decidePool as decideMemberPool, describePool, pooledSettings, type MemberPool } from './engine/pool';
export { MAX_HISTORY, outlierPeriods } from './engine/prepare';
export { outlierRule } from './engine/outliers';
export { promotionPeriods } from './engine/promotions';
export { seasonProfiles, WEEKS_PER_YEAR, yearSeasons } from './profiles';

/** Throws a RangeError naming the first setting that cannot be honoured. */
export function validateSettings(settings: ForecastSettings): void {
  const { horizon, season, levels } = settings;
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  if (!Number.isInteger(season) || season < 1) throw new RangeError(`season must be a positive integer, got ${season}`);
  for (const level of levels) {
    if (!(level > 0 && level < 100)) throw new RangeError(`interval levels must lie strictly between 0 and 100, got ${level}`);
  }
  const { members } = settings;
  if (members) {
    if (members.length === 0) throw new RangeError('members must name at least one automatic method');
    for (const name of members) {
      if (!MEMBER_NAMES.includes(name)) throw new RangeError(`members: ${JSON.stringify(name)} is not an automatic method (${MEMBER_NAMES.join(', ')})`);
    }
  }
}

/** Settings, batch and shared seasons together, as every entry point that reads a batch checks them. */
function validateInputs(batch: SeriesBatch, settings: ForecastSettings, shared: SharedSeasons | undefined): void {
  validateSettings(settings);
  validateBatch(batch);
  if (shared) validateShared(shared, batch, settings);
}

function validateBatch(batch: SeriesBatch): void {
  const { values, offsets } = batch;
  if (offsets.length < 1 || offsets[0] !== 0) throw new RangeError('offsets must start with 0');
  for (let i = 1; i < offsets.length; i++) {
    if (offsets[i] < offsets[i - 1]) throw new RangeError(`offsets must not decrease (at ${i})`);
  }
  if (offsets[offsets.length - 1] > values.length) throw new RangeError('offsets point past the end of values');
  const { pinned } = batch;
  if (pinned && pinned.length !== offsets.length - 1) throw new RangeError('pinned needs one entry per series');
  for (let i = 0; pinned && i < pinned.length; i++) {
    if (pinned[i] !== -1 && !(pinned[i] >= 0 && pinned[i] < MODEL_NAMES.length && MODEL_NAMES[pinned[i]] !== 'none')) throw new RangeError(`series ${i} pins ${pinned[i]}, which is not a model's label`);
  }
}

function validateShared(shared: SharedSeasons, batch: SeriesBatch, settings: ForecastSettings): void {
  const count = batch.offsets.length - 1;
  const m = settings.season;
  if (shared.group.length !== count || shared.phase.length !== count) throw new RangeError('shared seasons: group and phase need one entry per series');
  const rows = shared.profiles.length / m;
  if (!Number.isInteger(rows)) throw new RangeError(`shared seasons: profiles must hold whole seasons of ${m}`);
  for (let i = 0; i < count; i++) {
    if (shared.group[i] >= rows) throw new RangeError(`shared seasons: series ${i} names group ${shared.group[i]} of ${rows}`);
  }
  const { year } = shared;
  if (!year) return;
  if (!(Number.isInteger(year.length) && year.length >= 2)) throw new RangeError(`shared seasons: the year must be a whole number of periods from 2, not ${year.length}`);
  if (year.phase.length !== count) throw new RangeError('shared seasons: the year needs a phase per series');
  if (year.profiles.length !== rows * year.length) throw new RangeError(`shared seasons: the year needs ${rows} profiles of ${year.length}, one per group as the season's`);
}

/**
 * Forecasts every series of the batch. `onProgress(done, total)` is called after each series;
 * `shared` gives the groups' seasonal profiles (profiles.ts) when the series belong to groups.
 * Throws RangeError for settings or offsets it cannot honour; never for a series' values.
 * `tuning` is for experiments (test/accuracy/report.ts); leave it out.
 */
export function forecastBatch(
  batch: SeriesBatch,
  settings: ForecastSettings,
  onProgress?: ProgressCallback,
  shared?: SharedSeasons,
  tuning: Tuning = DEFAULT_TUNING,
): BatchForecast {
  validateInputs(batch, settings, shared);
  const { values, offsets } = batch;
  const count = offsets.length - 1;
  let longest = 1;
  for (let i = 0; i < count; i++) longest = Math.max(longest, offsets[i + 1] - offsets[i]);
  const out = allocateForecast(count, settings, values.length);
  const forecaster = new SeriesForecaster(longest, settings, out, shared, tuning);
  let board = 0;
  for (let i = 0; i < count; i++) {
    out.leaderboardOffsets[i] = board;
    board = forecaster.run(i, values, offsets[i], offsets[i + 1] - offsets[i], board, batch.pinned?.[i] ?? -1);
    onProgress?.(i + 1, count);
  }
  out.leaderboardOffsets[count] = board;
  out.leaderboardModel = out.leaderboardModel.slice(0, board);
  out.leaderboardError = out.leaderboardError.slice(0, board);
  return out;
}

/**
 * The automatic methods a catalogue's regular demand is combined from (engine/pool.ts): pass its
 * `members` in the settings of every batch of that catalogue. Validated as forecastBatch. Callers
 * that spread the test over threads score parts of `memberPoolSample` with `scoreMemberPool` and
 * decide on the parts' rows concatenated in order with `decideMemberPool`: the same decision.
 */
export function memberPool(batch: SeriesBatch, settings: ForecastSettings, shared?: SharedSeasons): MemberPool {
  validateInputs(batch, settings, shared);
  return poolMembers(batch, settings, shared);
}

/** The positions of the series the member pool's test holds back. */
export function memberPoolSample(batch: SeriesBatch, settings: ForecastSettings): Int32Array {
  validateInputs(batch, settings, undefined);
  return poolSample(batch, settings.horizon);
}

/** The member pool's test of some of its sample's series: per series, each member's log error ratio and the cleaned history's (series × (members + 1)). */
export function scoreMemberPool(batch: SeriesBatch, settings: ForecastSettings, shared: SharedSeasons | undefined, series: Int32Array): Float64Array {
  validateInputs(batch, settings, shared);
  const count = batch.offsets.length - 1;
  for (const i of series) if (!(i >= 0 && i < count)) throw new RangeError(`member pool: series ${i} is not in the batch of ${count}`);
  return scorePool(batch, settings, shared, series);
}

/** One series' forecast, unpacked (for tests and small callers). */
export interface SeriesForecast {
  point: number[];
  lower: number[][];
  upper: number[][];
  cumulativeSigma: number[];
  model: string;
  error: number;
  naiveError: number;
  grade: string;
  seasonal: boolean;
  leaderboard: { model: string; error: number }[];
  fitted: number[];
}

/** Forecasts a single series given as plain numbers (NaN = missing). */
export function forecastSeries(values: ArrayLike<number>, settings: ForecastSettings): SeriesForecast {
  const batch = { values: Float64Array.from(values), offsets: Int32Array.of(0, values.length) };
  const r = forecastBatch(batch, settings);
  const h = r.horizon;
  const board = [];
  for (let j = r.leaderboardOffsets[0]; j < r.leaderboardOffsets[1]; j++) {
    board.push({ model: r.modelNames[r.leaderboardModel[j]], error: r.leaderboardError[j] });
  }
  return {
    point: Array.from(r.point.subarray(0, h)),
    lower: r.lower.map((a) => Array.from(a.subarray(0, h))),
    upper: r.upper.map((a) => Array.from(a.subarray(0, h))),
    cumulativeSigma: Array.from(r.cumulativeSigma.subarray(0, h)),
    model: r.modelNames[r.model[0]],
    error: r.error[0],
    naiveError: r.naiveError[0],
    grade: 'ABCD'[r.grade[0]],
    seasonal: r.seasonal[0] === 1,
    leaderboard: board,
    fitted: Array.from(r.fitted),
  };
}
