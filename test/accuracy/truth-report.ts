/**
 * The engine against what the demo generator expects, not against one noisy draw of it:
 * `npx tsx test/accuracy/truth-report.ts [items] [days]` (default 2,000 items, 730 days). Each
 * fast or medium mover of the demo is forecast from the end of its history, 26 weeks by week with
 * its category's shared profile, as the pipeline does; per item, the forecast over those weeks
 * against the generator's expected demand (level × trend × season, plus the mean of its wholesale
 * orders; promotions are left out, as none is planned ahead): the relative MAE (summed absolute
 * error over summed expected demand) and the ratio of the sums. Printed per group: established
 * lines and lines launched within the year (the generator's `sellingFor`), each split by season.
 */
import { forecastBatch } from '../../lib/forecast';
import { demoSet, demoSharedSeasons, expectedWeek } from './demo';

const items = Number(process.argv[2] ?? 2000);
const days = Number(process.argv[3] ?? 730);
const set = demoSet({ items, days, heldOut: 0 });
const H = set.settings.horizon;
const result = forecastBatch(set.train.batch, set.settings, undefined, demoSharedSeasons(set));

interface Row {
  relativeMae: number;
  ratio: number;
  launched: boolean;
  season: number;
  adjusted: boolean;
}
const rows: Row[] = [];
for (let i = 0; i < set.items.length; i++) {
  const item = set.items[i]!;
  if (item.movement !== 'fast' && item.movement !== 'medium') continue;
  let expectedSum = 0;
  let forecastSum = 0;
  let absolute = 0;
  for (let k = 0; k < H; k++) {
    const expected = expectedWeek(set, i, k);
    const forecast = result.point[i * H + k]!;
    expectedSum += expected;
    forecastSum += forecast;
    absolute += Math.abs(forecast - expected);
  }
  rows.push({ relativeMae: absolute / expectedSum, ratio: forecastSum / expectedSum, launched: item.sellingFor !== Infinity, season: item.season, adjusted: result.seasonal[i] === 1 });
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
function report(label: string, group: Row[]): void {
  if (group.length === 0) return;
  const errors = group.map((r) => r.relativeMae).sort((a, b) => a - b);
  const ratios = group.map((r) => r.ratio).sort((a, b) => a - b);
  const mean = errors.reduce((a, b) => a + b, 0) / errors.length;
  console.log(
    `${label.padEnd(38)} ${String(group.length).padStart(5)} items  relative MAE median ${quantile(errors, 0.5).toFixed(3)} mean ${mean.toFixed(3)} p90 ${quantile(errors, 0.9).toFixed(3)}` +
      `  forecast / expected median ${quantile(ratios, 0.5).toFixed(3)}, ${group.filter((r) => r.ratio > 2).length} above 2, ${group.filter((r) => r.ratio < 0.5).length} below 0.5`,
  );
}
console.log(`demo, ${items} items × ${days} days, ${H} weeks from the end of the history`);
report('fast and medium movers', rows);
for (const launched of [false, true]) {
  const group = rows.filter((r) => r.launched === launched);
  const name = launched ? 'launched within the year' : 'established';
  report(name, group);
  report(`  season ≥ 0.25, following a profile`, group.filter((r) => r.season >= 0.25 && r.adjusted));
  report(`  season ≥ 0.25, not`, group.filter((r) => r.season >= 0.25 && !r.adjusted));
  report(`  season < 0.1, following a profile`, group.filter((r) => r.season < 0.1 && r.adjusted));
  report(`  season < 0.1, not`, group.filter((r) => r.season < 0.1 && !r.adjusted));
}
