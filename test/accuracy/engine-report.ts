/**
 * The whole engine on chosen sets, quickly: `npx tsx test/accuracy/engine-report.ts [--held-back] [set ...]`
 * (all shared sets without arguments; `demo` for the first 1,500 demo items by week, 26 weeks held
 * out; a path such as `/data/m3_monthly` for a set in the shared format outside ../shared/data,
 * `loadSetFiles`). `--held-back` scores each set's held-back tails too (`holdBack`). Per set: sMAPE,
 * MASE, RMSSE, total bias, 80%/95% coverage, CPU ms per series (the member pool's held-back test included), the
 * winners' labels by count, and what the member pool decided.
 */
import { describePool } from '../../lib/forecast';
import { demoSet, demoSharedSeasons } from './demo';
import { holdBack, openSet, runSet, SET_NAMES, type BenchmarkSet } from './sets';

const args = process.argv.slice(2);
const heldBack = args.includes('--held-back');
const chosen = args.filter((a) => a !== '--held-back');
const names: string[] = chosen.length > 0 ? chosen : [...SET_NAMES];
for (const name of names) {
  const demo = name === 'demo' ? demoSet({ items: 1500 }) : undefined;
  const set = demo ?? openSet(name);
  const runs: BenchmarkSet[] = heldBack && !demo ? [set, holdBack(set)] : [set];
  for (const run of runs) {
    const started = performance.now();
    const { result, score, pool } = runSet(run, undefined, demo && demoSharedSeasons(demo));
    const ms = (performance.now() - started) / score.series;
    const winners = new Map<string, number>();
    for (let i = 0; i < result.count; i++) {
      const label = result.modelNames[result.model[i]!]!;
      winners.set(label, (winners.get(label) ?? 0) + 1);
    }
    const top = [...winners].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k.replace(/auto_/g, '')}:${v}`).join(' ');
    console.log(
      `${(demo ? 'demo' : run.name).padEnd(13)} sMAPE ${score.smape.toFixed(2)} MASE ${score.mase.toFixed(3)} RMSSE ${score.rmsse.toFixed(3)} bias ${(100 * score.bias).toFixed(1)}% cov80 ${score.coverage80.toFixed(3)} cov95 ${score.coverage95.toFixed(3)} ${ms.toFixed(2)} ms  ${top}`,
    );
    console.log(`  pool: ${describePool(pool)}`);
  }
}
