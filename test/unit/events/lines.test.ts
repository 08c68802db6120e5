import { describe, expect, it } from 'vitest';
import { LineSplitter } from '@/lib/events/lines';

/** Splits `bytes` fed in the given chunk sizes, decoding as the server does. */
function split(bytes: Uint8Array, chunkSizes: number[], maxLineChars = 1000) {
  const out: { line: number; text: string }[] = [];
  const tooLong: number[] = [];
  const splitter = new LineSplitter(
    {
      line: (text, start, end, line) => out.push({ line, text: text.slice(start, end) }),
      tooLong: (line) => tooLong.push(line),
    },
    maxLineChars,
  );
  const decoder = new TextDecoder();
  let at = 0;
  let k = 0;
  while (at < bytes.length) {
    const size = chunkSizes[k++ % chunkSizes.length]!;
    splitter.push(decoder.decode(bytes.subarray(at, at + size), { stream: true }));
    at += size;
  }
  splitter.push(decoder.decode());
  splitter.end();
  return { out, tooLong };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('LineSplitter', () => {
  const text = 'first\r\nsecond line\n\nfourth with ünïcödé and 漢字 and 😀\nlast without newline';
  const expected = [
    { line: 1, text: 'first' },
    { line: 2, text: 'second line' },
    { line: 3, text: '' },
    { line: 4, text: 'fourth with ünïcödé and 漢字 and 😀' },
    { line: 5, text: 'last without newline' },
  ];

  it('numbers lines from 1, drops CR of CRLF and keeps a last line without newline', () => {
    expect(split(enc(text), [1 << 20]).out).toEqual(expected);
  });

  it('gives the same lines whatever the chunk boundaries (including inside multi-byte characters)', () => {
    for (const sizes of [[1], [2], [3], [5, 1, 7], [13], [64]]) {
      expect(split(enc(text), sizes).out).toEqual(expected);
    }
  });

  it('rejects over-long lines without keeping them, in one chunk or across many', () => {
    const long = 'x'.repeat(50);
    const input = enc(`ok\n${long}\nafter\n${long}`);
    for (const sizes of [[1 << 20], [7], [1]]) {
      const { out, tooLong } = split(input, sizes, 20);
      expect(out).toEqual([
        { line: 1, text: 'ok' },
        { line: 3, text: 'after' },
      ]);
      expect(tooLong).toEqual([2, 4]);
    }
  });

  it('counts a line of exactly the limit as fine', () => {
    const { out, tooLong } = split(enc(`${'y'.repeat(20)}\n`), [3], 20);
    expect(out).toEqual([{ line: 1, text: 'y'.repeat(20) }]);
    expect(tooLong).toEqual([]);
  });
});
