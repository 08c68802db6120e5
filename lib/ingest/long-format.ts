import fs from 'node:fs';
import Papa from 'papaparse';
import { MAX_SERIES_VALUE, type SeriesBatch } from '../forecast/types';

/**
 * The long CSV format of `stockcast forecast` and the benchmark sets: header `series_id,t,value`
 * (columns in any order, others ignored), one row per observation, `t` an integer period index,
 * rows in any order. A period missing between a series' first and last `t` becomes NaN, as does a
 * value written as empty, `NA` or `NaN`.
 */
export interface LongSeries {
  /** Series ids in order of first appearance. */
  ids: string[];
  /** Series i covers periods firstT[i] .. firstT[i] + length − 1. */
  firstT: Int32Array;
  batch: SeriesBatch;
}

/** Malformed input, located by 1-based line and column. */
export class LongFormatError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`line ${line}, column ${column}: ${detail}`);
    this.name = 'LongFormatError';
  }
}

const REQUIRED = ['series_id', 't', 'value'] as const;
/** Longest span of periods one series may cover (guards against a stray t = 1e9). */
const MAX_SPAN = 1_000_000;
const MISSING = new Set(['', 'NA', 'NaN', 'nan']);

/** Collects validated rows into growing typed columns. */
class RowCollector {
  readonly ids: string[] = [];
  private readonly idIndex = new Map<string, number>();
  series = new Int32Array(1024);
  t = new Float64Array(1024);
  value = new Float64Array(1024);
  line = new Int32Array(1024);
  used = 0;
  readonly col: Record<(typeof REQUIRED)[number], number>;
  readonly width: number;

  constructor(header: string[]) {
    const names = header.map((c) => c.trim());
    const col = { series_id: -1, t: -1, value: -1 };
    for (const name of REQUIRED) {
      col[name] = names.indexOf(name);
      if (col[name] < 0) throw new LongFormatError(1, names.length + 1, `missing header column "${name}" (expected series_id,t,value)`);
    }
    this.col = col;
    this.width = Math.max(col.series_id, col.t, col.value) + 1;
  }

  /** One data row given its required fields (raw text) and how many fields it has. */
  add(line: number, fields: number, idRaw: string, tRaw: string, valueRaw: string): void {
    const { col, width } = this;
    if (fields < width) throw new LongFormatError(line, fields + 1, `expected ${width} columns, found ${fields}`);
    const id = idRaw.trim();
    if (id === '') throw new LongFormatError(line, col.series_id + 1, 'empty series_id');
    const tText = tRaw.trim();
    const t = Number(tText);
    if (tText === '' || !Number.isInteger(t)) throw new LongFormatError(line, col.t + 1, `t must be an integer, got "${tRaw}"`);
    const vText = valueRaw.trim();
    const missing = MISSING.has(vText);
    const value = missing ? NaN : Number(vText);
    if (!missing && !Number.isFinite(value)) throw new LongFormatError(line, col.value + 1, `value must be a number, got "${valueRaw}"`);
    if (Math.abs(value) > MAX_SERIES_VALUE) throw new LongFormatError(line, col.value + 1, `value must lie within ±${MAX_SERIES_VALUE}, got "${valueRaw}"`);
    let s = this.idIndex.get(id);
    if (s === undefined) {
      s = this.ids.length;
      this.idIndex.set(id, s);
      this.ids.push(id);
    }
    if (this.used === this.series.length) this.grow();
    this.series[this.used] = s;
    this.t[this.used] = t;
    this.value[this.used] = value;
    this.line[this.used] = line;
    this.used++;
  }

  private grow(): void {
    const size = this.series.length * 2;
    const more = <A extends Int32Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.series = more(this.series, (n) => new Int32Array(n));
    this.t = more(this.t, (n) => new Float64Array(n));
    this.value = more(this.value, (n) => new Float64Array(n));
    this.line = more(this.line, (n) => new Int32Array(n));
  }
}

/**
 * Lines of text without any quote character, split by hand (lines, then commas) without building
 * an array per row: five times faster than papaparse on a million rows. Text arrives in pieces of
 * any size (a line may span pieces); lines are counted from 1 and blank ones skipped.
 */
class PlainLines {
  rows: RowCollector | null = null;
  private carry = '';
  private lineNo = 0;

  /** Reads every complete line of `text` (after what earlier pieces left unfinished). */
  push(text: string): void {
    const chunk = this.carry + text;
    const last = chunk.lastIndexOf('\n');
    if (last < 0) {
      this.carry = chunk;
      return;
    }
    this.lines(chunk, last + 1);
    this.carry = chunk.slice(last + 1);
  }

  /** Reads the last line (one without a line break after it) and returns the rows. */
  end(): RowCollector {
    if (this.carry !== '' || this.rows === null) this.lines(`${this.carry}\n`, this.carry.length + 1);
    this.carry = '';
    return this.rows!;
  }

  /** The lines of text[0, stop), which ends with a line break. */
  private lines(text: string, stop: number): void {
    let start = 0;
    while (start < stop) {
      const end = text.indexOf('\n', start);
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      this.lineNo++;
      const line = text.slice(start, lineEnd);
      start = end + 1;
      if (this.rows === null) {
        this.rows = new RowCollector(line === '' ? [] : line.split(','));
        continue;
      }
      if (line.trim() === '') continue;
      this.row(this.rows, line);
    }
  }

