/** Re-scores R's reference forecasts with our scorer: `npx tsx test/accuracy/r-anchors.ts` (must reproduce the data README's anchors). */
import { REFERENCE_SETS, loadSet, loadReference, scorePoints } from './sets';
for (const name of REFERENCE_SETS) {
  const set = loadSet(name);
  const out: string[] = [];
  const pts: Float64Array[] = [];
  for (const m of ['ets', 'arima', 'theta'] as const) {
    const r = loadReference(set, m);
    if (!r) { out.push(`${m} -`); continue; }
    pts.push(r.point);
    const s = scorePoints(set, r.point);
    out.push(`${m} ${s.smape.toFixed(2)}/${s.mase.toFixed(3)}`);
  }
  const mean = new Float64Array(pts[0].length);
  for (const p of pts) for (let j = 0; j < mean.length; j++) mean[j] += p[j] / pts.length;
  const s = scorePoints(set, mean);
  console.log(name.padEnd(14), out.join('  '), ` mean ${s.smape.toFixed(2)}/${s.mase.toFixed(3)}`);
}
