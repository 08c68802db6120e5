/**
 * Parity of issue 11: the Theta family alone — the optimised Theta (auto_theta, DOTM) and the
 * standard one (theta, STM), both members of the engine's combination — scores no more than 2%
 * (relative) worse than R's thetaf on every shared set, sMAPE and MASE, with R's scores computed
 * here from its reference forecasts; prints the median relative difference of the point
 * forecasts per set. The standard Theta is thetaf's method: its point forecasts match R's
 * (median relative difference under 0.1%), and so do its analytic 95% bands (half-widths within
 * 2% of R's, the median; the dynamic DOTM has no analytic variance).
 */
import { describe, expect, it } from 'vitest';
import { autoTheta, standardTheta } from '../../lib/forecast/models/theta/index';
import { compareWithR, runMethod, type Parity } from './methods';
import { REFERENCE_SETS, loadSet } from './sets';

/** Relative slack over R's score. */
const PARITY = 1.02;

const CASES = [autoTheta, standardTheta].flatMap((method) => REFERENCE_SETS.map((name) => [method.name, name, method] as const));

describe.each(CASES)('%s on %s', (label, name, method) => {
  let parity: Parity;
  it('fits every series and has R’s forecasts to compare with', () => {
    const set = loadSet(name);
    parity = compareWithR(set, runMethod(method, set), 'theta');
    const r = parity.r!;
    console.log(
      `${name}: ${label} sMAPE ${parity.ours.smape.toFixed(2)} MASE ${parity.ours.mase.toFixed(3)}; thetaf ${r.smape.toFixed(2)} / ${r.mase.toFixed(3)}; median |ours − R|/R ${(100 * parity.medianRelativeDifference).toFixed(2)}%`,
    );
    expect(parity.failed).toBe(0);
    expect(r).not.toBeNull();
  });

  it(`sMAPE within 2% of thetaf's`, () => {
    expect(parity.ours.smape).toBeLessThanOrEqual(PARITY * parity.r!.smape);
  });

  it(`MASE within 2% of thetaf's`, () => {
    expect(parity.ours.mase).toBeLessThanOrEqual(PARITY * parity.r!.mase);
  });
});

describe.each(REFERENCE_SETS)('theta (STM) on %s', (name) => {
  it('forecasts as thetaf does (median relative difference of the points under 0.1%), with thetaf’s 95% bands', () => {
    const set = loadSet(name);
    const parity = compareWithR(set, runMethod(standardTheta, set), 'theta');
    const bands = parity.bands!;
    console.log(
      `${name}: theta 95% bands cover ${bands.coverage.toFixed(3)} (thetaf ${bands.rCoverage.toFixed(3)}), half-widths ${(100 * bands.medianWidthDifference).toFixed(3)}% from thetaf's (median)`,
    );
    expect(parity.medianRelativeDifference).toBeLessThan(0.001);
    expect(bands.series).toBe(set.train.ids.length);
    expect(bands.medianWidthDifference).toBeLessThan(0.02);
    expect(Math.abs(bands.coverage - bands.rCoverage)).toBeLessThanOrEqual(0.01);
  });
});
