import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kind } from './kinds';

/**
 * A file to import: a name for messages and the imports list, an optional explicit kind, and its
 * bytes in chunks. `chunks()` may be called more than once (hashing, then parsing).
 */
export interface ImportSource {
  name: string;
  kind?: Kind;
  chunks(): AsyncIterable<Uint8Array>;
  /** where the bytes are, for a thread that reads them itself */
  origin: SourceOrigin;
}

/** What a source is made from: postable to a worker thread (a Blob travels without a copy). */
export type SourceOrigin = { path: string } | { blob: Blob } | { bytes: Uint8Array };

/** The source again, from its origin (in another thread). */
export function sourceFrom(origin: SourceOrigin, name: string, kind?: Kind): ImportSource {
  if ('path' in origin) return fileSource(origin.path, kind, name);
  return bytesSource(name, 'blob' in origin ? origin.blob : origin.bytes, kind);
}

/**
 * Chunk size for reading: big enough for fast scanning, small enough to yield the event loop
 * often, and under the size from which Node makes decoded text an external string.
 */
export const CHUNK_BYTES = 1 << 19;

export function fileSource(filePath: string, kind?: Kind, name = path.basename(filePath)): ImportSource {
  return { name, kind, chunks: () => fs.createReadStream(filePath, { highWaterMark: CHUNK_BYTES }), origin: { path: filePath } };
}

/** A file already in memory: an upload's Blob or a buffer. */
export function bytesSource(name: string, data: Uint8Array | Blob, kind?: Kind): ImportSource {
  return {
    name,
    kind,
    origin: data instanceof Blob ? { blob: data } : { bytes: data },
    async *chunks() {
      const size = data instanceof Blob ? data.size : data.byteLength;
      for (let at = 0; at < size; at += CHUNK_BYTES) {
        yield data instanceof Blob
          ? new Uint8Array(await data.slice(at, at + CHUNK_BYTES).arrayBuffer())
          : data.subarray(at, at + CHUNK_BYTES);
      }
    },
  };
}

export interface SourceFingerprint {
  /** SHA-256 of the bytes, hex */
  hash: string;
  bytes: number;
  /** the first bytes, to tell XLSX (a zip) from text */
  head: Uint8Array;
}

export async function fingerprint(source: ImportSource): Promise<SourceFingerprint> {
  const hash = createHash('sha256');
  let bytes = 0;
  let head = new Uint8Array(0);
  let chunks = 0;
  for await (const chunk of source.chunks()) {
    if (head.length < 8) head = Uint8Array.from([...head, ...chunk.subarray(0, 8 - head.length)]);
    hash.update(chunk);
    bytes += chunk.length;
    // Bytes already in memory come without I/O waits: give the event loop a turn now and then.
    if (++chunks % 16 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return { hash: hash.digest('hex'), bytes, head };
}

const startsWith = (head: Uint8Array, magic: number[]) => magic.every((b, i) => head[i] === b);

export type FileFormat = 'csv' | 'xlsx' | 'xls';

export function formatOf(head: Uint8Array): FileFormat {
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  return 'csv';
}

/**
 * A file of lib/ingest on disk, for starting worker threads. From source (command line, tests)
 * it sits beside this module whatever the working directory; inside the Next.js server bundle
 * this module lives in the build folder, so it is found from the project root (the working
 * directory of the server) instead.
 */
export function ingestFile(name: string): string {
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), name),
    path.join(/*turbopackIgnore: true*/ process.cwd(), 'lib', 'ingest', name),
  ];
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) throw new Error(`${name} not found (looked in ${candidates.join(', ')})`);
  return found;
}
