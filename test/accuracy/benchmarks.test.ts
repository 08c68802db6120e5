/**
 * The engine against every shared benchmark set (../shared/data, read in place) and the anchors of
 * issue 11: on each M-competition set, sMAPE and MASE below the best of R forecast 8.20's ets,
 * auto.arima, thetaf and the equal-weight mean of the three (the data README's table; every
 * figure re-scored by `npx tsx test/accuracy/r-anchors.ts`); carparts below TSB's RMSSE with a
 * smaller total bias; and honest intervals everywhere: 95% bands covering 0.92–0.98 and 80% bands
 * 0.75–0.87 of the held-out points.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DATA_DIR, loadSet, runSet, SET_NAMES, type SetName, type SetScore } from './sets';

const scores = new Map<SetName, SetScore>();

beforeAll(() => {
  if (!fs.existsSync(DATA_DIR)) throw new Error(`benchmark data not found at ${DATA_DIR} (expected ../shared/data next to the repository)`);
  for (const name of SET_NAMES) scores.set(name, runSet(loadSet(name)).score);
}, 600_000);

const score = (name: SetName) => scores.get(name)!;

// [set, R's best sMAPE and its method, R's best MASE and its method] (data README)
const ANCHORS: [SetName, number, string, number, string][] = [
  ['m3_yearly', 16.03, 'mean', 2.688, 'mean'],
  ['m3_quarterly', 9.01, 'mean', 1.064, 'mean'],
  ['m3_other', 4.32, 'mean', 1.807, 'mean'],
  ['m1_yearly', 17.23, 'auto.arima', 3.467, 'auto.arima'],
  ['m1_quarterly', 16.35, 'thetaf', 1.57, 'mean'],
  ['m1_monthly', 14.8, 'mean', 1.039, 'mean'],
  ['m4_weekly', 7.53, 'ets + thetaf', 0.525, 'ets + thetaf'],
];

describe.each(ANCHORS)('%s', (name, rSmape, smapeBy, rMase, maseBy) => {
  it(`sMAPE below R's best (${smapeBy} ${rSmape})`, () => {
    expect(score(name).smape).toBeLessThan(rSmape);
  });

  it(`MASE below R's best (${maseBy} ${rMase})`, () => {
    expect(score(name).mase).toBeLessThan(rMase);
  });
});

describe.each(SET_NAMES.map((name) => [name]))('%s intervals', (name) => {
  it('95% bands cover 0.92–0.98 and 80% bands 0.75–0.87 of the held-out points', () => {
    const s = score(name);
    expect(s.coverage95).toBeGreaterThanOrEqual(0.92);
    expect(s.coverage95).toBeLessThanOrEqual(0.98);
    expect(s.coverage80).toBeGreaterThanOrEqual(0.75);
    expect(s.coverage80).toBeLessThanOrEqual(0.87);
  });
});

describe('carparts (intermittent)', () => {
  it('RMSSE below TSB’s 0.505', () => {
    expect(score('carparts').rmsse).toBeLessThan(0.505);
  });

  it('absolute total bias below TSB’s 56%, and the shelf is stocked (bias above −50%)', () => {
    const bias = score('carparts').bias;
    expect(Math.abs(bias)).toBeLessThan(0.56);
    expect(bias).toBeGreaterThan(-0.5);
  });

  it('all 1,046 series forecast', () => {
    expect(score('carparts').series).toBe(1046);
  });
});
