/**
 * The Theta family on every shared set beside R's thetaf: each model alone, the per-series choices
 * among the four (by in-sample MSE as statsforecast's AutoTheta, by AIC), and the automatic method,
 * with CPU per series (fit + forecast) and the cost on histories of 150 weeks:
 * `npx tsx test/accuracy/theta-report.ts [--held-back] [set ...]` (`--held-back`: the last
 * horizon of every training series as the actuals, a check untouched by the official tails; a set
 * is a shared set's name or the files' prefix of one from elsewhere: sets.ts).
 */
import { THETA_MODELS, autoTheta, thetaMethod } from '../../lib/forecast/models/theta/index';
import { compareWithR, runMethod } from './methods';
import { REFERENCE_SETS, holdBack, loadSet, openSet, type BenchmarkSet } from './sets';

const args = process.argv.slice(2);
const heldBack = args.includes('--held-back');
const names = args.filter((a) => !a.startsWith('--'));
const methods = [
  ...THETA_MODELS.filter((model) => model !== 'DOTM').map((model) => thetaMethod(model, [model])),
  thetaMethod('by MSE', THETA_MODELS, 'mse'),
  thetaMethod('by AIC', THETA_MODELS, 'aic'),
  autoTheta,
];
const pct = (ours: number, r: number | undefined) => (r ? `${(100 * (ours / r - 1)).toFixed(1).padStart(5)}%` : '');

for (const name of names.length > 0 ? names : REFERENCE_SETS) {
  const set = heldBack ? holdBack(openSet(name)) : openSet(name);
  console.log(`${set.name} (${set.train.ids.length} series, h = ${set.settings.horizon}, m = ${set.settings.season})`);
  for (const method of methods) {
    const run = runMethod(method, set);
    // Held back, R's forecasts are for another tail: score them only on the official one.
    const parity = compareWithR(set, run, 'theta');
    if (method === methods[0] && parity.r && !heldBack) console.log(`  ${'thetaf (R)'.padEnd(11)} sMAPE ${parity.r.smape.toFixed(2)}         MASE ${parity.r.mase.toFixed(3)}`);
    const forms = new Map<string, number>();
    for (const form of run.forms) forms.set(form, (forms.get(form) ?? 0) + 1);
    const r = heldBack ? null : parity.r;
    console.log(
      `  ${method.name.padEnd(11)} sMAPE ${parity.ours.smape.toFixed(2)} ${pct(parity.ours.smape, r?.smape)}  MASE ${parity.ours.mase.toFixed(3)} ${pct(parity.ours.mase, r?.mase)}` +
        `${heldBack ? '' : `  median |ours − R|/R ${(100 * parity.medianRelativeDifference).toFixed(2)}%`}  ${run.msPerSeries.toFixed(3)} ms/series  ${[...forms].map(([k, v]) => `${k}:${v}`).join(' ')}`,
    );
  }
}

/** The M4 weekly series cut to their last `length` weeks (those at least that long): the tournament's weekly items. */
function lastWeeks(set: BenchmarkSet, length: number): BenchmarkSet {
  const { values, offsets } = set.train.batch;
  const kept: number[] = [];
  const keptOffsets = [0];
  const ids: string[] = [];
  set.train.ids.forEach((id, i) => {
    if (offsets[i + 1] - offsets[i] < length) return;
    for (let t = offsets[i + 1] - length; t < offsets[i + 1]; t++) kept.push(values[t]);
    keptOffsets.push(kept.length);
    ids.push(id);
  });
  return { ...set, train: { ...set.train, ids, batch: { values: Float64Array.from(kept), offsets: Int32Array.from(keptOffsets) } } };
}

/**
 * CPU per series as a tournament spends it: a fit on the history less one horizon run as a filter
 * from every origin (the backtest), then a fit on the whole history and its forecast.
 */
function tournamentMs(set: BenchmarkSet): number {
  const h = set.settings.horizon;
  const { values, offsets } = set.train.batch;
  const instance = autoTheta.create(set.settings.season);
  const count = set.train.ids.length;
  const y = new Float64Array(values.length);
  const rows = new Float64Array(values.length * h);
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    const n = offsets[i + 1] - offsets[i];
    y.set(values.subarray(offsets[i], offsets[i + 1]));
    if (instance.fit(y, n - h)) instance.forecast(y, n, h, 1, rows);
    if (instance.fit(y, n)) instance.forecast(y, n, h, n, rows);
  }
  return (performance.now() - started) / count;
}

const weeks = lastWeeks(loadSet('m4_weekly'), 150);
for (let round = 0; round < 3; round++) tournamentMs(weeks);
console.log(`${autoTheta.name} on the last 150 weeks of ${weeks.train.ids.length} M4 weekly series, as a tournament runs it (backtest fit + filter through every origin, final fit + forecast): ${tournamentMs(weeks).toFixed(3)} ms/series`);
