/**
 * AutoETS beside R's `ets` on every shared set with m ≤ 24: sMAPE and MASE (ours / R's), the median
 * relative difference of point forecasts, the share of series where our form is R's, and CPU ms
 * per series: `npx tsx test/accuracy/ets-report.ts [set ...]`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { autoEts } from '../../lib/forecast/models/ets';
import { compareWithR, runMethod } from './methods';
import { loadSet, type SetName } from './sets';

export const ETS_PARITY_SETS: SetName[] = ['m3_yearly', 'm3_quarterly', 'm3_other', 'm1_yearly', 'm1_quarterly', 'm1_monthly'];

/** R's chosen form per series (`ets(y)$method`), recorded once with forecast 8.20: set,id,form. */
function loadRForms(): Map<string, string> {
  const file = path.join(import.meta.dirname, 'ets-r-forms.csv');
  const forms = new Map<string, string>();
  if (!fs.existsSync(file)) return forms;
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    const [set, id, form] = line.split(',');
    forms.set(`${set}/${id}`, form);
  }
  return forms;
}

const names = process.argv.length > 2 ? (process.argv.slice(2) as SetName[]) : ETS_PARITY_SETS;
const rForms = loadRForms();
console.log('set            sMAPE ours / R     MASE ours / R      median |Δ|/R   same form   ms/series');
for (const name of names) {
  const set = loadSet(name);
  const run = runMethod(autoEts, set);
  const parity = compareWithR(set, run, 'ets');
  let same = 0;
  let known = 0;
  run.forms.forEach((form, i) => {
    const r = rForms.get(`${name}/${set.train.ids[i]}`);
    if (r === undefined) return;
    known++;
    if (r === form) same++;
  });
  const r = parity.r ?? { smape: NaN, mase: NaN };
  console.log(
    `${name.padEnd(14)} ${parity.ours.smape.toFixed(2).padStart(6)} / ${r.smape.toFixed(2).padStart(6)}   ${parity.ours.mase.toFixed(3)} / ${r.mase.toFixed(3)}   ${(100 * parity.medianRelativeDifference).toFixed(3).padStart(8)}%   ${known ? `${((100 * same) / known).toFixed(1)}%` : 'n/a'.padStart(5)}   ${run.msPerSeries.toFixed(2).padStart(8)}${parity.failed ? `  failed ${parity.failed}` : ''}`,
  );
}
