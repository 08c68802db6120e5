import { describe, expect, it } from 'vitest';
import type { Actuals } from '@/lib/accuracy/lags';
import { snapshot } from './fixtures';
import { accuracyByRun } from '@/lib/accuracy/runs';

describe('accuracy over time, per past run', () => {
  it('equals the hand-computed error, bias and value added of each run over its known periods', () => {
    // Actuals for periods 10..13: item 1 sells 10, 12, 14, 16; item 2 sells 5 every period.
    const actuals: Actuals = new Map([
      [1, { start: 10, values: Float64Array.from([10, 12, 14, 16]) }],
      [2, { start: 10, values: Float64Array.from([5, 5, 5, 5]) }],
    ]);
    // Run A from period 10, 2 ahead; item 1 carries an override (final ≠ statistical).
    const a = snapshot(10, 2, [1, 2], [11, 13, 5, 5], [8, 9, 6, 6], [9, 4]);
    // Run B from period 13, 2 ahead: only period 13 is known; item 3 has no actuals at all.
    const b = snapshot(13, 2, [1, 3], [20, 20, 1, 1], [18, 18, 1, 1], [14, 1]);
    // Run C from period 14: nothing known yet.
    const c = snapshot(14, 2, [1, 2], [1, 1, 1, 1], [1, 1, 1, 1], [1, 1]);
    const [ra, rb, rc] = accuracyByRun([a, b, c], actuals, new Map());

    // A: pairs (final, stat, naive, actual): 11,8,9,10 · 13,9,9,12 · 5,6,4,5 · 5,6,4,5; demand 32.
    // |final−a| = 1+1+0+0 = 2; |stat−a| = 2+3+1+1 = 7; |naive−a| = 1+3+1+1 = 6; Σ(final−a) = 2.
    expect(ra).toEqual({
      startPeriod: 10,
      n: 4,
      errorFinal: 2 / 32,
      errorStatistical: 7 / 32,
      errorNaive: 6 / 32,
      biasFinal: 2 / 32,
      fvaOverrides: 5 / 32,
      fvaStatistical: -1 / 32,
    });
    // B: one pair, 20,18,14 against 16: errors 4, 2, 2; bias +4; demand 16.
    expect(rb).toEqual({ startPeriod: 13, n: 1, errorFinal: 0.25, errorStatistical: 0.125, errorNaive: 0.125, biasFinal: 0.25, fvaOverrides: -0.125, fvaStatistical: 0 });
    expect(rc!.n).toBe(0);
    expect(rc!.errorFinal).toBeNaN();
  });
});
