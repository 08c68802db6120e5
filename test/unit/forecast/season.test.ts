import { describe, expect, it } from 'vitest';
import { decompose } from '@/lib/forecast/season';

describe('classical decomposition', () => {
  it("leaves a ratio to an all-zero window out of its phase's mean, as R's decompose does", () => {
    // decompose(ts(y, frequency = 4), type = "multiplicative")$figure in R 4.2.2: a year and a half
    // without sales, where the centred average is 0 and the ratio 0 / 0.
    const y = Float64Array.from([30, 52, 41, 18, 33, 57, 44, 20, 0, 0, 0, 0, 0, 0, 38, 63, 49, 23, 40, 66, 52, 25]);
    const index = new Float64Array(4);
    decompose(y, y.length, 4, true, index, new Float64Array(y.length));
    [0.6204937185, 0.6229494587, 1.4040060554, 1.3525507674].forEach((r, p) => expect(index[p]).toBeCloseTo(r, 9));
  });

  it('additive indices are differences to the centred average, summing to zero', () => {
    const season = [-3, 5, 1, -3];
    const y = Float64Array.from({ length: 16 }, (_, t) => 10 + 0.5 * t + season[t % 4]);
    const index = new Float64Array(4);
    decompose(y, y.length, 4, false, index, new Float64Array(y.length));
    season.forEach((s, p) => expect(index[p]).toBeCloseTo(s, 9));
  });
});
