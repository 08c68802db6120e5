import Papa from 'papaparse';
import type { SeriesBatch } from './types';

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

export function parseLongCsv(text: string): LongSeries {
  const parsed = Papa.parse<string[]>(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, {
    delimiter: ',',
    skipEmptyLines: false,
  });
  const rows = parsed.data;
  const quoteError = parsed.errors.find((e) => e.type === 'Quotes');
  if (quoteError) throw new LongFormatError((quoteError.row ?? 0) + 1, 1, quoteError.message);
  const header = (rows[0] ?? []).map((c) => c.trim());
  const col = { series_id: -1, t: -1, value: -1 };
  for (const name of REQUIRED) {
    col[name] = header.indexOf(name);
    if (col[name] < 0) throw new LongFormatError(1, header.length + 1, `missing header column "${name}" (expected series_id,t,value)`);
  }
  const width = Math.max(col.series_id, col.t, col.value) + 1;

  const ids: string[] = [];
  const idIndex = new Map<string, number>();
  const rowSeries = new Int32Array(rows.length);
  const rowT = new Float64Array(rows.length);
  const rowValue = new Float64Array(rows.length);
  const rowLine = new Int32Array(rows.length);
  let used = 0;
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r];
    if (row.length === 1 && row[0].trim() === '') continue;
    const line = r + 1;
    if (row.length < width) throw new LongFormatError(line, row.length + 1, `expected ${width} columns, found ${row.length}`);
    const id = row[col.series_id].trim();
    if (id === '') throw new LongFormatError(line, col.series_id + 1, 'empty series_id');
    const tText = row[col.t].trim();
    const t = Number(tText);
    if (tText === '' || !Number.isInteger(t)) throw new LongFormatError(line, col.t + 1, `t must be an integer, got "${row[col.t]}"`);
    const vText = row[col.value].trim();
    const value = MISSING.has(vText) ? NaN : Number(vText);
    if (!MISSING.has(vText) && !Number.isFinite(value)) throw new LongFormatError(line, col.value + 1, `value must be a number, got "${row[col.value]}"`);
    let s = idIndex.get(id);
    if (s === undefined) {
      s = ids.length;
      idIndex.set(id, s);
      ids.push(id);
    }
    rowSeries[used] = s;
    rowT[used] = t;
    rowValue[used] = value;
    rowLine[used] = line;
    used++;
  }

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
