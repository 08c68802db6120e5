/**
 * AutoETS alone, fit + forecast from the end, against R's `ets` + `forecast` on the same series in
 * the same run: CPU ms per series on a sample of each shared set with m ≤ 24 and on synthetic
 * weekly demand (156 weeks; m = 52 is beyond the state, so both fit non-seasonal forms). Ours runs
 * once to warm up, then the best of `repeats`; R times its own loop (`proc.time`, start-up
 * excluded). Also ours with a looser optimizer tolerance (`autoEtsWith(1e-6)`, not R-exact).
 * Without Rscript on the PATH the R column is left out.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { autoEtsWith } from '../../lib/forecast/models/ets';
import { R_RELTOL } from '../../lib/forecast/models/ets/fitForm';
import type { ForecastMethod } from '../../lib/forecast/models/forecaster';
import { loadSet } from '../accuracy/sets';
import { syntheticWeekly } from './synthetic';
import type { BenchContext } from './types';

interface Case {
  name: string;
  season: number;
  horizon: number;
  series: Float64Array[];
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function oursMs(method: ForecastMethod, c: Case, repeats: number): number {
  const instance = method.create(c.season);
  const longest = Math.max(...c.series.map((y) => y.length));
  const out = new Float64Array(longest * c.horizon);
  const pass = () => {
    for (const y of c.series) if (instance.fit(y, y.length)) instance.forecast(y, y.length, c.horizon, y.length, out);
  };
  pass();
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = cpuMs();
    pass();
    best = Math.min(best, cpuMs() - start);
  }
  return best / c.series.length;
}

/** R's CPU ms per series for ets + forecast on the same series; NaN without R. */
function rMs(c: Case): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ets-bench-'));
  try {
    const file = path.join(dir, 'series.csv');
    fs.writeFileSync(file, c.series.map((y) => Array.from(y).join(',')).join('\n'));
    const script = `suppressMessages(library(forecast)); lines <- readLines('${file}'); ys <- lapply(strsplit(lines, ','), as.numeric);
      t0 <- proc.time(); for (y in ys) forecast(ets(ts(y, frequency = ${c.season})), h = ${c.horizon}); t <- proc.time() - t0;
      cat((t[['user.self']] + t[['sys.self']]) * 1000 / length(ys))`;
    return Number(execFileSync('Rscript', ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }));
  } catch {
    return NaN;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Every `step`-th series of a set, for a sample R can time in seconds. */
function sample(name: 'm3_yearly' | 'm3_quarterly' | 'm3_other' | 'm1_yearly' | 'm1_quarterly' | 'm1_monthly', count: number): Case {
  const set = loadSet(name);
  const { values, offsets } = set.train.batch;
  const total = set.train.ids.length;
  const step = Math.max(1, Math.floor(total / count));
  const series: Float64Array[] = [];
  for (let i = 0; i < total && series.length < count; i += step) series.push(values.slice(offsets[i], offsets[i + 1]));
  return { name, season: set.settings.season, horizon: set.settings.horizon, series };
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const count = quick ? 20 : 100;
  const repeats = quick ? 1 : 3;
  const cases: Case[] = (['m3_yearly', 'm3_quarterly', 'm3_other', 'm1_yearly', 'm1_quarterly', 'm1_monthly'] as const).map((name) => sample(name, count));
  const weekly = syntheticWeekly(count, 156);
  cases.push({
    name: 'weekly 156',
    season: 52,
    horizon: 13,
    series: Array.from({ length: count }, (_, i) => weekly.values.slice(weekly.offsets[i], weekly.offsets[i + 1])),
  });
  const exact = autoEtsWith(R_RELTOL);
  const loose = autoEtsWith(1e-6);
  log(`${count} series per case; CPU ms per series (fit + forecast), ours best of ${repeats} after a warm-up, R forecast 8.20 in the same run`);
  log('case            ours (R-exact)   ours (reltol 1e-6)     R ets   R / ours (R-exact)');
  for (const c of cases) {
    const ours = oursMs(exact, c, repeats);
    const fast = oursMs(loose, c, repeats);
    const r = rMs(c);
    log(
      `${c.name.padEnd(15)} ${ours.toFixed(2).padStart(14)}   ${fast.toFixed(2).padStart(18)}   ${Number.isNaN(r) ? '    —' : r.toFixed(1).padStart(7)}   ${Number.isNaN(r) ? '—' : `${(r / ours).toFixed(0)}×`.padStart(8)}`,
    );
  }
}
