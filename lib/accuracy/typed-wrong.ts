import { outlierPeriods } from '../forecast';
import type { Actuals } from './lags';

/** A period whose actual demand the engine sets aside as a quantity typed wrong, and what stands in for it. */
export interface TypedWrong {
  period: number;
  demand: number;
  typical: number;
}

/**
 * Per item key, the period of its actuals that the forecast engine's rule (`outlierPeriods`) sets
 * aside as a quantity typed wrong. Accuracy leaves it out as the run does: scored against 500 where
 * 5 was sold, one item's typo would outweigh the whole catalogue's error for that period.
 */
export function typedWrongPeriods(actuals: Actuals): Map<number, TypedWrong> {
  const keys = [...actuals.keys()];
  const offsets = new Int32Array(keys.length + 1);
  keys.forEach((key, i) => (offsets[i + 1] = offsets[i]! + actuals.get(key)!.values.length));
  const values = new Float64Array(offsets[keys.length]!);
  keys.forEach((key, i) => values.set(actuals.get(key)!.values, offsets[i]));
  const { at, typical } = outlierPeriods(values, offsets);
  const found = new Map<number, TypedWrong>();
  keys.forEach((key, i) => {
    if (at[i]! < 0) return;
    const a = actuals.get(key)!;
    found.set(key, { period: a.start + at[i]!, demand: a.values[at[i]!]!, typical: typical[i]! });
  });
  return found;
}
