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

/** R's chosen form per series (`ets(ts(y, frequency = m))$method`, R 4.2.2, forecast 8.20): set,series_id,form. */
function loadRForms(): Map<string, string> {
  const file = path.join(import.meta.dirname, 'ets-r-forms.csv');
  const forms = new Map<string, string>();
  if (!fs.existsSync(file)) return forms;
  for (const line of fs.readFileSync(file, 'utf8').trim().split('\n').slice(1)) {
    // The form itself holds commas: set and id are the first two fields, the form the rest.
    const [set, id] = line.split(',', 2);
    forms.set(`${set}/${id}`, line.slice(set.length + id.length + 2));
  }
  return forms;
}

const names = process.argv.length > 2 ? (process.argv.slice(2) as SetName[]) : ETS_PARITY_SETS;
const rForms = loadRForms();
console.log('set            sMAPE ours / R     MASE ours / R      median |Δ|/R   same form   ms/series (wall, CPU)');
for (const name of names) {
  const set = loadSet(name);
  const cpu = process.cpuUsage();
  const run = runMethod(autoEts, set);
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000 / set.train.ids.length;
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
    `${name.padEnd(14)} ${parity.ours.smape.toFixed(2).padStart(6)} / ${r.smape.toFixed(2).padStart(6)}   ${parity.ours.mase.toFixed(3)} / ${r.mase.toFixed(3)}   ${(100 * parity.medianRelativeDifference).toFixed(3).padStart(8)}%   ${known ? `${((100 * same) / known).toFixed(1)}%` : 'n/a'.padStart(5)}   ${run.msPerSeries.toFixed(2).padStart(8)} ${cpuMs.toFixed(2).padStart(7)}${parity.failed ? `  failed ${parity.failed}` : ''}`,
  );
}
