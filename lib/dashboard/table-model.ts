import { STATUS_ORDER } from './labels';
import type { DictColumn, ItemStatus, ItemTableJson } from './types';

/**
 * The item table in the browser: the columnar JSON decoded once into typed arrays, then filtered
 * and sorted into an index array (no per-row objects), so 10,000+ rows re-sort in milliseconds.
 * Pure: no DOM, no React.
 */

/** `forecast`: whether the item's final forecast is the statistical one, an analyst's override, a pinned model's or both. */
export type DictKey = 'category' | 'status' | 'abc' | 'xyz' | 'grade' | 'model' | 'baseUom' | 'forecast';
export type NumberKey =
  | 'onHand'
  | 'onOrder'
  | 'reorderPoint'
  | 'daysOfSupply'
  | 'stockoutIn'
  | 'orderQuantity'
  | 'excessValue'
  | 'annualValue'
  | 'error';
export type ColumnKey = 'id' | 'name' | DictKey | NumberKey;

export interface Dict {
  values: string[];
  codes: Uint16Array;
  /** Sort rank of each value (status by severity, others alphabetically). */
  rank: Uint16Array;
}

export interface ItemTable {
  count: number;
  id: string[];
  name: string[];
  /** Lower-case "id name" per row, for search. */
  haystack: string[];
  dict: Record<DictKey, Dict>;
  /** NaN where the JSON had null. */
  num: Record<NumberKey, Float64Array>;
}

const DICT_KEYS: readonly DictKey[] = ['category', 'status', 'abc', 'xyz', 'grade', 'model', 'baseUom', 'forecast'];
const NUMBER_KEYS: readonly NumberKey[] = [
  'onHand',
  'onOrder',
  'reorderPoint',
  'daysOfSupply',
  'stockoutIn',
  'orderQuantity',
  'excessValue',
  'annualValue',
  'error',
];

function decodeDict(column: DictColumn, key: DictKey): Dict {
  const order = column.values.map((_, i) => i);
  if (key === 'status') {
    const pos = (s: string) => {
      const i = STATUS_ORDER.indexOf(s as ItemStatus);
      return i < 0 ? STATUS_ORDER.length : i;
    };
    order.sort((a, b) => pos(column.values[a]!) - pos(column.values[b]!));
  } else {
    order.sort((a, b) => column.values[a]!.localeCompare(column.values[b]!, 'en', { numeric: true }));
  }
  const rank = new Uint16Array(column.values.length);
  order.forEach((code, r) => (rank[code] = r));
  return { values: column.values, codes: Uint16Array.from(column.codes), rank };
}

export function decodeItemTable(json: ItemTableJson): ItemTable {
  const dict = {} as Record<DictKey, Dict>;
  for (const key of DICT_KEYS) dict[key] = decodeDict(json[key], key);
  const num = {} as Record<NumberKey, Float64Array>;
  for (const key of NUMBER_KEYS) {
    const source = json[key];
    const column = new Float64Array(json.count);
    for (let i = 0; i < json.count; i++) column[i] = source[i] ?? Number.NaN;
    num[key] = column;
  }
  const haystack = new Array<string>(json.count);
  for (let i = 0; i < json.count; i++) haystack[i] = `${json.id[i]} ${json.name[i]}`.toLowerCase();
  return { count: json.count, id: json.id, name: json.name, haystack, dict, num };
}

/** A view of the table: what the URL of /items holds. */
export interface TableView {
  q: string;
  status: string[];
  abc: string[];
  xyz: string[];
  category: string[];
  sort: ColumnKey;
  dir: 'asc' | 'desc';
}

export const DEFAULT_VIEW: TableView = { q: '', status: [], abc: [], xyz: [], category: [], sort: 'status', dir: 'asc' };

const COLUMN_KEYS = new Set<string>(['id', 'name', ...DICT_KEYS, ...NUMBER_KEYS]);

