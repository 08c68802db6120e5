/**
 * Prints interval honesty by horizon step (see horizons.ts) on the demo data (weekly, last 26
 * weeks held out; or by day, h = 91, or by month, h = 12) and on the shared sets' test tails:
 * `npx tsx test/accuracy/horizon-report.ts [items] [week|day|month]` (default 10,000 items, week).
 */
import type { BatchForecast } from '../../lib/forecast';
import type { Period } from '../../lib/inventory/periods';
import { demoSet, demoSharedSeasons, type DemoBenchmarkSet } from './demo';
import { leadTimeCoverage, meanOver, medianSigmaRatio, stepCoverage } from './horizons';
import { SET_NAMES, loadSet, runSet, type BenchmarkSet } from './sets';

const items = Number(process.argv[2] ?? 10_000);
const period = (process.argv[3] ?? 'week') as Period;
/** Steps shown: every one up to 8, else a selection up to the horizon. */
function shownSteps(h: number): number[] {
  if (h <= 8) return Array.from({ length: h }, (_, k) => k + 1);
  const pick = h <= 12 ? [1, 2, 3, 6, 9, 12] : h <= 26 ? [1, 2, 4, 6, 8, 13, 26] : [1, 2, 7, 14, 28, 56, 91];
  return pick.filter((k) => k <= h);
}
const SERVICE_LEVELS = [0.9, 0.95, 0.98];
const f3 = (v: number) => v.toFixed(3);

function report(set: BenchmarkSet, result: BatchForecast, label: string, series?: (i: number) => boolean): void {
  const h = set.settings.horizon;
  const { coverage80, coverage95 } = stepCoverage(set, result, series);
  const count = series ? Array.from({ length: result.count }, (_, i) => i).filter(series).length : result.count;
  console.log(`\n${label} — ${count} series, h = ${h}, m = ${set.settings.season}`);
  const steps = shownSteps(h);
  console.log(`per-step coverage   step ${steps.map((k) => String(k).padStart(6)).join('')}   mean`);
  console.log(`  80% interval           ${steps.map((k) => f3(coverage80[k - 1]).padStart(6)).join('')}  ${f3(meanOver(coverage80, 1, h))}`);
  console.log(`  95% interval           ${steps.map((k) => f3(coverage95[k - 1]).padStart(6)).join('')}  ${f3(meanOver(coverage95, 1, h))}`);
  const ks = h > 8 ? steps : [1, 2, 4, 6, 8].filter((k) => k <= h);
  console.log(`lead-time bound        k ${ks.map((k) => String(k).padStart(6)).join('')}`);
  for (const level of SERVICE_LEVELS) {
    console.log(`  service ${level.toFixed(2)}          ${ks.map((k) => f3(leadTimeCoverage(set, result, k, level, series)).padStart(6)).join('')}`);
  }
  if (!series) console.log(`  median σ(k)/σ(1)       ${ks.map((k) => medianSigmaRatio(result, k).toFixed(2).padStart(6)).join('')}`);
}

const demo: DemoBenchmarkSet = demoSet({ items, period });
const started = performance.now();
const { result } = runSet(demo, undefined, demoSharedSeasons(demo));
console.log(`demo: ${demo.train.ids.length} items forecast in ${((performance.now() - started) / 1000).toFixed(1)} s`);
report(demo, result, demo.name);
for (const movement of ['fast', 'medium', 'slow', 'dead']) {
  report(demo, result, `  demo ${movement} movers`, (i) => demo.movement[i] === movement);
}
for (const name of period === 'week' ? SET_NAMES : []) {
  const set = loadSet(name);
  report(set, runSet(set).result, name);
}
