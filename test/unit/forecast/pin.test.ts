import { describe, expect, it } from 'vitest';
import { forecastBatch, MODEL_NAMES, type ForecastSettings } from '@/lib/forecast';

const weekly: ForecastSettings = { horizon: 6, season: 1, levels: [80, 95], nonNegative: true };

/** A deterministic trending series with noise (no Math.random in tests). */
function trending(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, (_, t) => {
    s = (s * 16807) % 2147483647;
    return 100 + 2 * t + (s / 2147483647 - 0.5) * 30;
  });
}

function batchOf(series: number[][], pinned?: string[]) {
  const offsets = new Int32Array(series.length + 1);
  series.forEach((s, i) => (offsets[i + 1] = offsets[i]! + s.length));
  return {
    values: Float64Array.from(series.flat()),
    offsets,
    ...(pinned ? { pinned: Int32Array.from(pinned, (m) => (m === '' ? -1 : MODEL_NAMES.indexOf(m))) } : {}),
  };
}

const boardOf = (r: ReturnType<typeof forecastBatch>, i: number) =>
  Array.from(r.leaderboardModel.subarray(r.leaderboardOffsets[i], r.leaderboardOffsets[i + 1]), (m) => r.modelNames[m]);

describe('a pinned model', () => {
  const a = trending(80, 7);
  const b = trending(80, 11);
  const free = forecastBatch(batchOf([a, b]), weekly);

  it('is the forecast whatever the tournament chose: its fit and its point forecast', () => {
    expect(MODEL_NAMES[free.model[0]!]).not.toBe('naive');
    const pinned = forecastBatch(batchOf([a, b], ['naive', '']), weekly);
    expect(MODEL_NAMES[pinned.model[0]!]).toBe('naive');
    // Naive continues the last value; its one-step fit is the value before.
    for (let k = 0; k < weekly.horizon; k++) expect(pinned.point[k]).toBeCloseTo(a[a.length - 1]!, 9);
    expect(pinned.fitted[a.length - 1]).toBeCloseTo(a[a.length - 2]!, 9);
    // Its own intervals: around its own point, not the tournament's.
    expect(pinned.lower[0]![0]).toBeLessThan(pinned.point[0]!);
    expect(pinned.upper[0]![0]).toBeGreaterThan(pinned.point[0]!);
    expect(pinned.upper[1]![0]! - pinned.point[0]!).not.toBeCloseTo(free.upper[1]![0]! - free.point[0]!, 6);
  });

  it('leaves the other series of the batch exactly as the tournament forecast them', () => {
    const pinned = forecastBatch(batchOf([a, b], ['naive', '']), weekly);
    const h = weekly.horizon;
    expect(pinned.model[1]).toBe(free.model[1]);
    expect(Array.from(pinned.point.subarray(h, 2 * h))).toEqual(Array.from(free.point.subarray(h, 2 * h)));
  });

  it('joins the leaderboard with its backtest error when the tournament did not score it', () => {
    const combo = 'combo(auto_ets+auto_theta)';
    expect(boardOf(free, 0)).not.toContain(combo);
    const pinned = forecastBatch(batchOf([a], [combo]), weekly);
    expect(MODEL_NAMES[pinned.model[0]!]).toBe(combo);
    const board = boardOf(pinned, 0);
    expect(board).toContain(combo);
    expect(pinned.error[0]).toBe(pinned.leaderboardError[pinned.leaderboardOffsets[0]! + board.indexOf(combo)]);
    expect(Number.isFinite(pinned.error[0])).toBe(true);
  });

  it('that does not apply to the demand (Croston on regular demand) leaves the tournament choice', () => {
    const pinned = forecastBatch(batchOf([a], ['croston']), weekly);
    expect(pinned.model[0]).toBe(free.model[0]);
    expect(Array.from(pinned.point.subarray(0, weekly.horizon))).toEqual(Array.from(free.point.subarray(0, weekly.horizon)));
  });

  it('must be a model label, one per series', () => {
    expect(() => forecastBatch({ ...batchOf([a, b]), pinned: Int32Array.of(-1) }, weekly)).toThrow(/one entry per series/);
    expect(() => forecastBatch({ ...batchOf([a]), pinned: Int32Array.of(MODEL_NAMES.indexOf('none')) }, weekly)).toThrow(/not a model's label/);
  });
});
