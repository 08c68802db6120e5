import { seasonProfiles, type SharedSeasons } from '../forecast';
import { abcClasses, annualDemand, demandVariability, xyzClasses } from '../inventory/classes';
import { demandSeries, type DemandState, type History } from './demand';
import { sharedInt32, sharedUint8, shareFloat64 } from './shared-memory';

/**
 * After the load: the history series the engine forecasts from, the ABC/XYZ classes, which rank
 * every item against all the others, and the categories' shared seasonal profiles, which pool
 * them: computed once for the run, on a worker (O(items × periods)). They depend on history only:
 * a resumed run classes and forecasts items exactly as an uninterrupted one.
 */
export interface PrepareTask {
  kind: 'prepare';
  demand: DemandState;
  /** The last period of history. */
  endPeriod: number;
  periodsPerYear: number;
  unitCost: Float64Array;
  /** Periods per seasonal cycle of the run's periods. */
  season: number;
  /** Per item: its category group; and the number of groups. */
  categoryGroup: Int32Array;
  categoryCount: number;
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
  seconds: number;
}

export function prepareRun(task: PrepareTask): PrepareResult {
  const started = performance.now();
  const history = demandSeries(task.demand, task.endPeriod);
  const annual = annualDemand(history.values, history.offsets, task.periodsPerYear);
  const annualValue = new Float64Array(annual.length);
  for (let i = 0; i < annual.length; i++) annualValue[i] = annual[i]! * task.unitCost[i]!;
  const cv = demandVariability(history.values, history.offsets, task.periodsPerYear);
  const abc = sharedUint8(annual.length);
  abc.set(abcClasses(annualValue));
  const xyz = sharedUint8(annual.length);
  xyz.set(xyzClasses(cv));
  const m = task.season;
  const phase = sharedInt32(history.start.length);
  for (let i = 0; i < phase.length; i++) phase[i] = ((history.start[i]! % m) + m) % m;
  const profiles = seasonProfiles(history, task.categoryGroup, phase, task.categoryCount, m);
  return {
    history,
    classes: { abc, xyz, annualValue: shareFloat64(annualValue), cv: shareFloat64(cv) },
    seasons: { profiles: shareFloat64(profiles), group: task.categoryGroup, phase },
    seconds: (performance.now() - started) / 1000,
  };
}
