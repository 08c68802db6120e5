/**
 * Parity of AutoETS with R's `ets` (forecast 8.20, defaults) on every shared set whose season R
 * keeps in the state (m ≤ 24): sMAPE and MASE each at most 2% (relative) above R's on the same
 * set, scored against the same test tails, and the analytic 95% bands R draws (classes 1–3) with
 * R's widths; R's own forecasts come from ../shared/data/reference.
 */
import { describe, expect, it } from 'vitest';
import { autoEts } from '../../lib/forecast/models/ets';
import { compareWithR, runMethod } from './methods';
import { loadSet, type SetName } from './sets';

// R's ets per set as the data README records it (sMAPE, MASE): the reference files must agree.
const R_ETS: [SetName, number, number][] = [
  ['m3_yearly', 17.0, 2.86],
  ['m3_quarterly', 9.68, 1.17],
  ['m3_other', 4.37, 1.814],
  ['m1_yearly', 18.61, 3.771],
  ['m1_quarterly', 17.46, 1.657],
  ['m1_monthly', 14.97, 1.074],
];

describe.each(R_ETS)('AutoETS on %s', (name, rSmape, rMase) => {
  it(`scores within 2% of R's ets (${rSmape} / ${rMase})`, () => {
    const set = loadSet(name);
    const run = runMethod(autoEts, set);
    const parity = compareWithR(set, run, 'ets');
    const bands = parity.bands!;
    console.log(
      `${name}: AutoETS sMAPE ${parity.ours.smape.toFixed(3)} MASE ${parity.ours.mase.toFixed(4)}; R ${parity.r!.smape.toFixed(3)} / ${parity.r!.mase.toFixed(4)}; median relative difference of point forecasts ${(100 * parity.medianRelativeDifference).toFixed(4)}%; ` +
        `95% bands on ${bands.series} series cover ${bands.coverage.toFixed(3)} (R ${bands.rCoverage.toFixed(3)}), half-widths ${(100 * bands.medianWidthDifference).toFixed(4)}% from R's (median); ${run.msPerSeries.toFixed(2)} ms/series`,
    );
    expect(parity.failed).toBe(0);
    expect(parity.r!.smape).toBeCloseTo(rSmape, 2);
    expect(parity.r!.mase).toBeCloseTo(rMase, 2);
    expect(parity.ours.smape).toBeLessThanOrEqual(1.02 * parity.r!.smape);
    expect(parity.ours.mase).toBeLessThanOrEqual(1.02 * parity.r!.mase);
    // Every form R chooses by default has an analytic variance, and it is R's.
    expect(bands.series).toBe(set.train.ids.length);
    expect(bands.medianWidthDifference).toBeLessThan(1e-3);
    expect(Math.abs(bands.coverage - bands.rCoverage)).toBeLessThanOrEqual(0.01);
  }, 300_000);
});
