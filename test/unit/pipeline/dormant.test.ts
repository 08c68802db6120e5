import { describe, expect, it } from 'vitest';
import { currentLifeStart } from '@/lib/pipeline/dormant';

const YEAR = 52;

/** Weeks of demand from runs: [value, weeks] pairs, in order. */
function weeks(...runs: [number, number][]): Float64Array {
  const values: number[] = [];
  for (const [value, n] of runs) for (let k = 0; k < n; k++) values.push(value);
  return Float64Array.from(values);
}

/** A steady seller's weeks: never zero. */
const selling = (n: number): [number, number][] => Array.from({ length: n }, (_, k) => [10 + (k % 3), 1] as [number, number]);

describe('an item’s current life', () => {
  it('starts after a sale whose year was typed a century early', () => {
    const row = weeks([5, 1], [0, 100 * YEAR], ...selling(156));
    expect(currentLifeStart(row, 0, row.length - 1, YEAR)).toBe(1 + 100 * YEAR);
  });

  it('starts at a relaunch after years off the shelf', () => {
    const row = weeks(...selling(104), [0, 3 * YEAR], ...selling(YEAR));
    expect(currentLifeStart(row, 0, row.length - 1, YEAR)).toBe(104 + 3 * YEAR);
  });

  it('starts at the first sale where the history starts empty: the typed sale fell in a part-week left out', () => {
    const row = weeks([0, 100 * YEAR], ...selling(17));
    expect(currentLifeStart(row, 0, row.length - 1, YEAR)).toBe(100 * YEAR);
  });

  it('reads within its bounds only: a row of a wider matrix', () => {
    const row = weeks([9, 10], [7, 1], [0, 2 * YEAR], ...selling(30), [9, 10]);
    expect(currentLifeStart(row, 10, 10 + 1 + 2 * YEAR + 30 - 1, YEAR)).toBe(10 + 1 + 2 * YEAR);
  });

  it('keeps the whole history where the silence is a rhythm, short, outlasted, or followed by too few sales', () => {
    const cases: Record<string, Float64Array> = {
      'a season’s off months each year': weeks([8, 8], [0, 44], [9, 8], [0, 44], [7, 8], [0, 44], [8, 8]),
      'silences of a year and more, each under twice another': weeks(...selling(20), [0, 60], ...selling(10), [0, 70], ...selling(10)),
      'a silence under a year': weeks(...selling(20), [0, YEAR - 1], ...selling(10)),
      'a current life longer than the silence': weeks([3, 1], [0, 60], ...selling(61)),
      'a slow mover’s revival of five sales': weeks([1, 1], [0, 9], [1, 1], [0, 150], [1, 1], [0, 3], [2, 1], [0, 3], [1, 1], [0, 3], [1, 1], [0, 3], [1, 1]),
      'an item that stopped selling (a trailing run of zeros is no silence)': weeks(...selling(20), [0, 200]),
      'no sales at all': weeks([0, 200]),
    };
    for (const [name, row] of Object.entries(cases)) expect(currentLifeStart(row, 0, row.length - 1, YEAR), name).toBe(0);
  });

  it('takes a revival of six selling periods as a current life', () => {
    const row = weeks([1, 1], [0, 9], [1, 1], [0, 150], [1, 1], [0, 3], [2, 1], [0, 3], [1, 1], [0, 3], [1, 1], [0, 3], [1, 1], [0, 3], [3, 1]);
    expect(currentLifeStart(row, 0, row.length - 1, YEAR)).toBe(1 + 9 + 1 + 150);
  });
});
