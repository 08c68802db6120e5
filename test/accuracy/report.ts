/**
 * Prints the accuracy table on every shared set: `npx tsx test/accuracy/report.ts [key=value ...]`
 * (key=value overrides an internal tuning knob, for experiments).
 */
import { DEFAULT_TUNING, type Tuning } from '../../lib/forecast/engine';
import { SET_NAMES, loadSet, runSet } from './sets';

const tuning: Tuning = { ...DEFAULT_TUNING };
for (const arg of process.argv.slice(2)) {
  const [key, value] = arg.split('=');
  const current = (tuning as unknown as Record<string, unknown>)[key];
  if (current === undefined) throw new Error(`unknown knob ${key}`);
  (tuning as unknown as Record<string, unknown>)[key] = typeof current === 'boolean' ? value === 'true' : Number(value);
}
const pooled = { smape: 0, count: 0 };
for (const name of SET_NAMES) {
  const set = loadSet(name);
  const started = performance.now();
  const { result, score } = runSet(set, tuning);
  const ms = performance.now() - started;
  const models = new Map<string, number>();
  for (let i = 0; i < result.count; i++) {
    const label = result.modelNames[result.model[i]];
    models.set(label, (models.get(label) ?? 0) + 1);
  }
  const top = [...models].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k}:${v}`).join(' ');
  if (name.startsWith('m3')) {
    pooled.smape += score.smape * score.series;
    pooled.count += score.series;
  }
  console.log(
    `${name.padEnd(13)} sMAPE ${score.smape.toFixed(2)} MASE ${score.mase.toFixed(3)} RMSSE ${score.rmsse.toFixed(3)} bias ${(100 * score.bias).toFixed(1)}% cov80 ${score.coverage80.toFixed(3)} cov95 ${score.coverage95.toFixed(3)}  ${(ms / score.series).toFixed(2)} ms/series  ${top}`,
  );
}
console.log(`pooled M3 sMAPE ${(pooled.smape / pooled.count).toFixed(3)}`);