  private row(rows: RowCollector, line: string): void {
    const { col, width } = rows;
    // Field f spans [begin(f), next comma); find the columns we need and count up to `width`.
    let fields = 1;
    let at = 0;
    let idText = '';
    let tText = '';
    let valueText = '';
    while (true) {
      const comma = line.indexOf(',', at);
      const fieldEnd = comma < 0 ? line.length : comma;
      const f = fields - 1;
      if (f === col.series_id) idText = line.slice(at, fieldEnd);
      else if (f === col.t) tText = line.slice(at, fieldEnd);
      else if (f === col.value) valueText = line.slice(at, fieldEnd);
      if (comma < 0 || fields >= width) break;
      fields++;
      at = comma + 1;
    }
    rows.add(this.lineNo, fields, idText, tText, valueText);
  }
}

/**
 * Rows as papaparse reads them (quoted fields), numbered by row from 1 as lines are: a quoted
 * field holding a line break counts as one.
 */
class QuotedRows {
  rows: RowCollector | null = null;
  private rowNo = 0;

  add(row: string[]): void {
    this.rowNo++;
    if (this.rows === null) {
      if (row.length && row[0]!.charCodeAt(0) === 0xfeff) row[0] = row[0]!.slice(1);
      this.rows = new RowCollector(row);
      return;
    }
    if (row.length === 1 && row[0]!.trim() === '') return;
    const { col, width } = this.rows;
    if (row.length < width) this.rows.add(this.rowNo, row.length, '', '', '');
    else this.rows.add(this.rowNo, row.length, row[col.series_id]!, row[col.t]!, row[col.value]!);
  }

  /** The number the next row gets. */
  get nextRow(): number {
    return this.rowNo + 1;
  }

  /** Throws papaparse's quote error, if any, at `row`. */
  error(error: Papa.ParseError | undefined, row: number): void {
    if (error?.type === 'Quotes') throw new LongFormatError(row, 1, error.message);
  }
}

function collect(text: string): RowCollector {
  if (!text.includes('"')) {
    const lines = new PlainLines();
    lines.push(text);
    return lines.end();
  }
  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false });
  const quoted = new QuotedRows();
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  quoted.error(quoteError, (quoteError?.row ?? 0) + 1);
  for (const row of parsed.data) quoted.add(row);
  return quoted.rows ?? new RowCollector([]);
}

function startsWithBom(file: string): boolean {
  const head = Buffer.alloc(3);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, head, 0, 3, 0) === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    fs.closeSync(fd);
  }
}

/** Bytes read from the file at a time by `readLongCsv`. */
const READ_BYTES = 16 << 20;

/**
 * A long CSV file read in pieces, so its size is bounded by memory for its rows' columns only, not
 * by the longest string the runtime can hold (about 512 MiB): the same result and errors as
 * `parseLongCsv` of its whole text. A file holding a quote is read again by papaparse.
 */
export async function readLongCsv(file: string, readBytes = READ_BYTES): Promise<LongSeries> {
  const plain = new PlainLines();
  let quoted = false;
  const stream = fs.createReadStream(file, { encoding: 'utf8', highWaterMark: readBytes });
  let first = true;
  for await (const piece of stream as AsyncIterable<string>) {
    const text = first && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
    first = false;
    if (text.includes('"')) {
      quoted = true;
      stream.destroy();
      break;
    }
    plain.push(text);
  }
  return series(quoted ? await readQuoted(file) : plain.end());
}

function readQuoted(file: string): Promise<RowCollector> {
  const quoted = new QuotedRows();
  const start = startsWithBom(file) ? 3 : 0;
  return new Promise((resolve, reject) => {
    Papa.parse<string[]>(fs.createReadStream(file, { encoding: 'utf8', start }) as unknown as File, {
      delimiter: ',',
      skipEmptyLines: false,
      step: (result, parser) => {
        try {
          quoted.error(result.errors.find((e) => e.type === 'Quotes'), quoted.nextRow); // a step's errors count rows from it
          quoted.add(result.data);
        } catch (err) {
          reject(err); // before abort(), which completes the parse at once
          parser.abort();
        }
      },
      complete: () => resolve(quoted.rows ?? new RowCollector([])),
      error: (err: Error) => reject(err),
    });
  });
}

export function parseLongCsv(text: string): LongSeries {
  return series(collect(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text));
}

/** The rows' series packed by first appearance, each ordered by t. */
function series(rows: RowCollector): LongSeries {
  const { ids, col, used } = rows;
  const rowSeries = rows.series;
  const rowT = rows.t;
  const rowValue = rows.value;
  const rowLine = rows.line;
  const count = ids.length;
  const minT = new Float64Array(count).fill(Infinity);
  const maxT = new Float64Array(count).fill(-Infinity);
  for (let j = 0; j < used; j++) {
    const s = rowSeries[j];
    if (rowT[j] < minT[s]) minT[s] = rowT[j];
    if (rowT[j] > maxT[s]) maxT[s] = rowT[j];
  }
  const offsets = new Int32Array(count + 1);
  for (let s = 0; s < count; s++) {
    const span = maxT[s] - minT[s] + 1;
    if (span > MAX_SPAN) {
      const at = rowLine[rowSeries.findIndex((x, j) => j < used && x === s && rowT[j] === maxT[s])];
      throw new LongFormatError(at, col.t + 1, `series "${ids[s]}" spans ${span} periods (at most ${MAX_SPAN})`);
    }
    offsets[s + 1] = offsets[s] + span;
  }
  const values = new Float64Array(offsets[count]).fill(NaN);
  const seen = new Uint8Array(offsets[count]);
  for (let j = 0; j < used; j++) {
    const s = rowSeries[j];
    const at = offsets[s] + (rowT[j] - minT[s]);
    if (seen[at]) throw new LongFormatError(rowLine[j], col.t + 1, `duplicate (series_id, t) = ("${ids[s]}", ${rowT[j]})`);
    seen[at] = 1;
    values[at] = rowValue[j];
  }
  return { ids, firstT: Int32Array.from(minT), batch: { values, offsets } };
}
