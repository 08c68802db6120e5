/**
 * AutoARIMA against R's auto.arima on every shared set with an R reference:
 * `npx tsx test/accuracy/arima-report.ts [set ...]` (a shared set's name or the files' prefix of one
 * from elsewhere with R's forecasts beside it: sets.ts) prints ours vs R sMAPE/MASE, the median
 * relative difference of point forecasts, the share of series with R's model form (from the
 * forecasts: identical to 1e-6), and CPU ms per series (fit + forecast).
 */
import { autoArima } from '../../lib/forecast/models/arima';
import { compareWithR, runMethod } from './methods';
import { REFERENCE_SETS, loadReference, openSet } from './sets';

// m4_weekly has no R auto.arima reference (m = 52 is beyond its seasonal search); name it to see ours alone.
const names: string[] = process.argv.length > 2 ? process.argv.slice(2) : REFERENCE_SETS.filter((n) => n !== 'm4_weekly');
console.log('set            series   ours sMAPE  MASE     R sMAPE  MASE     median rel diff  same ≤1e-6  ms/series');
for (const name of names) {
  const set = openSet(name);
  const run = runMethod(autoArima, set);
  const p = compareWithR(set, run, 'arima');
  const r = loadReference(set, 'arima');
  if (!r || !p.r) {
    console.log(`${set.name.padEnd(14)} ${String(set.train.ids.length).padStart(6)}   ${p.ours.smape.toFixed(3).padStart(10)}  ${p.ours.mase.toFixed(4)}   (no R auto.arima reference)  ${run.msPerSeries.toFixed(2).padStart(9)}`);
    continue;
  }
  const h = set.settings.horizon;
  const count = set.train.ids.length;
  let same = 0;
  for (let i = 0; i < count; i++) {
    let ok = true;
    for (let k = 0; k < h; k++) {
      const a = run.point[i * h + k];
      const b = r.point[i * h + k];
      if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)))) ok = false;
    }
    if (ok) same++;
  }
  console.log(
    `${set.name.padEnd(14)} ${String(count).padStart(6)}   ${p.ours.smape.toFixed(3).padStart(10)}  ${p.ours.mase.toFixed(4)}   ${p.r.smape.toFixed(3).padStart(7)}  ${p.r.mase.toFixed(4)}   ` +
      `${p.medianRelativeDifference.toExponential(2).padStart(15)}  ${((100 * same) / count).toFixed(1).padStart(9)}%  ${run.msPerSeries.toFixed(2).padStart(9)}`,
  );
}
