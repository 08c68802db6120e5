/** Fewest items in a chunk (16 demo items: ~40 ms of work): smaller ones would add tasks and commits for little better balance. */
const MIN_CHUNK = 16;
/** Most items in a chunk: its results are one commit, and a cancel waits for the chunks in flight. */
const MAX_CHUNK = 256;

/**
 * How a run's `count` items split into worker tasks, as boundaries [0, …, count]. With `size`
 * (a caller's choice): equal chunks of that size. By default, guided self-scheduling
 * (Polychronopoulos & Kuck 1987): chunks of at least an eighth of a thread's share (at most
 * MAX_CHUNK) while much is left, then each a share of what remains, down to MIN_CHUNK, so the
 * threads run out of work together. With equal chunks one thread could sit idle for most of a
 * chunk's time at the end (256 demo weeks: ~0.6 s) while another computed the last one.
 */
export function planChunks(count: number, threads: number, size?: number): Int32Array {
  if (size !== undefined && !(Number.isInteger(size) && size > 0)) throw new RangeError(`chunkSize must be a whole number from 1, got ${size}`);
  const ends = [0];
  const largest = size ?? Math.max(MIN_CHUNK, Math.min(MAX_CHUNK, Math.ceil(count / (threads * 8))));
  for (let from = 0; from < count; ) {
    const share = size ?? Math.max(MIN_CHUNK, Math.min(largest, Math.ceil((count - from) / (threads * 2))));
    from = Math.min(count, from + share);
    ends.push(from);
  }
  return Int32Array.from(ends);
}
