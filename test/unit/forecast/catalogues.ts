/** Simulated catalogues for the member pool's tests: the same series on every run. */
import type { SeriesBatch } from '@/lib/forecast';

/** Uniform draws in (0, 1) from a fixed seed (LCG): the same catalogue on every run. */
function uniforms(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
}

/** Standard normal draws from a fixed seed (Box–Muller). */
function normals(seed: number): () => number {
  const uniform = uniforms(seed);
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export function pack(series: number[][]): SeriesBatch {
  const offsets = new Int32Array(series.length + 1);
  series.forEach((s, i) => (offsets[i + 1] = offsets[i] + s.length));
  return { values: Float64Array.from(series.flat()), offsets };
}

/** A stationary AR(2) cycle around 100 (complex roots): ARIMA models it; smoothing and Theta forecast a level. */
export function cycles(count: number, seed: number): number[][] {
  const normal = normals(seed);
  return Array.from({ length: count }, () => {
    const y: number[] = [];
    let a = 0;
    let b = 0;
    for (let t = 0; t < 100; t++) {
      const v = 1.6 * a - 0.8 * b + normal();
      b = a;
      a = v;
      y.push(100 + v);
    }
    return y;
  });
}

/** Noisy local linear trends: every member is a sound method for them. */
export function trends(count: number, seed: number): number[][] {
  const normal = normals(seed);
  return Array.from({ length: count }, () => {
    const y: number[] = [];
    let level = 50;
    for (let t = 0; t < 60; t++) {
      level += 0.5 + 0.3 * normal();
      y.push(level + normal());
    }
    return y;
  });
}

/**
 * Demand on a wandering level from 100 (steps sd 3, noise sd 4) with promotions at random phases:
 * every 9–20 periods, one or two periods at 2–3 times the level. `length` periods each.
 */
export function promoted(count: number, seed: number, length = 104): number[][] {
  const normal = normals(seed);
  const draw = uniforms(seed + 1);
  return Array.from({ length: count }, () => {
    const y: number[] = [];
    let level = 100;
    let next = 4 + Math.floor(12 * draw());
    for (let t = 0; t < length; t++) {
      level = Math.max(20, level + 3 * normal());
      let v = level + 4 * normal();
      if (t >= next) {
        v *= 2 + draw();
        if (t > next || draw() < 0.5) next = t + 9 + Math.floor(12 * draw());
      }
      y.push(Math.max(0, Math.round(v)));
    }
    return y;
  });
}

/** Demand around 100 (noise sd 6) with one peak a season (every `season` periods, at one phase), 2.5 times the level. */
export function peaked(count: number, seed: number, season: number, length = 104): number[][] {
  const normal = normals(seed);
  return Array.from({ length: count }, (_, i) => {
    const phase = i % season;
    return Array.from({ length }, (_, t) => Math.max(0, Math.round((100 + 6 * normal()) * (t % season === phase ? 2.5 : 1))));
  });
}
