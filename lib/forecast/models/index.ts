import { holtWintersAdditive, holtWintersMultiplicative } from './holtWinters';
import { crostonModel, sbaModel, tsbModel } from './intermittent';
import type { Model } from './model';
import { movingAverage } from './movingAverage';
import { drift, naive, seasonalNaive } from './naive';
import { damped, holt, ses } from './smoothing';
import { theta } from './theta';

export type { Model } from './model';
export { paramStride } from './model';

/** How a model meets a series: on the seasonally adjusted history, on the raw history with its own season, or only for intermittent demand. */
export const Role = { Adjusted: 0, Seasonal: 1, Intermittent: 2 } as const;
export type Role = (typeof Role)[keyof typeof Role];

export interface Candidate {
  model: Model;
  role: Role;
  /** Runs for intermittent series too (on the raw history). */
  intermittent: boolean;
}

/** Every model the tournament knows, in label order. Index 0 is the naive benchmark. */
export const CANDIDATES: readonly Candidate[] = [
  { model: naive, role: Role.Adjusted, intermittent: true },
  { model: seasonalNaive, role: Role.Seasonal, intermittent: false },
  { model: drift, role: Role.Adjusted, intermittent: false },
  { model: movingAverage, role: Role.Adjusted, intermittent: true },
  { model: ses, role: Role.Adjusted, intermittent: true },
  { model: holt, role: Role.Adjusted, intermittent: false },
  { model: damped, role: Role.Adjusted, intermittent: false },
  { model: theta, role: Role.Adjusted, intermittent: false },
  { model: holtWintersAdditive, role: Role.Seasonal, intermittent: false },
  { model: holtWintersMultiplicative, role: Role.Seasonal, intermittent: false },
  { model: crostonModel, role: Role.Intermittent, intermittent: true },
  { model: sbaModel, role: Role.Intermittent, intermittent: true },
  { model: tsbModel, role: Role.Intermittent, intermittent: true },
];

export const NAIVE = 0;
export const SEASONAL_NAIVE = 1;
