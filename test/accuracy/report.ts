/**
 * Prints the accuracy table on every shared set, scored on the official test tails and again with
 * the last horizon of each training series held back:
 * `npx tsx test/accuracy/report.ts [key=value ...]` (key=value overrides a tuning knob).
 */
import { DEFAULT_TUNING, type Tuning } from '../../lib/forecast/engine/forecaster';
import { SET_NAMES, holdBack, loadSet, runSet, type BenchmarkSet } from './sets';

const tuning: Tuning = { ...DEFAULT_TUNING };
for (const arg of process.argv.slice(2)) {
  const [key, value] = arg.split('=');
  const current = (tuning as unknown as Record<string, unknown>)[key];
  if (current === undefined) throw new Error(`unknown knob ${key}`);
  (tuning as unknown as Record<string, unknown>)[key] = typeof current === 'boolean' ? value === 'true' : Number(value);
}
function table(sets: BenchmarkSet[]): void {
  const pooled = { smape: 0, count: 0 };
  for (const set of sets) {
    const started = performance.now();
    const { result, score } = runSet(set, tuning);
    const ms = performance.now() - started;
    const models = new Map<string, number>();
    for (let i = 0; i < result.count; i++) {
      const label = result.modelNames[result.model[i]];
      models.set(label, (models.get(label) ?? 0) + 1);
    }
    const top = [...models].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, v]) => `${k}:${v}`).join(' ');
    if (set.name.startsWith('m3')) {
      pooled.smape += score.smape * score.series;
      pooled.count += score.series;
    }
    console.log(
      `${set.name.padEnd(24)} sMAPE ${score.smape.toFixed(2)} MASE ${score.mase.toFixed(3)} RMSSE ${score.rmsse.toFixed(3)} bias ${(100 * score.bias).toFixed(1)}% cov80 ${score.coverage80.toFixed(3)} cov95 ${score.coverage95.toFixed(3)}  ${(ms / score.series).toFixed(2)} ms/series  ${top}`,
    );
  }
  console.log(`pooled M3 sMAPE ${(pooled.smape / pooled.count).toFixed(3)}`);
}

const sets = SET_NAMES.map(loadSet);
console.log('official test tails');
table(sets);
console.log('\nlast horizon of each training series held back');
table(sets.map(holdBack));
