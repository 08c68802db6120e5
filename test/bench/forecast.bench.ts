/**
 * The forecast engine's whole tournament (AutoETS, AutoARIMA and the Theta family fitted and
 * backtested with their combinations and the benchmarks, the winner refitted, intervals, grade) on
 * each shared benchmark set, on 10,000 weekly demo series and on 100 daily ones, in this thread,
 * beside R's `forecast(ets(x))` CPU per series measured in the same run on a sample of the same series
 * (`Rscript test/bench/r-ets.R`; needs `apt-get install r-base-core r-cran-forecast`, else the
 * data README's figures stand in and say so). Each engine case runs once to warm up, then
 * `repeats` times; the best run counts (the machine is shared, so the best is the least disturbed).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forecastBatch, type ForecastSettings, type SeriesBatch } from '../../lib/forecast';
import { demoSet, demoSharedSeasons } from '../accuracy/demo';
import { loadSet, SET_NAMES } from '../accuracy/sets';
import type { BenchContext } from './types';

/** R's ets CPU per series from the data README, where R is not installed. */
const README_R_ETS_MS: Record<string, number> = { m3_yearly: 8, m3_quarterly: 92, m1_quarterly: 104, m1_monthly: 461, m4_weekly: 63 };

interface Case {
  name: string;
  batch: SeriesBatch;
  settings: ForecastSettings;
  run: () => void;
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(run: () => void, repeats: number): { cpu: number; wall: number } {
  run();
  let cpu = Infinity;
  let wall = Infinity;
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuSeconds();
    const w0 = performance.now();
    run();
    wall = Math.min(wall, (performance.now() - w0) / 1000);
    cpu = Math.min(cpu, cpuSeconds() - c0);
  }
  return { cpu, wall };
}

/** R's ets CPU per series (ms) on every `stride`-th series of each case, or null without R. */
function rEtsMs(cases: Case[], sample: number): Map<string, number> | null {
  if (spawnSync('Rscript', ['-e', 'library(forecast)'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-r-'));
  try {
    const lines = ['set,series_id,season,horizon,t,value'];
    for (const c of cases) {
      const { values, offsets } = c.batch;
      const count = offsets.length - 1;
      const stride = Math.max(1, Math.floor(count / sample));
      for (let i = 0; i < count; i += stride) {
        for (let t = offsets[i]; t < offsets[i + 1]; t++) lines.push(`${c.name},${i},${c.settings.season},${c.settings.horizon},${t - offsets[i] + 1},${values[t]}`);
      }
    }
    const input = path.join(dir, 'series.csv');
    fs.writeFileSync(input, `${lines.join('\n')}\n`);
    const r = spawnSync('Rscript', [path.join(import.meta.dirname, 'r-ets.R'), input], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (r.status !== 0) throw new Error(`Rscript failed: ${r.stderr}`);
    const out = new Map<string, number>();
    for (const line of r.stdout.trim().split('\n')) {
      const [set, series, cpu] = line.split(',');
      out.set(set!, (1000 * Number(cpu)) / Number(series));
    }
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const repeats = quick ? 1 : 2;
  const demoItems = quick ? 1000 : 10_000;
  const cases: Case[] = SET_NAMES.map((name) => {
    const set = loadSet(name);
    return { name, batch: set.train.batch, settings: set.settings, run: () => forecastBatch(set.train.batch, set.settings) };
  });
  // The demo's weekly demand as the pipeline forecasts it: three years, h = 26, m = 52, category profiles.
  const demo = demoSet({ items: demoItems, heldOut: 0 });
  const shared = demoSharedSeasons(demo);
  const demoName = `demo weekly ×${demo.train.ids.length}`;
  cases.push({ name: demoName, batch: demo.train.batch, settings: demo.settings, run: () => forecastBatch(demo.train.batch, demo.settings, undefined, shared) });
  // The same demand by day (`stockcast run --period day`): 1,095 periods, h = 91, m = 7.
  const daily = demoSet({ items: quick ? 30 : 100, heldOut: 0, period: 'day' });
  const dailyShared = demoSharedSeasons(daily);
  cases.push({
    name: `demo daily ×${daily.train.ids.length}`,
    batch: daily.train.batch,
    settings: daily.settings,
    run: () => forecastBatch(daily.train.batch, daily.settings, undefined, dailyShared),
  });

  const sample = quick ? 20 : 60;
  const started = performance.now();
  const r = rEtsMs(cases, sample);
  log(
    r
      ? `R forecast(ets(x)) measured now on ~${sample} series per case (${((performance.now() - started) / 1000).toFixed(0)} s; m > 24 is non-seasonal in R)`
      : 'R not installed (apt-get install r-base-core r-cran-forecast): the data README’s R ets figures stand in where it has them',
  );
  log(`engine: one thread, best of ${repeats} after a warm-up, CPU per series`);
  log('case                  series  ms/series  series/s/core  wall s  R ets ms  faster');
  for (const c of cases) {
    const count = c.batch.offsets.length - 1;
    const { cpu, wall } = measure(c.run, repeats);
    const ms = (1000 * cpu) / count;
    const rMs = r ? r.get(c.name) : README_R_ETS_MS[c.name];
    log(
      `${c.name.padEnd(20)} ${String(count).padStart(7)}  ${ms.toFixed(3).padStart(9)}  ${Math.round(count / cpu).toString().padStart(13)}  ${wall.toFixed(2).padStart(6)}  ${rMs === undefined ? '      —' : rMs.toFixed(1).padStart(8)}  ${rMs === undefined ? '   —' : `${(rMs / ms).toFixed(1)}×`.padStart(6)}`,
    );
  }
}
