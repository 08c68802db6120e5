/**
 * Interval honesty at long horizons (horizons.ts; full tables: `npx tsx
 * test/accuracy/horizon-report.ts`). The product forecasts 26 weeks ahead and sizes safety stock
 * from `cumulativeSigma`, so both must hold up far past the M3 horizons:
 * - the demo data's weekly demand (1,500 items, three years, the last 26 weeks held out): every
 *   step's 95% band must cover 0.90–0.99 of the held-out weeks and its 80% band 0.75–0.92, and the
 *   lead-time bound Σ point + z(service) × cumulativeSigma(k) must cover the demand summed over
 *   k = 1..26 weeks within 0.05 below the service level and no more than 3/4 of the way to 1
 *   (0.9 → 0.85–0.975, 0.95 → 0.90–0.9875, 0.98 → 0.93–0.995). The engine measures 0.93–0.98 /
 *   0.79–0.87 per step and 0.86–0.91 / 0.90–0.94 / 0.93–0.96 for the bound (the demo's
 *   promotions are spikes no forecast sees coming); the engine this
 *   replaced covered 0.999–1.000 of every week past step 8 (blanket-wide bands, safety stock ~3×
 *   too high), which these upper limits reject;
 * - the shared sets' test tails at their longer steps: benchmarks.test.ts, which has their
 *   forecasts already;
 * - the median of cumulativeSigma(k) / cumulativeSigma(1) on the demo stays below k (it was 8.3
 *   at k = 6 before);
 * - items that stopped selling get the pipeline's `no_demand` verdict: over the whole history
 *   (nothing held out), the items with no sale in the last 13 weeks and under one unit forecast
 *   over the next 13 are exactly the demo's dead items;
 * - items that sold in each of the last 8 weeks are not forecast under a quarter of their last 13
 *   weeks' sales over the next 13 unless their sales fell by a third from the quarter before.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BatchForecast } from '../../lib/forecast';
import { collapsedForecasts } from './collapse';
import { demoSet, demoSharedSeasons, type DemoBenchmarkSet } from './demo';
import { leadTimeCoverage, medianSigmaRatio, stepCoverage } from './horizons';
import { DATA_DIR, runSet } from './sets';

const DEMO_ITEMS = 1500;
const LEAD_STEPS = [1, 2, 4, 6, 8, 13, 26];
/**
 * [service level, lowest and highest coverage accepted for the lead-time bound]. The floors sit a
 * little under the measured 0.878 / 0.922 / 0.950 (lib/forecast/README.md, "Heavy upper tails in
 * the lead-time bound"; 0.866 / 0.907 / 0.938 before it), so that a regression shows.
 */
const SERVICE_BANDS: [number, number, number][] = [
  [0.9, 0.87, 0.975],
  [0.95, 0.915, 0.9875],
  [0.98, 0.945, 0.995],
];

let demo: DemoBenchmarkSet;
let demoResult: BatchForecast;

beforeAll(() => {
  if (!fs.existsSync(DATA_DIR)) throw new Error(`benchmark data not found at ${DATA_DIR} (expected ../shared/data next to the repository)`);
  demo = demoSet({ items: DEMO_ITEMS });
  demoResult = runSet(demo, undefined, demoSharedSeasons(demo)).result;
}, 600_000);

describe('demo weekly demand, 26 weeks held out', () => {
  it('every step’s 95% band covers 0.90–0.99 and its 80% band 0.75–0.92 of the held-out weeks', () => {
    const { coverage80, coverage95 } = stepCoverage(demo, demoResult);
    expect(demo.train.ids.length).toBeGreaterThan(0.95 * DEMO_ITEMS);
    for (let k = 1; k <= 26; k++) {
      expect(coverage95[k - 1], `95% at step ${k}`).toBeGreaterThanOrEqual(0.9);
      expect(coverage95[k - 1], `95% at step ${k}`).toBeLessThanOrEqual(0.99);
      expect(coverage80[k - 1], `80% at step ${k}`).toBeGreaterThanOrEqual(0.75);
      expect(coverage80[k - 1], `80% at step ${k}`).toBeLessThanOrEqual(0.92);
    }
  });

  it.each(SERVICE_BANDS)('the lead-time bound at service level %s covers the summed demand near that level for 1 to 26 weeks', (level, lo, hi) => {
    for (const k of LEAD_STEPS) {
      const covered = leadTimeCoverage(demo, demoResult, k, level);
      expect(covered, `k=${k}`).toBeGreaterThanOrEqual(lo);
      expect(covered, `k=${k}`).toBeLessThanOrEqual(hi);
    }
  });

  it('the median σ(k)/σ(1) of the summed error stays below k', () => {
    for (const k of LEAD_STEPS.slice(1)) expect(medianSigmaRatio(demoResult, k), `k=${k}`).toBeLessThan(k);
  });
});

/** The demo over its whole history (nothing held out), as the pipeline forecasts it; run once. */
let whole: { set: DemoBenchmarkSet; result: BatchForecast } | undefined;
function wholeHistory() {
  if (!whole) {
    const set = demoSet({ items: DEMO_ITEMS, heldOut: 0 });
    whole = { set, result: runSet(set, undefined, demoSharedSeasons(set)).result };
  }
  return whole;
}

it('items that stopped selling, and only they, get under one unit forecast over the next 13 weeks after 13 silent weeks', () => {
  const { set, result } = wholeHistory();
  const { values, offsets } = set.train.batch;
  const h = set.settings.horizon;
  const flagged: string[] = [];
  for (let i = 0; i < result.count; i++) {
    let sold = 0;
    for (let t = offsets[i + 1] - 13; t < offsets[i + 1]; t++) sold += values[t];
    let expected = 0;
    for (let k = 0; k < 13; k++) expected += result.point[i * h + k];
    if (sold === 0 && expected < 1) flagged.push(set.train.ids[i]);
  }
  const dead = set.train.ids.filter((_, i) => set.movement[i] === 'dead');
  expect(dead.length).toBeGreaterThan(50);
  expect(flagged).toEqual(dead);
}, 300_000);

it('items selling every week keep a forecast: under a quarter of the last 13 weeks’ sales only where sales fell by a third quarter on quarter', () => {
  // Before the local trends were made spike-robust, 13 of 3,000 demo items (32 of 10,000) were
  // forecast to sell next to nothing while selling every week, most of them steady sellers whose
  // promotion weeks early in the trend window read as a steep decline. Now one: a real decline.
  const { set, result } = wholeHistory();
  const { values, offsets } = set.train.batch;
  const unexplained = collapsedForecasts(set.train.batch, result)
    .filter(({ series, recent }) => {
      let before = 0;
      for (let t = offsets[series + 1] - 26; t < offsets[series + 1] - 13; t++) before += values[t];
      return recent >= (2 / 3) * before;
    })
    .map(({ series, recent, forecast }) => `${set.train.ids[series]}: sold ${recent}, forecast ${forecast.toFixed(1)}`);
  expect(unexplained).toEqual([]);
}, 300_000);
