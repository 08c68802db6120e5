/** The engine's model labels and a run's member pool in the words the pages use (lib/dashboard/method-names.ts). */
import { describe, expect, it } from 'vitest';
import { modelName, regularDemandBy } from '@/lib/dashboard/method-names';
import { MEMBER_NAMES, MODEL_NAMES } from '@/lib/forecast';

describe('method names', () => {
  it('names every model the engine can report, and a combination by its members', () => {
    for (const label of MODEL_NAMES) expect(modelName(label)).not.toBe(label);
    expect(modelName(`combo(${MEMBER_NAMES.join('+')})`)).toBe('Trimmed mean of ETS, ARIMA, optimised Theta and Theta');
    expect(modelName('combo(auto_ets+auto_theta)')).toBe('Mean of ETS and optimised Theta');
  });

  it('says what a run forecast regular demand by: the combination, or the one method its pool kept', () => {
    expect(regularDemandBy({ members: MEMBER_NAMES, series: 256 })).toBe('Regular demand by the combination of ETS, ARIMA, optimised Theta and Theta');
    expect(regularDemandBy({ members: ['auto_arima'], series: 1256 })).toBe(
      'Regular demand by ARIMA alone, clearly ahead of the combination on 1,256 items held back',
    );
  });

  it('says when promotion-like spikes were set aside, on what evidence; kept or not tested, nothing', () => {
    const pool = { members: MEMBER_NAMES, series: 256, promotionRatio: 0.913, promotionSeries: 171 };
    expect(regularDemandBy({ ...pool, cleanPromotions: true })).toBe(
      'Regular demand by the combination of ETS, ARIMA, optimised Theta and Theta; promotion-like spikes set aside before fitting (held back on 171 items with them, 9% less error)',
    );
    expect(regularDemandBy({ ...pool, cleanPromotions: false })).toBe('Regular demand by the combination of ETS, ARIMA, optimised Theta and Theta');
  });
});
