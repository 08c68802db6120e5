/**
 * The forecast engine's whole tournament (every model fitted and backtested, the winner refitted,
 * intervals, grade) on each shared benchmark set and on synthetic weekly demand, in this thread.
 * Figures: milliseconds of CPU per series, series per second per core, and the speed-up over R's
 * per-series CPU time for its 5-model tournament (data README: 56 ms yearly, 294 ms quarterly,
 * 65 ms other; R has no figure for carparts or weekly data, where 65 ms, R's cheapest tournament,
 * stands in). Each case runs once to warm up, then `repeats` times; the best run counts (the
 * machine is shared, so the best is the least disturbed).
 */
import { forecastBatch, type ForecastSettings, type SeriesBatch } from '../../lib/forecast';
import { loadSet, SET_NAMES } from '../accuracy/sets';
import type { BenchContext } from './types';

const R_TOURNAMENT_MS: Record<string, number> = { m3_yearly: 56, m3_quarterly: 294, m3_other: 65 };
const R_FALLBACK_MS = 65;

/**
 * Synthetic weekly demand: `count` series of `length` weeks from a fixed seed, a mix of what an
 * item table holds: trending and flat items, half with a yearly wave, a fifth slow movers with
 * intermittent demand.
 */
export function syntheticWeekly(count: number, length: number, seed = 20240601): SeriesBatch {
  let state = seed >>> 0;
  const random = () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const values = new Float64Array(count * length);
  const offsets = new Int32Array(count + 1);
  for (let i = 0; i < count; i++) {
    offsets[i + 1] = offsets[i] + length;
    const at = offsets[i];
    const kind = random();
    if (kind < 0.2) {
      const p = 0.15 + 0.3 * random();
      const size = 1 + 4 * random();
      for (let t = 0; t < length; t++) values[at + t] = random() < p ? Math.max(1, Math.round(size * (0.5 + random()))) : 0;
      continue;
    }
    const level = 20 + 200 * random();
    const trend = (random() - 0.5) * level * 0.01;
    const amplitude = kind < 0.7 ? level * (0.1 + 0.4 * random()) : 0;
    const phase = 2 * Math.PI * random();
    const noise = level * (0.05 + 0.2 * random());
    for (let t = 0; t < length; t++) {
      const season = amplitude * Math.sin((2 * Math.PI * t) / 52 + phase);
      values[at + t] = Math.max(0, Math.round(level + trend * t + season + noise * gaussian()));
    }
  }
  return { values, offsets };
}

const cpuSeconds = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

function measure(batch: SeriesBatch, settings: ForecastSettings, repeats: number): { cpu: number; wall: number } {
  forecastBatch(batch, settings);
  let cpu = Infinity;
  let wall = Infinity;
  for (let r = 0; r < repeats; r++) {
    const c0 = cpuSeconds();
    const w0 = performance.now();
    forecastBatch(batch, settings);
    wall = Math.min(wall, (performance.now() - w0) / 1000);
    cpu = Math.min(cpu, cpuSeconds() - c0);
  }
  return { cpu, wall };
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const repeats = quick ? 1 : 3;
  const weeklyCount = quick ? 1000 : 10_000;
  const cases: { name: string; batch: SeriesBatch; settings: ForecastSettings }[] = SET_NAMES.map((name) => {
    const set = loadSet(name);
    return { name, batch: set.train.batch, settings: set.settings };
  });
  cases.push({
    name: `weekly ×${weeklyCount}`,
    batch: syntheticWeekly(weeklyCount, 156),
    settings: { horizon: 13, season: 52, levels: [80, 95], nonNegative: true },
  });
  log(`one thread, best of ${repeats} after a warm-up; R = forecast 8.20, 5-model tournament, CPU per series`);
  log('case            series  ms/series(cpu)  series/s/core  wall s   R ms  speed-up');
  for (const { name, batch, settings } of cases) {
    const count = batch.offsets.length - 1;
    const { cpu, wall } = measure(batch, settings, repeats);
    const ms = (1000 * cpu) / count;
    const r = R_TOURNAMENT_MS[name] ?? R_FALLBACK_MS;
    log(
      `${name.padEnd(15)} ${String(count).padStart(6)}  ${ms.toFixed(3).padStart(14)}  ${Math.round(count / cpu).toString().padStart(13)}  ${wall.toFixed(2).padStart(6)}  ${String(r).padStart(5)}  ${Math.round(r / ms).toString().padStart(7)}×`,
    );
    if (name.startsWith('weekly')) {
      log(`  → 10,000 weekly series (156 weeks, h = 13, m = 52) ≈ ${((ms * 10_000) / 1000 / 2).toFixed(1)} s on 2 cores (CPU time split evenly)`);
    }
  }
}
