/**
 * Re-scores R's reference forecasts with our scorer: `npx tsx test/accuracy/r-anchors.ts [prefix ...]`
 * (without arguments the shared sets, which must reproduce the data README's anchors; a prefix is a
 * set from elsewhere with R's forecasts beside it, from r-reference.R).
 */
import { REFERENCE_SETS, loadReference, loadSet, loadSetFiles, scorePoints } from './sets';

const prefixes = process.argv.slice(2);
const sets = prefixes.length > 0 ? prefixes.map((prefix) => loadSetFiles(prefix)) : REFERENCE_SETS.map((name) => loadSet(name));
for (const set of sets) {
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
