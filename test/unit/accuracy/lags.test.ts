import { describe, expect, it } from 'vitest';
import { accuracyByLag, reportedLags, type Actuals } from '@/lib/accuracy/lags';
import { snapshot } from './fixtures';

describe('accuracy across runs by lag', () => {
  it('lags double up to the horizon', () => {
    expect(reportedLags(26)).toEqual([1, 2, 4, 8, 16]);
    expect(reportedLags(1)).toEqual([1]);
  });

  it('equals the hand-computed errors, bias, MASE and value added', () => {
    // Actuals for periods 10..13: item 1 sells 10, 12, 14, 16; item 2 sells 5 every period.
    const actuals: Actuals = new Map([
      [1, { start: 10, values: Float64Array.from([10, 12, 14, 16]) }],
      [2, { start: 10, values: Float64Array.from([5, 5, 5, 5]) }],
    ]);
    // Run A forecast from period 10, run B from period 11, both 2 periods ahead. Item 1 carries
    // an override in run A (final ≠ statistical).
    const a = snapshot(10, 2, [1, 2], [11, 13, 5, 5], [8, 9, 6, 6], [9, 4]);
    const b = snapshot(11, 2, [1, 2], [12, 14, 4, 4], [12, 14, 4, 4], [10, 5]);
    // Run C forecast from period 13: lag 2 (period 14) has no actual yet; item 3 has none at all.
    const c = snapshot(13, 2, [1, 3], [20, 20, 1, 1], [18, 18, 1, 1], [14, 1]);
    const [lag1, lag2] = accuracyByLag([a, b, c], actuals, [1, 2], new Map());

    // Lag 1 pairs (forecast, statistical, naive, actual):
    //   A item1 p10: 11, 8, 9, 10   A item2 p10: 5, 6, 4, 5
    //   B item1 p11: 12, 12, 10, 12 B item2 p11: 4, 4, 5, 5
    //   C item1 p13: 20, 18, 14, 16
    // |final−a| = 1,0,0,1,4 → 6/5; |stat−a| = 2,1,0,1,2 → 6/5; |naive−a| = 1,1,2,0,2 → 6/5
    // bias final = (1+0+0−1+4)/5 = 0.8; bias stat = (−2+1+0−1+2)/5 = 0
    expect(lag1).toEqual({
      lag: 1,
      n: 5,
      maeFinal: 1.2,
      maeStatistical: 1.2,
      maeNaive: 1.2,
      biasFinal: 0.8,
      biasStatistical: 0,
      mase: 1,
      fvaOverrides: 0,
      fvaStatistical: 0,
    });
    // Lag 2 pairs: A item1 p11: 13, 9, 9, 12; A item2 p11: 5, 6, 4, 5; B item1 p12: 14, 14, 10, 14;
    //   B item2 p12: 4, 4, 5, 5 (C's p14 has no actual)
    // |final−a| = 1,0,0,1 → 0.5; |stat−a| = 3,1,0,1 → 1.25; |naive−a| = 3,1,4,0 → 2
    // bias final = (1+0+0−1)/4 = 0; bias stat = (−3+1+0−1)/4 = −0.75
    expect(lag2).toEqual({
      lag: 2,
      n: 4,
      maeFinal: 0.5,
      maeStatistical: 1.25,
      maeNaive: 2,
      biasFinal: 0,
      biasStatistical: -0.75,
      mase: 0.25,
      fvaOverrides: 0.75,
      fvaStatistical: 0.75,
    });
  });

  it('reports no pairs as NaN, not as zero error', () => {
    const [lag1] = accuracyByLag([snapshot(50, 1, [1], [3], [3], [3])], new Map([[1, { start: 0, values: new Float64Array(10) }]]), [1], new Map());
    expect(lag1!.n).toBe(0);
    expect(lag1!.maeFinal).toBeNaN();
    expect(lag1!.mase).toBeNaN();
  });
});
