import { isAscii, isUtf8 } from 'node:buffer';
import Papa from 'papaparse';
import type { IssueList } from './issues';
import type { RowSink } from './rows';

/**
 * Streaming CSV reader: bytes in, rows out to a RowSink, one chunk at a time.
 *
 * Text is decoded per chunk, cut at the last line break, as strict UTF-8 (a BOM is dropped).
 * A chunk without any quote character is split by a scanner with exactly the semantics of
 * papaparse's fast mode (lines, then delimiters; no quoting), but handing the sink offsets
 * instead of arrays of strings: that is what makes 10 million rows a few seconds. A chunk with
 * quotes goes to papaparse's full parser, which carries an unfinished quoted record over to the
 * next chunk.
 */
export interface CsvTarget {
  file: string;
  issues: IssueList;
  /** whether a header (split with a candidate delimiter) is one we can read */
  fits(header: string[]): boolean;
  /** the sink for the data rows, or null when the header is refused (the problem recorded) */
  open(header: string[], decimalComma: boolean, headerRow: number): RowSink | null;
  /** the file's size in bytes, to size the columns once instead of growing them */
  bytes?: number;
}

const DELIMITERS = [',', ';', '\t'] as const;
/** A record longer than this is no CSV row but a runaway quote or a binary file. */
const MAX_RECORD_CHARS = 16 << 20;

type Step = 'more' | 'stop';

export class CsvReader {
  private carry: Uint8Array = new Uint8Array(0);
  private bytesRead = 0;
  private reserved = false;
  private first = true;
  private sink: RowSink | null = null;
  private delimiter = ',';
  private lineBreak = '\n';
  private breakByte = 10;
  private trimCR = false;
  private bounds = new Int32Array(64);
  /** spreadsheet row of the last row read: the header is row 1 */
  private rowNo = 0;
  /** an unfinished quoted record carried over to the next chunk */
  private pending = '';
  private papa: Papa.Parser | null = null;

  constructor(private readonly target: CsvTarget) {}

  /** Feeds the next chunk of bytes; 'stop' when reading further is pointless. */
  push(chunk: Uint8Array): Step {
    if (this.first && this.carry.length === 0 && (isUtf16(chunk) || chunk[0] === 0)) {
      return this.fail(0, 'not UTF-8 text: save the file as "CSV UTF-8"');
    }
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    let cut = bytes.lastIndexOf(this.breakByte) + 1;
    if (this.first && cut === 0) cut = bytes.lastIndexOf(13) + 1; // a header ended by CR only
    if (cut === 0) {
      this.carry = bytes;
      return bytes.length > MAX_RECORD_CHARS ? this.fail(this.rowNo + 1, 'a line longer than 16 MiB: not a CSV file') : 'more';
    }
    this.carry = bytes.slice(cut);
    const step = this.text(bytes.subarray(0, cut), false);
    this.bytesRead += cut;
    if (!this.reserved && this.sink && this.target.bytes && this.rowNo > 1) {
      this.reserved = true; // one estimate from the first chunk: rows per byte so far
      this.sink.reserve(Math.ceil(((this.rowNo - 1) * this.target.bytes * 1.05) / this.bytesRead));
    }
    return step;
  }

  /** The end of the bytes. */
  end(): void {
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    this.text(rest, true);
  }

  private text(bytes: Uint8Array, final: boolean): Step {
    let text = decode(bytes);
    if (text === null) {
      return this.fail(this.rowNo + 1 + this.badLine(bytes), 'not UTF-8 text (save the file as "CSV UTF-8")');
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) return this.fail(this.rowNo + 1 + countBreaks(text, nul), 'contains NUL characters: not a text file (UTF-16 text? save it as "CSV UTF-8")');
    if (this.first) {
      if (text.charCodeAt(0) === 0xfeff && this.rowNo === 0) text = text.slice(1);
      // Blank lines before the header are skipped (and counted, as a spreadsheet shows them).
      const start = text.search(/[^\s]/);
      if (start < 0) {
        this.rowNo += countBreaks(text, text.length);
        return final ? this.fail(0, 'the file is empty') : 'more';
      }
      const lineStart = Math.max(text.lastIndexOf('\n', start), text.lastIndexOf('\r', start)) + 1;
      this.rowNo += countBreaks(text, lineStart);
      text = text.slice(lineStart);
      if (this.header(text) === 'stop') return 'stop';
      text = text.slice(this.headerEnd(text));
    }
    const input = this.pending ? this.pending + text : text;
    this.pending = '';
    if (input.indexOf('"') < 0) this.scan(input);
    else return this.parseQuoted(input, final);
    return 'more';
  }

  /** Reads the header line, choosing the delimiter and line break; opens the sink. */
  private header(text: string): Step {
    const lf = text.indexOf('\n');
    const cr = text.indexOf('\r');
    if (cr >= 0 && (lf < 0 || cr < lf)) {
      this.lineBreak = cr + 1 === lf ? '\r\n' : '\r';
    }
    this.breakByte = this.lineBreak === '\r' ? 13 : 10;
    this.trimCR = this.lineBreak === '\r\n';
    const line = text.slice(0, this.headerEnd(text)).replace(/\r?\n$|\r$/, '');
    const split = DELIMITERS.map((d) => splitLine(line, d));
    let best = split.findIndex((fields) => this.target.fits(fields));
    if (best < 0) best = split.reduce((b, fields, i) => (fields.length > split[b]!.length ? i : b), 0);
    this.delimiter = DELIMITERS[best]!;
    this.first = false;
    this.rowNo++;
    this.sink = this.target.open(split[best]!, this.delimiter !== ',', this.rowNo);
    if (!this.sink) return 'stop';
    this.bounds = new Int32Array(2 * (split[best]!.length + 8));
    return 'more';
  }