export function parseView(params: URLSearchParams): TableView {
  const list = (name: string) =>
    (params.get(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const sort = params.get('sort') ?? DEFAULT_VIEW.sort;
  return {
    q: params.get('q') ?? '',
    status: list('status'),
    abc: list('abc'),
    xyz: list('xyz'),
    category: list('category'),
    sort: COLUMN_KEYS.has(sort) ? (sort as ColumnKey) : DEFAULT_VIEW.sort,
    dir: params.get('dir') === 'desc' ? 'desc' : 'asc',
  };
}

/** The query string of a view, leaving defaults out so shared links stay short. */
export function viewToSearch(view: TableView): string {
  const params = new URLSearchParams();
  if (view.q) params.set('q', view.q);
  for (const key of ['status', 'abc', 'xyz', 'category'] as const) if (view[key].length) params.set(key, view[key].join(','));
  if (view.sort !== DEFAULT_VIEW.sort || view.dir !== DEFAULT_VIEW.dir) {
    params.set('sort', view.sort);
    params.set('dir', view.dir);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Codes of a dict column that a filter keeps, or null when the filter is off. */
function allowed(dict: Dict, wanted: string[]): Uint8Array | null {
  if (wanted.length === 0) return null;
  const keep = new Uint8Array(dict.values.length);
  dict.values.forEach((v, code) => {
    if (wanted.includes(v)) keep[code] = 1;
  });
  return keep;
}

/**
 * Rows of the view: filtered by search and the label filters, sorted by the view's column (ties
 * by item code, empty numbers last in both directions). Returns row indexes.
 */
export function selectRows(table: ItemTable, view: TableView): Int32Array {
  const q = view.q.trim().toLowerCase();
  const filters = (['status', 'abc', 'xyz', 'category'] as const)
    .map((key) => ({ codes: table.dict[key].codes, keep: allowed(table.dict[key], view[key]) }))
    .filter((f) => f.keep !== null);
  const rows = new Int32Array(table.count);
  let n = 0;
  for (let i = 0; i < table.count; i++) {
    if (q && !table.haystack[i]!.includes(q)) continue;
    let ok = true;
    for (const f of filters) {
      if (!f.keep![f.codes[i]!]) {
        ok = false;
        break;
      }
    }
    if (ok) rows[n++] = i;
  }
  const out = rows.slice(0, n);
  const sign = view.dir === 'desc' ? -1 : 1;
  const byId = (a: number, b: number) => (table.id[a]! < table.id[b]! ? -1 : table.id[a]! > table.id[b]! ? 1 : 0);
  const key = view.sort;
  if (key === 'id') out.sort((a, b) => sign * byId(a, b));
  else if (key === 'name') {
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    out.sort((a, b) => sign * collator.compare(table.name[a]!, table.name[b]!) || byId(a, b));
  } else if (key in table.num) {
    const col = table.num[key as NumberKey];
    out.sort((a, b) => {
      const x = col[a]!;
      const y = col[b]!;
      const xn = Number.isNaN(x);
      const yn = Number.isNaN(y);
      if (xn || yn) return xn === yn ? byId(a, b) : xn ? 1 : -1;
      return sign * (x - y) || byId(a, b);
    });
  } else {
    const { codes, rank } = table.dict[key as DictKey];
    out.sort((a, b) => sign * (rank[codes[a]!]! - rank[codes[b]!]!) || byId(a, b));
  }
  return out;
}

/** A label of row `i` in a dict column. */
export const label = (table: ItemTable, key: DictKey, i: number): string => table.dict[key].values[table.dict[key].codes[i]!]!;

/**
 * Quotes a CSV field when it needs it (RFC 4180). Text a spreadsheet would run as a formula (an
 * item named `=HYPERLINK(…)`) is written after an apostrophe, which it shows as text.
 */
function csvField(text: string): string {
  const value = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return value !== text || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export interface CsvColumn {
  key: ColumnKey;
  header: string;
}

/** The rows of a view as CSV, in the view's order; empty numbers are empty fields. */
export function toCsv(table: ItemTable, rows: Int32Array, columns: readonly CsvColumn[]): string {
  const lines = [columns.map((c) => csvField(c.header)).join(',')];
  for (const i of rows) {
    const fields = columns.map(({ key }) => {
      if (key === 'id') return csvField(table.id[i]!);
      if (key === 'name') return csvField(table.name[i]!);
      if (key in table.num) {
        const x = table.num[key as NumberKey][i]!;
        return Number.isNaN(x) ? '' : String(x);
      }
      return csvField(label(table, key as DictKey, i));
    });
    lines.push(fields.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** What the item's final forecast is, in the words the items table shows and filters by. */
export function forecastSource(overridden: boolean, pinned: boolean): string {
  if (pinned) return overridden ? 'pinned model + override' : 'pinned model';
  return overridden ? 'override' : 'statistical';
}
