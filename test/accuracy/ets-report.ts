/**
 * AutoETS beside R's `ets` on every shared set with m ≤ 24: sMAPE and MASE (ours / R's), the median
 * relative difference of point forecasts, the share of series where our form is R's, and ms per
 * series (wall and CPU), for R's optimizer tolerance (√ε, the default) and a looser one:
 * `npx tsx test/accuracy/ets-report.ts [reltol=1e-6] [set ...]` (a set is a shared set's name or the
 * files' prefix of one from elsewhere, with R's forecasts beside it: sets.ts, r-reference.R).
 */
import fs from 'node:fs';
import path from 'node:path';
import { autoEtsWith } from '../../lib/forecast/models/ets';
import { R_RELTOL } from '../../lib/forecast/models/ets/fitForm';
import { compareWithR, runMethod } from './methods';
import { openSet, type SetName } from './sets';

const SETS: SetName[] = ['m3_yearly', 'm3_quarterly', 'm3_other', 'm1_yearly', 'm1_quarterly', 'm1_monthly'];

/** R's chosen form per series (`ets(ts(y, frequency = m))$method`, R 4.2.2, forecast 8.20): set,series_id,form. */
function loadRForms(): Map<string, string> {
  const forms = new Map<string, string>();
  const lines = fs.readFileSync(path.join(import.meta.dirname, 'ets-r-forms.csv'), 'utf8').trim().split('\n');
  for (const line of lines.slice(1)) {
    // The form itself holds commas: set and id are the first two fields, the form the rest.
    const [set, id] = line.split(',', 2);
    forms.set(`${set}/${id}`, line.slice(set.length + id.length + 2));
  }
  return forms;
}

const args = process.argv.slice(2);
const loose = Number(args.find((a) => a.startsWith('reltol='))?.slice(7) ?? 1e-6);
const names = args.filter((a) => !a.startsWith('reltol='));
const rForms = loadRForms();
console.log('set            reltol    sMAPE ours / R     MASE ours / R      median |Δ|/R   same form as R   ms/series wall   CPU');
for (const name of names.length ? names : SETS) {
  const set = openSet(name);
  for (const reltol of [R_RELTOL, loose]) {
    const cpu = process.cpuUsage();
    const run = runMethod(autoEtsWith(reltol), set);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000 / set.train.ids.length;
    const parity = compareWithR(set, run, 'ets');
    // R's forms are on file for the shared sets only.
    const known = run.forms.filter((_, i) => rForms.has(`${set.name}/${set.train.ids[i]}`)).length;
    const same = run.forms.filter((form, i) => rForms.get(`${set.name}/${set.train.ids[i]}`) === form).length;
    const r = parity.r ?? { smape: NaN, mase: NaN };
    console.log(
      `${set.name.padEnd(14)} ${reltol.toExponential(1).padEnd(8)} ${parity.ours.smape.toFixed(2).padStart(6)} / ${r.smape.toFixed(2).padStart(6)}   ${parity.ours.mase.toFixed(3)} / ${r.mase.toFixed(3)}   ${(100 * parity.medianRelativeDifference).toFixed(3).padStart(8)}%   ${known ? `${((100 * same) / known).toFixed(1).padStart(8)}%` : '        —'}   ${run.msPerSeries.toFixed(2).padStart(12)} ${cpuMs.toFixed(2).padStart(7)}${parity.failed ? `  failed ${parity.failed}` : ''}`,
    );
  }
}
