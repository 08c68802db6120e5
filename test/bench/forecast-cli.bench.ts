/**
 * `stockcast forecast` on a shared set's long CSV as an outside tool runs it: one worker thread
 * against every core, side by side, wall seconds each (the process's start, the parse, the member
 * pool's test, the forecasts, the CSV written), and whether the two outputs are the same bytes.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defaultThreads } from '../../lib/pipeline';
import { DATA_DIR } from '../accuracy/sets';
import type { BenchContext } from './types';

const root = path.resolve(import.meta.dirname, '../..');

function forecast(input: string, horizon: number, season: number, threads: number, out: string): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, [path.join(root, 'bin/stockcast.mjs'), 'forecast', '--input', input, '--horizon', String(horizon), '--season', String(season), '--out', out], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, STOCKCAST_WORKERS: String(threads) },
  });
  if (r.status !== 0) throw new Error(`stockcast forecast exited ${r.status}: ${r.stderr}`);
  return (performance.now() - started) / 1000;
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const [set, horizon, season] = quick ? ['m3_other', 8, 1] : ['m1_monthly', 18, 12];
  const input = path.join(DATA_DIR, `${set}_train.csv`);
  const series = new Set(fs.readFileSync(input, 'utf8').trim().split('\n').slice(1).map((l) => l.slice(0, l.indexOf(',')))).size;
  const threads = defaultThreads();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-forecast-cli-'));
  try {
    // A first run builds the workers' bundle (kept on disk), which neither measured run should pay.
    forecast(input, horizon, season, threads, path.join(dir, 'warm.csv'));
    const one = forecast(input, horizon, season, 1, path.join(dir, 'one.csv'));
    const all = forecast(input, horizon, season, threads, path.join(dir, 'all.csv'));
    const same = fs.readFileSync(path.join(dir, 'one.csv')).equals(fs.readFileSync(path.join(dir, 'all.csv')));
    log(`${set} (${series} series, h ${horizon}, m ${season}): 1 thread ${one.toFixed(1)} s, ${threads} threads ${all.toFixed(1)} s (${(one / all).toFixed(2)}×); outputs ${same ? 'identical' : 'DIFFER'}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