  private headerEnd(text: string): number {
    const at = text.indexOf(this.lineBreak);
    return at < 0 ? text.length : at + this.lineBreak.length;
  }

  /** Rows without any quotes: lines, then delimiters, as papaparse's fast mode splits them. */
  private scan(s: string): void {
    const sink = this.sink!;
    const bounds = this.bounds;
    const located = bounds.length >> 1;
    const delimiter = this.delimiter;
    const lineBreak = this.trimCR ? '\n' : this.lineBreak;
    const trimCR = this.trimCR;
    const length = s.length;
    let rowNo = this.rowNo;
    let pos = 0;
    let nextDelimiter = s.indexOf(delimiter);
    while (pos < length) {
      let lineEnd = s.indexOf(lineBreak, pos);
      if (lineEnd < 0) lineEnd = length;
      const next = lineEnd + 1;
      if (trimCR && lineEnd > pos && s.charCodeAt(lineEnd - 1) === 13) lineEnd--;
      rowNo++;
      if (lineEnd > pos) {
        if (nextDelimiter >= 0 && nextDelimiter < pos) nextDelimiter = s.indexOf(delimiter, pos);
        let fields = 0;
        let start = pos;
        while (nextDelimiter >= 0 && nextDelimiter < lineEnd) {
          if (fields < located) {
            bounds[2 * fields] = start;
            bounds[2 * fields + 1] = nextDelimiter;
          }
          fields++;
          start = nextDelimiter + 1;
          nextDelimiter = s.indexOf(delimiter, start);
        }
        if (fields < located) {
          bounds[2 * fields] = start;
          bounds[2 * fields + 1] = lineEnd;
        }
        sink.row(s, bounds, fields + 1, rowNo);
      }
      pos = next;
    }
    this.rowNo = rowNo;
  }

  /** Rows with quotes: papaparse's full parser; an unfinished record waits for the next chunk. */
  private parseQuoted(input: string, final: boolean): Step {
    this.papa ??= new Papa.Parser({ delimiter: this.delimiter, newline: this.lineBreak as '\n' });
    const result = this.papa.parse(input, 0, !final) as {
      data: string[][];
      errors: { code: string; row: number }[];
      meta: { cursor: number };
    };
    const bad = new Map<number, string>();
    for (const e of result.errors) {
      if (bad.has(e.row)) continue; // the first problem of a row is the cause, the rest follow from it
      bad.set(
        e.row,
        e.code === 'MissingQuotes'
          ? 'a quoted value is never closed (missing ")'
          : 'stray quote: a quoted value must end right before a delimiter or the line end',
      );
    }
    const sink = this.sink!;
    for (let r = 0; r < result.data.length; r++) {
      const fields = result.data[r]!;
      this.rowNo++;
      const problem = bad.get(r);
      if (problem) {
        this.target.issues.add(this.target.file, this.rowNo, '', problem);
        continue;
      }
      if (fields.length * 2 > this.bounds.length) this.bounds = new Int32Array(fields.length * 2);
      let at = 0;
      for (let f = 0; f < fields.length; f++) {
        this.bounds[2 * f] = at;
        at += fields[f]!.length;
        this.bounds[2 * f + 1] = at;
      }
      sink.row(fields.join(''), this.bounds, fields.length, this.rowNo);
    }
    if (!final) {
      this.pending = input.slice(result.meta.cursor);
      if (this.pending.length > MAX_RECORD_CHARS) return this.fail(this.rowNo + 1, 'a quoted value is never closed (missing ")');
    }
    return 'more';
  }

  /** The line of `bytes` (counted from 0) holding the first invalid UTF-8 sequence. */
  private badLine(bytes: Uint8Array): number {
    let line = 0;
    for (let start = 0; ; line++) {
      const end = bytes.indexOf(this.breakByte, start);
      if (!isUtf8(bytes.subarray(start, end < 0 ? bytes.length : end)) || end < 0) return line;
      start = end + 1;
    }
  }

  private fail(rowNo: number, message: string): Step {
    this.target.issues.add(this.target.file, rowNo, '', message);
    this.first = false;
    return 'stop';
  }
}

/** Splits one line with papaparse (it honours quotes in the header). */
function splitLine(line: string, delimiter: string): string[] {
  return (Papa.parse<string[]>(line, { delimiter, newline: '\n' }).data[0] ?? []).map(String);
}

function countBreaks(text: string, end: number): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** Strict UTF-8 to string, or null. ASCII (the common case) takes the fast one-byte path. */
function decode(bytes: Uint8Array): string | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString('latin1');
  return isUtf8(buffer) ? buffer.toString('utf8') : null;
}

function isUtf16(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Reads a whole CSV source, giving the event loop a turn between chunks. */
export async function readCsv(chunks: AsyncIterable<Uint8Array>, target: CsvTarget): Promise<void> {
  const reader = new CsvReader(target);
  for await (const chunk of chunks) {
    if (reader.push(chunk) === 'stop') return;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  reader.end();
}
