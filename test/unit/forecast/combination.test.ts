import { describe, expect, it } from 'vitest';
import { combinedAt, TRIM_FROM } from '@/lib/forecast/engine/combination';

/** Members' forecasts as the engine lays them out: one view per candidate. */
const views = (...values: number[][]) => values.map((v) => Float64Array.from(v));

describe('combination of the automatic methods', () => {
  it(`from ${TRIM_FROM} members on, drops the highest and lowest at each entry and averages the rest`, () => {
    const v = views([10, 1], [20, 2], [30, 3], [1000, -50]);
    const list = Int32Array.from([0, 1, 2, 3]);
    expect(combinedAt(v, list, 4, 0)).toBe(25);
    expect(combinedAt(v, list, 4, 1)).toBe(1.5);
  });

  it('a lone excursion does not move it: three members on a line and one at half its slope give the line', () => {
    const line = [100, 108, 116];
    const halfSlope = [100, 104, 108];
    const v = views(line, line, line, halfSlope);
    const list = Int32Array.from([0, 1, 2, 3]);
    for (let j = 0; j < 3; j++) expect(combinedAt(v, list, 4, j)).toBe(line[j]);
  });

  it('fewer members: their plain mean, in the order the list names them', () => {
    const v = views([3], [6], [9], [1000]);
    expect(combinedAt(v, Int32Array.from([2, 0, 1]), 3, 0)).toBe(6);
    expect(combinedAt(v, Int32Array.from([3, 0]), 2, 0)).toBe(501.5);
    expect(combinedAt(v, Int32Array.from([1]), 1, 0)).toBe(6);
  });
});
