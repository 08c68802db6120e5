import { PERIODS, type Period } from '../inventory/periods';

/** What a run computes, besides the data: part of its key. */
export interface PipelineParams {
  /** Demand bucket: `week` by default. */
  period: Period;
  /** Forecast periods ahead; default per period in DEFAULT_HORIZON. */
  horizon: number;
}

/**
 * Default horizons: a quarter of days (daily forecasts far out are noise and cost), half a year
 * of weeks, a year of months. Each covers common lead times plus the 13-week excess cover;
 * inventory figures that reach past the horizon continue at the horizon's mean rate.
 */
export const DEFAULT_HORIZON: Readonly<Record<Period, number>> = { day: 91, week: 26, month: 12 };
/** The longest horizon accepted: three years. */
export const MAX_HORIZON: Readonly<Record<Period, number>> = { day: 1095, week: 156, month: 36 };
/** Season length the engine tests for: the week in daily data, the year in weekly and monthly. */
export const SEASON: Readonly<Record<Period, number>> = { day: 7, week: 52, month: 12 };
/** Prediction-interval levels, fixed: the export's columns are lo80/hi80/lo95/hi95. */
export const LEVELS: readonly [number, number] = [80, 95];
/**
 * Raised whenever a code change alters results, so that cached results computed by older code
 * are not served for the same data and parameters.
 */
export const RESULTS_REVISION = 4;

export class ParamsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ParamsError';
  }
}

export function resolveParams(params: Partial<PipelineParams> = {}): PipelineParams {
  const period = params.period ?? 'week';
  if (!PERIODS.includes(period)) throw new ParamsError(`period must be one of ${PERIODS.join(', ')}, got "${period}"`);
  const horizon = params.horizon ?? DEFAULT_HORIZON[period];
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON[period]) {
    throw new ParamsError(`horizon must be a whole number of ${period}s from 1 to ${MAX_HORIZON[period]}, got ${horizon}`);
  }
  return { period, horizon };
}

/** The cache and resume key: `v<data version>:<period>:h<horizon>:r<results revision>`. */
export function runKey(dataVersion: number, params: PipelineParams): string {
  return `v${dataVersion}:${params.period}:h${params.horizon}:r${RESULTS_REVISION}`;
}
