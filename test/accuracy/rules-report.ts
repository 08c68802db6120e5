/**
 * Combination rules side by side, from the same members' forecasts: `npx tsx test/accuracy/rules-report.ts [set ...]`
 * (a shared set's name or the files' prefix of one from elsewhere: sets.ts; without arguments every
 * shared set with m ≤ 24). Each automatic method is fitted on every whole history (official tails)
 * and on the history less its last horizon (held back), as `runMethod` runs it, then each rule
 * combines the members' forecasts step by step: the engine's own (`combinedAt`), plain means,
 * and each member alone. Seasons over 24 are left out: the engine removes those itself before the
 * members see the series, which this report does not.
 */
import { CANDIDATES } from '../../lib/forecast/engine/candidates';
import { combinedAt } from '../../lib/forecast/engine/combination';
import { runMethod } from './methods';
import { holdBack, openSet, REFERENCE_SETS, scorePoints } from './sets';

const members = CANDIDATES.filter((c) => c.member).map((c) => c.method);
const at = (name: string) => members.findIndex((m) => m.name === name);
const [ets, arima, dotm, stm] = ['auto_ets', 'auto_arima', 'auto_theta', 'theta'].map(at);
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;

/** A rule combines, at entry j, the forecasts of the members in `fitted` (those that could be fitted on the series). */
type Rule = (forecasts: Float64Array[], fitted: Int32Array, j: number) => number;
const meanOf = (f: Float64Array[], fitted: Int32Array, j: number, wanted: number[]) => {
  const values = [...fitted].filter((k) => wanted.includes(k)).map((k) => f[k][j]);
  return values.length > 0 ? mean(values) : NaN;
};
const rules: [string, Rule][] = [
  ['the default', (f, fitted, j) => combinedAt(f, fitted, fitted.length, j)],
  ['mean of the four', (f, fitted, j) => meanOf(f, fitted, j, [ets, arima, dotm, stm])],
  [
    'ETS, ARIMA, Theta lines’ mean',
    (f, fitted, j) => mean([meanOf(f, fitted, j, [ets]), meanOf(f, fitted, j, [arima]), meanOf(f, fitted, j, [dotm, stm])].filter(Number.isFinite)),
  ],
  ['ETS, ARIMA, STM (R’s three)', (f, fitted, j) => meanOf(f, fitted, j, [ets, arima, stm])],
  ...members.map((m, k): [string, Rule] => [m.name, (f, _fitted, j) => f[k][j]]),
];

const chosen = process.argv.slice(2);
const sets = (chosen.length > 0 ? chosen : REFERENCE_SETS).map(openSet).filter((set) => set.settings.season <= 24);
const columns = sets.flatMap((set) => [set, holdBack(set)]);
const table = rules.map(([name]) => [name.padEnd(30)]);
const width = Math.max(16, ...columns.map((s) => s.name.length)) + 2;
for (const set of columns) {
  const forecasts = members.map((method) => runMethod(method, set).point);
  const h = set.settings.horizon;
  // As the engine: a combination of the members that could be fitted on each series.
  const fitted = set.train.ids.map((_, i) => Int32Array.from(members.keys()).filter((k) => Number.isFinite(forecasts[k][i * h])));
  rules.forEach(([, rule], r) => {
    const point = Float64Array.from({ length: forecasts[0].length }, (_, j) => rule(forecasts, fitted[Math.floor(j / h)], j));
    const s = scorePoints(set, point);
    table[r].push(`${s.smape.toFixed(2)} / ${s.mase.toFixed(3)}`.padEnd(width));
  });
}
console.log(''.padEnd(30), columns.map((s) => s.name.replace(' (held back)', ', held').padEnd(width)).join(''));
for (const row of table) console.log(row.join(''));
