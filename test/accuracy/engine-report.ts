/**
 * The whole engine on chosen shared sets, quickly: `npx tsx test/accuracy/engine-report.ts [set ...]`
 * (all sets without arguments; `demo` for the first 1,500 demo items by week, 26 weeks held out). Per set: sMAPE, MASE, RMSSE, total bias, 80%/95% coverage, CPU
 * ms per series and the winners' labels by count.
 */
import { demoSet, demoSharedSeasons } from './demo';
import { loadSet, runSet, SET_NAMES, type SetName } from './sets';

const names = (process.argv.length > 2 ? process.argv.slice(2) : SET_NAMES) as (SetName | 'demo')[];
for (const name of names) {
  const demo = name === 'demo' ? demoSet({ items: 1500 }) : undefined;
  const set = demo ?? loadSet(name as SetName);
  const started = performance.now();
  const { result, score } = runSet(set, undefined, demo && demoSharedSeasons(demo));
  const ms = (performance.now() - started) / score.series;
  const winners = new Map<string, number>();
  for (let i = 0; i < result.count; i++) {
    const label = result.modelNames[result.model[i]!]!;
    winners.set(label, (winners.get(label) ?? 0) + 1);
  }
  const top = [...winners].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k.replace(/auto_/g, '')}:${v}`).join(' ');
  console.log(
    `${name.padEnd(13)} sMAPE ${score.smape.toFixed(2)} MASE ${score.mase.toFixed(3)} RMSSE ${score.rmsse.toFixed(3)} bias ${(100 * score.bias).toFixed(1)}% cov80 ${score.coverage80.toFixed(3)} cov95 ${score.coverage95.toFixed(3)} ${ms.toFixed(2)} ms  ${top}`,
  );
}
