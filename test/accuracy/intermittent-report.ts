/**
 * The intermittent methods each alone on carparts, scored as the data README defines: RMSSE, MASE
 * and total bias, with CPU per series: `npx tsx test/accuracy/intermittent-report.ts`.
 */
import { adida, croston, imapa, sba, tsb } from '../../lib/forecast/models/intermittent/index';
import { mase, maseScale, rmsse, rmsseScale } from '../../lib/forecast/metrics';
import { runMethod } from './methods';
import { loadSet } from './sets';

const set = loadSet('carparts');
const { horizon: h, season: m } = set.settings;
const { values, offsets } = set.train.batch;
const count = set.train.ids.length;
console.log(`carparts (${count} series, h = ${h})`);
for (const method of [croston, sba, tsb, adida, imapa]) {
  runMethod(method, set);
  const run = runMethod(method, set);
  let sRmsse = 0;
  let sMase = 0;
  let sumF = 0;
  let sumY = 0;
  for (let i = 0; i < count; i++) {
    const hist = values.subarray(offsets[i], offsets[i + 1]);
    const y = set.actual.subarray(i * h, (i + 1) * h);
    const f = run.point.subarray(i * h, (i + 1) * h);
    sRmsse += rmsse(y, f, h, rmsseScale(hist, hist.length));
    sMase += mase(y, f, h, maseScale(hist, hist.length, m));
    for (let k = 0; k < h; k++) {
      sumF += f[k];
      sumY += y[k];
    }
  }
  const forms = new Map<string, number>();
  for (const form of run.forms) forms.set(form, (forms.get(form) ?? 0) + 1);
  console.log(
    `  ${method.name.padEnd(8)} RMSSE ${(sRmsse / count).toFixed(3)}  MASE ${(sMase / count).toFixed(3)}  bias ${(100 * (sumF / sumY - 1)).toFixed(1)}%  ${run.msPerSeries.toFixed(3)} ms/series  ${[...forms].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k}:${v}`).join(' ')}`,
  );
}
