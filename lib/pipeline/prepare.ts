import { memberPoolSample, outlierPeriods, seasonProfiles, WEEKS_PER_YEAR, yearSeasons, type ForecastSettings, type SharedSeasons } from '../forecast';
import { abcClasses, annualDemand, demandVariability, xyzClasses } from '../inventory/classes';
import type { Period } from '../inventory/periods';
import { demandSeries, type DemandState, type History } from './demand';
import { sharedInt32, sharedUint8, shareFloat64 } from './shared-memory';

/**
 * After the load: the history series the engine forecasts from, the ABC/XYZ classes, which rank
 * every item against all the others, the categories' shared seasonal profiles, which pool them,
 * and the items the member pool's held-back test scores (member-pool.ts): computed once for the
 * run, on a worker (O(items × periods)). They depend on history only: a resumed run classes and
 * forecasts items exactly as an uninterrupted one.
 */
export interface PrepareTask {
  kind: 'prepare';
  demand: DemandState;
  period: Period;
  /** The last period of history (the last complete period of the sales data). */
  endPeriod: number;
  periodsPerYear: number;
  unitCost: Float64Array;
  /** Periods per seasonal cycle of the run's periods. */
  season: number;
  /** Per item: its category group; and the number of groups. */
  categoryGroup: Int32Array;
  categoryCount: number;
  /** The engine's settings for the run. */
  settings: ForecastSettings;
}

/** Per item, in shared memory. */
export interface Classes {
  abc: Uint8Array;
  xyz: Uint8Array;
  annualValue: Float64Array;
  cv: Float64Array;
}

export interface PrepareResult {
  history: History;
  classes: Classes;
  /** Per item (the run's order): its category's seasonal profile, for the engine. */
  seasons: SharedSeasons;
  /** Positions of the items the member pool's held-back test scores, in shared memory. */
  poolSample: Int32Array;
  /** Positions of the items whose sales before a long silence were left out of their history (`demandSeries`). */
  setAside: Int32Array;
  /** Per item: the period (from its history's start) the engine sets aside as a quantity typed wrong (-1: none), and what stands in for it. */
  outliers: { at: Int32Array; typical: Float64Array };
  seconds: number;
}

export function prepareRun(task: PrepareTask): PrepareResult {
  const started = performance.now();
  const { history, setAside } = demandSeries(task.demand, task.period, task.endPeriod, task.periodsPerYear);
  // The classes and the categories' seasons read the history as the engine does, a quantity typed
  // wrong stood in for; the history stored with the results keeps what was sold.
  const outliers = outlierPeriods(history.values, history.offsets);
  const sold = standIn(history, outliers);
  const annual = annualDemand(history.values, history.offsets, task.periodsPerYear);
  const cv = demandVariability(history.values, history.offsets, task.periodsPerYear);
  const annualValue = new Float64Array(annual.length);
  for (let i = 0; i < annual.length; i++) annualValue[i] = annual[i]! * task.unitCost[i]!;
  const abc = sharedUint8(annual.length);
  abc.set(abcClasses(annualValue));
  const xyz = sharedUint8(annual.length);
  xyz.set(xyzClasses(cv));
  const m = task.season;
  const phase = sharedInt32(history.start.length);
  for (let i = 0; i < phase.length; i++) phase[i] = ((history.start[i]! % m) + m) % m;
  const profiles = seasonProfiles(history, task.categoryGroup, phase, task.categoryCount, m);
  const seasons: SharedSeasons = { profiles: shareFloat64(profiles), group: task.categoryGroup, phase };
  // Where the season is the week (days), the methods model only that: the year comes from the categories.
  if (m > 1 && Math.round(task.periodsPerYear / m) === WEEKS_PER_YEAR) {
    const year = yearSeasons(history, task.categoryGroup, history.start, task.categoryCount, m);
    const yearPhase = sharedInt32(year.phase.length);
    yearPhase.set(year.phase);
    seasons.year = { length: year.length, profiles: shareFloat64(year.profiles), phase: yearPhase };
  }
  putBack(history, outliers, sold);
  const sample = memberPoolSample(history, task.settings);
  const poolSample = sharedInt32(sample.length);
  poolSample.set(sample);
  return {
    history,
    classes: { abc, xyz, annualValue: shareFloat64(annualValue), cv: shareFloat64(cv) },
    seasons,
    poolSample,
    setAside,
    outliers,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Writes what stands in for each item's outlier into its history; returns the demand it replaced. */
function standIn(history: History, outliers: PrepareResult['outliers']): Float64Array {
  const sold = new Float64Array(outliers.at.length);
  for (let i = 0; i < sold.length; i++) {
    const at = outliers.at[i]!;
    if (at < 0) continue;
    sold[i] = history.values[history.offsets[i]! + at]!;
    history.values[history.offsets[i]! + at] = outliers.typical[i]!;
  }
  return sold;
}

function putBack(history: History, outliers: PrepareResult['outliers'], sold: Float64Array): void {
  for (let i = 0; i < sold.length; i++) if (outliers.at[i]! >= 0) history.values[history.offsets[i]! + outliers.at[i]!] = sold[i]!;
}
