/**
 * Parity of our AutoARIMA with R forecast 8.20's auto.arima (issue 11): on each shared set with R's
 * forecasts in `reference/`, fitted on the whole training series and forecast from its end, sMAPE
 * and MASE at most 2% (relative) above R's on the same set, and R's 95% bands (ψ-weight
 * variances). Prints the median relative difference of the point forecasts (series × steps) and of
 * the bands' half-widths from R's.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { autoArima } from '../../lib/forecast/models/arima';
import { compareWithR, runMethod } from './methods';
import { DATA_DIR, loadSet, type SetName } from './sets';

// R's auto.arima on each set (data README): sMAPE, MASE.
const R_SCORES: [SetName, number, number][] = [
  ['m3_yearly', 17.1, 2.959],
  ['m3_quarterly', 10.01, 1.189],
  ['m3_other', 4.51, 1.841],
  ['m1_yearly', 17.23, 3.467],
  ['m1_quarterly', 17.33, 1.695],
  ['m1_monthly', 15.98, 1.122],
];

describe.each(R_SCORES)('auto_arima on %s', (name, rSmape, rMase) => {
  it(`sMAPE ≤ 1.02 × R's (${rSmape}) and MASE ≤ 1.02 × R's (${rMase})`, () => {
    if (!fs.existsSync(DATA_DIR)) throw new Error(`benchmark data not found at ${DATA_DIR}`);
    const set = loadSet(name);
    const run = runMethod(autoArima, set);
    const parity = compareWithR(set, run, 'arima');
    const bands = parity.bands!;
    console.log(
      `${name}: ours sMAPE ${parity.ours.smape.toFixed(3)} MASE ${parity.ours.mase.toFixed(4)}; ` +
        `R ${parity.r!.smape.toFixed(3)} / ${parity.r!.mase.toFixed(4)}; median relative difference ${parity.medianRelativeDifference.toExponential(2)}; ` +
        `95% bands cover ${bands.coverage.toFixed(3)} (R ${bands.rCoverage.toFixed(3)}), half-widths ${bands.medianWidthDifference.toExponential(2)} from R's (median); ` +
        `${run.msPerSeries.toFixed(1)} ms/series; failed ${parity.failed}`,
    );
    expect(parity.failed).toBe(0);
    // R's scores recomputed from its reference forecasts agree with the README's.
    expect(parity.r!.smape).toBeCloseTo(rSmape, 1);
    expect(parity.ours.smape).toBeLessThanOrEqual(1.02 * parity.r!.smape);
    expect(parity.ours.mase).toBeLessThanOrEqual(1.02 * parity.r!.mase);
    // The same models as R: forecasts agree to well under a percent for most points.
    expect(parity.medianRelativeDifference).toBeLessThan(1e-3);
    // And so do their analytic 95% bands.
    expect(bands.series).toBe(set.train.ids.length);
    expect(bands.medianWidthDifference).toBeLessThan(1e-3);
    expect(Math.abs(bands.coverage - bands.rCoverage)).toBeLessThanOrEqual(0.01);
  }, 180_000);
});
