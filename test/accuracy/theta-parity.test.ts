/**
 * Parity of issue 11: the Theta family alone (auto_theta) scores no more than 2% (relative) worse
 * than R's thetaf on every shared set, sMAPE and MASE, with R's scores computed here from its
 * reference forecasts; prints the median relative difference of the point forecasts per set.
 */
import { describe, expect, it } from 'vitest';
import { autoTheta } from '../../lib/forecast/models/theta/index';
import { compareWithR, runMethod, type Parity } from './methods';
import { REFERENCE_SETS, loadSet } from './sets';

/** Relative slack over R's score. */
const PARITY = 1.02;

describe.each(REFERENCE_SETS)('%s', (name) => {
  let parity: Parity;
  it('fits every series and has R’s forecasts to compare with', () => {
    const set = loadSet(name);
    parity = compareWithR(set, runMethod(autoTheta, set), 'theta');
    const r = parity.r!;
    console.log(
      `${name}: auto_theta sMAPE ${parity.ours.smape.toFixed(2)} MASE ${parity.ours.mase.toFixed(3)}; thetaf ${r.smape.toFixed(2)} / ${r.mase.toFixed(3)}; median |ours − R|/R ${(100 * parity.medianRelativeDifference).toFixed(2)}%`,
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
