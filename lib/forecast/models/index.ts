import { holtWintersAdditive, holtWintersMultiplicative } from './holtWinters';
import { crostonModel, sbaModel, tsbModel } from './intermittent';
import type { Model } from './model';
import { movingAverage } from './movingAverage';
import { drift, localDrift, naive, seasonalNaive } from './naive';
import { damped, holt, ses } from './smoothing';
import { localTheta, theta } from './theta';

export type { Model } from './model';
export { paramStride } from './model';

/**
 * How a model meets a series: on the seasonally adjusted history (seasonality restored after),
 * on the raw history with its own seasonal states, or only on intermittent demand.
 */
export const Role = { Adjusted: 0, Seasonal: 1, Intermittent: 2 } as const;
export type Role = (typeof Role)[keyof typeof Role];

export interface Candidate {
  model: Model;
  role: Role;
  /** Also runs on intermittent series (on the raw history). */
  intermittent: boolean;
}

/** Every model the tournament knows, in label order. */
export const CANDIDATES: readonly Candidate[] = [
  { model: naive, role: Role.Adjusted, intermittent: true },
  { model: seasonalNaive, role: Role.Seasonal, intermittent: false },
  { model: drift, role: Role.Adjusted, intermittent: false },
  { model: localDrift, role: Role.Adjusted, intermittent: false },
  { model: movingAverage, role: Role.Adjusted, intermittent: true },
  { model: ses, role: Role.Adjusted, intermittent: true },
  { model: holt, role: Role.Adjusted, intermittent: false },
  { model: damped, role: Role.Adjusted, intermittent: false },
  { model: theta, role: Role.Adjusted, intermittent: false },
  { model: localTheta, role: Role.Adjusted, intermittent: false },
  { model: holtWintersAdditive, role: Role.Seasonal, intermittent: false },
  { model: holtWintersMultiplicative, role: Role.Seasonal, intermittent: false },
  { model: crostonModel, role: Role.Intermittent, intermittent: true },
  { model: sbaModel, role: Role.Intermittent, intermittent: true },
  { model: tsbModel, role: Role.Intermittent, intermittent: true },
];

const indexOf = (name: string) => CANDIDATES.findIndex((c) => c.model.name === name);
export const NAIVE = indexOf('naive');
export const SEASONAL_NAIVE = indexOf('snaive');
export const MOVING_AVERAGE = indexOf('ma');
export const DAMPED = indexOf('damped');
export const THETA = indexOf('theta');
export const LOCAL_THETA = indexOf('local_theta');
export const LOCAL_DRIFT = indexOf('local_drift');
export const HW_ADD = indexOf('hw_add');
export const HW_MUL = indexOf('hw_mul');
export const SBA = indexOf('sba');
export const TSB = indexOf('tsb');
