/**
 * Re-scores R's reference forecasts with our scorer: `npx tsx test/accuracy/r-anchors.ts [set ...]`
 * (without arguments every shared set, which must reproduce the data README's anchors; a set is a
 * shared set's name or the files' prefix of one from elsewhere with R's forecasts beside it, from
 * r-reference.R).
 */
import { REFERENCE_SETS, loadReference, openSet, scorePoints } from './sets';

const chosen = process.argv.slice(2);
for (const set of (chosen.length > 0 ? chosen : REFERENCE_SETS).map(openSet)) {
  const out: string[] = [];
  const pts: Float64Array[] = [];
  for (const m of ['ets', 'arima', 'theta'] as const) {
    const r = loadReference(set, m);
    if (!r) { out.push(`${m} -`); continue; }
    pts.push(r.point);
    const s = scorePoints(set, r.point);
    out.push(`${m} ${s.smape.toFixed(2)}/${s.mase.toFixed(3)}`);
  }
  if (pts.length === 0) continue;
  const mean = new Float64Array(pts[0].length);
  for (const p of pts) for (let j = 0; j < mean.length; j++) mean[j] += p[j] / pts.length;
  const s = scorePoints(set, mean);
  console.log(set.name.padEnd(14), out.join('  '), ` mean ${s.smape.toFixed(2)}/${s.mase.toFixed(3)}`);
}
