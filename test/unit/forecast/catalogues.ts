/** Simulated catalogues for the member pool's tests: the same series on every run. */
import type { SeriesBatch } from '@/lib/forecast';

/** Standard normal draws from a fixed seed (LCG + Box–Muller): the same catalogue on every run. */
function normals(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 4294967296;
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
