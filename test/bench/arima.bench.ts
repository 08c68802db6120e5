/**
 * AutoARIMA alone (lib/forecast/models/arima) beside R's auto.arima on the same series in the same
 * run: CPU milliseconds per series (fit + forecast) on the shared sets with an R reference and on
 * synthetic weekly demand (156 weeks, non-seasonal as after decomposition; fitted twice as the
 * engine does: on the 143-week backtest prefix, then on the whole history). R runs on the first
 * `rCount` series of each case (Rscript, forecast 8.20, CPU time of auto.arima + forecast only);
 * its figure is skipped when Rscript is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autoArima } from '../../lib/forecast/models/arima';
import { loadSet, type SetName } from '../accuracy/sets';
import { syntheticWeekly } from './forecast.bench';
import type { BenchContext } from './types';

interface Case {
  name: string;
  series: Float64Array[];
  season: number;
  horizon: number;
  /** Fit on the prefix without the last horizon too (the engine's backtest fit). */
  twice: boolean;
}

function ours(c: Case): number {
  const model = autoArima.create(c.season);
  const longest = Math.max(...c.series.map((s) => s.length));
  const out = new Float64Array(longest * c.horizon);
  const started = process.cpuUsage();
  for (const y of c.series) {
    if (c.twice && model.fit(y, y.length - c.horizon)) model.forecast(y, y.length, c.horizon, y.length - c.horizon, out);
    if (model.fit(y, y.length)) model.forecast(y, y.length, c.horizon, y.length, out);
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000 / c.series.length;
}

function r(c: Case, count: number): number | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-arima-bench-'));
  try {
    const file = path.join(dir, 'series.txt');
    fs.writeFileSync(file, c.series.slice(0, count).map((y) => Array.from(y).join(',')).join('\n') + '\n');
    const script = `
      suppressMessages(library(forecast)); lines <- readLines("${file}"); fit <- function(y) forecast(auto.arima(y), h = ${c.horizon})
      used <- 0
      for (l in lines) {
        y <- ts(as.numeric(strsplit(l, ",")[[1]]), frequency = ${c.season})
        t0 <- proc.time()
        if (${c.twice ? 'TRUE' : 'FALSE'}) fit(ts(head(y, length(y) - ${c.horizon}), frequency = ${c.season}))
        fit(y)
        t1 <- proc.time()
        used <- used + sum((t1 - t0)[c(1, 2)])
      }
      cat(1000 * used / length(lines), "\\n")`;
    const run = spawnSync('Rscript', ['-e', script], { encoding: 'utf8' });
    if (run.status !== 0) return null;
    return Number(run.stdout.trim());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function fromSet(name: SetName): Case {
  const set = loadSet(name);
  const { values, offsets } = set.train.batch;
  const series = set.train.ids.map((_, i) => values.slice(offsets[i], offsets[i + 1]));
  return { name, series, season: set.settings.season, horizon: set.settings.horizon, twice: false };
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const weekly = syntheticWeekly(quick ? 300 : 2000, 156);
  const weeklySeries = Array.from({ length: weekly.offsets.length - 1 }, (_, i) => weekly.values.slice(weekly.offsets[i], weekly.offsets[i + 1]));
  const cases: [Case, number][] = [
    [fromSet('m3_yearly'), 40],
    [fromSet('m3_other'), 30],
    [fromSet('m3_quarterly'), 20],
    [fromSet('m1_monthly'), quick ? 4 : 10],
    [{ name: 'weekly 156 (×2 fits)', series: weeklySeries, season: 1, horizon: 13, twice: true }, 30],
  ];
  log('case                    series   ours ms/series   R ms/series (first n)   R / ours');
  for (const [c, rCount] of cases) {
    ours(c); // warm-up
    const mine = ours(c);
    const theirs = r(c, rCount);
    log(
      `${c.name.padEnd(22)} ${String(c.series.length).padStart(7)}   ${mine.toFixed(2).padStart(14)}   ${theirs === null ? 'no Rscript'.padStart(21) : `${theirs.toFixed(1).padStart(14)} (n=${rCount})`.padStart(21)}   ${theirs === null ? '' : `${(theirs / mine).toFixed(0)}×`}`,
    );
  }
}
