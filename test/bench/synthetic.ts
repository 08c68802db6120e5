import type { SeriesBatch } from '../../lib/forecast';

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
