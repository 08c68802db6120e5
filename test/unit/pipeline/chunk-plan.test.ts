import { describe, expect, it } from 'vitest';
import { planChunks } from '@/lib/pipeline/chunk-plan';

const sizes = (ends: Int32Array) => Array.from(ends.subarray(1), (end, k) => end - ends[k]!);

describe('how a run splits its items into worker tasks', () => {
  it.each([
    [0, 2],
    [10, 2],
    [300, 2],
    [1_000, 2],
    [10_000, 2],
    [10_000, 16],
    [100_000, 3],
  ])('covers %i items on %i threads once each, in order', (count, threads) => {
    const ends = planChunks(count, threads);
    expect(ends[0]).toBe(0);
    expect(ends[ends.length - 1]).toBe(count);
    expect(sizes(ends).every((size) => size > 0)).toBe(true);
  });

  it.each([
    [1_000, 2],
    [10_000, 2],
    [10_000, 16],
    [100_000, 3],
  ])('with %i items on %i threads, gives out large chunks first and small ones last, so the threads finish together', (count, threads) => {
    const s = sizes(planChunks(count, threads));
    for (let k = 1; k < s.length; k++) expect(s[k]).toBeLessThanOrEqual(s[k - 1]!);
    expect(s[0]).toBeLessThanOrEqual(256);
    expect(s[0]).toBeGreaterThanOrEqual(Math.min(256, Math.ceil(count / (threads * 8))));
    // What the threads work on at the end: two chunks each, none over 16 items.
    expect(s.slice(-2 * threads).every((size) => size <= 16)).toBe(true);
    // Never so small that per-task costs dominate, but for the remainder.
    expect(s.slice(0, -1).every((size) => size >= 16)).toBe(true);
  });

  it('keeps a size the caller chose: equal chunks, the remainder last', () => {
    expect(Array.from(planChunks(50, 2, 16))).toEqual([0, 16, 32, 48, 50]);
    expect(sizes(planChunks(10_000, 2, 4)).every((size) => size === 4)).toBe(true);
  });

  it.each([0, -4, 2.5, Number.NaN])('refuses a chosen size of %s, naming the option', (size) => {
    expect(() => planChunks(100, 2, size)).toThrow(/chunkSize must be a whole number from 1/);
  });
});
