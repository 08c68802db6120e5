/**
 * Reads one NDJSON line into the fields an event may carry. The fast path scans the line in place
 * (no intermediate object, no copies except the short string values it keeps) and handles the flat
 * objects producers send; anything else (escapes, nested values, odd syntax) falls back to
 * JSON.parse, so both paths accept exactly the same lines and yield the same values.
 */
export class EventFields {
  type: unknown;
  item_id: unknown;
  date: unknown;
  quantity: unknown;
  uom: unknown;
  on_hand: unknown;
  on_order: unknown;
  as_of: unknown;
  on_order_due: unknown;

  constructor() {
    this.reset();
  }

  reset(): void {
    this.type = undefined;
    this.item_id = undefined;
    this.date = undefined;
    this.quantity = undefined;
    this.uom = undefined;
    this.on_hand = undefined;
    this.on_order = undefined;
    this.as_of = undefined;
    this.on_order_due = undefined;
  }
}

/** Result of reading a line: the fields are filled, the line is blank, or it is not a JSON object. */
export type LineResult = { kind: 'event' } | { kind: 'blank' } | { kind: 'invalid'; error: string };

const EVENT: LineResult = { kind: 'event' };
const BLANK: LineResult = { kind: 'blank' };

export function readLine(text: string, start: number, end: number, fields: EventFields): LineResult {
  fields.reset();
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  if (i === end) return BLANK;
  if (fastRead(text, i, end, fields)) return EVENT;
  fields.reset();
  return slowRead(text.slice(start, end), fields);
}

function slowRead(line: string, fields: EventFields): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { kind: 'invalid', error: `invalid JSON: ${(err as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'invalid', error: 'each line must be one JSON object' };
  }
  const o = value as Record<string, unknown>;
  const own = (key: string) => (Object.hasOwn(o, key) ? o[key] : undefined);
  fields.type = own('type');
  fields.item_id = own('item_id');
  fields.date = own('date');
  fields.quantity = own('quantity');
  fields.uom = own('uom');
  fields.on_hand = own('on_hand');
  fields.on_order = own('on_order');
  fields.as_of = own('as_of');
  fields.on_order_due = own('on_order_due');
  return EVENT;
}

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN = 123;
const CLOSE = 125;
const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

/** Where a scanned value ends, and the value itself (shared scratch: the scanner is synchronous). */
let scanEnd = 0;
let scanValue: unknown;

/** Flat object of strings without escapes, numbers, true/false/null; else false (use JSON.parse). */
function fastRead(s: string, i: number, end: number, f: EventFields): boolean {
  if (s.charCodeAt(i) !== OPEN) return false;
  i++;
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  if (i < end && s.charCodeAt(i) === CLOSE) return trailing(s, i + 1, end);
  for (;;) {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== QUOTE) return false;
    const keyStart = i + 1;
    const keyEnd = stringEnd(s, keyStart, end);
    if (keyEnd < 0) return false;
    i = keyEnd + 1;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i >= end || s.charCodeAt(i) !== COLON) return false;
    i++;
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (!scanScalar(s, i, end)) return false;
    i = scanEnd;
    assign(f, s, keyStart, keyEnd - keyStart, scanValue);
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    if (i >= end) return false;
    const c = s.charCodeAt(i);
    i++;
    if (c === CLOSE) return trailing(s, i, end);
    if (c !== COMMA) return false;
  }
}

function trailing(s: string, i: number, end: number): boolean {
  while (i < end && isSpace(s.charCodeAt(i))) i++;
  return i === end;
}

/** Index of the closing quote of a string starting at `i`, or -1 (escape, control char, no end). */
function stringEnd(s: string, i: number, end: number): number {
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === QUOTE) return i;
    if (c === BACKSLASH || c < 32) return -1;
  }
  return -1;
}

function scanScalar(s: string, i: number, end: number): boolean {
  if (i >= end) return false;
  const c = s.charCodeAt(i);
  if (c === QUOTE) {
    const close = stringEnd(s, i + 1, end);
    if (close < 0) return false;
    scanValue = s.slice(i + 1, close);
    scanEnd = close + 1;
    return true;
  }
  if (c === MINUS || isDigit(c)) return scanNumber(s, i, end);
  if (s.startsWith('true', i)) return literal(i + 4, true);
  if (s.startsWith('false', i)) return literal(i + 5, false);
  if (s.startsWith('null', i)) return literal(i + 4, null);
  return false;
}

function literal(next: number, value: boolean | null): boolean {
  scanValue = value;
  scanEnd = next;
  return true;
}

/** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
function scanNumber(s: string, i: number, end: number): boolean {
  const start = i;
  let negative = false;
  if (s.charCodeAt(i) === MINUS) {
    negative = true;
    i++;
  }
  if (i >= end || !isDigit(s.charCodeAt(i))) return false;
  let whole = 0;
  if (s.charCodeAt(i) === ZERO) {
    i++;
  } else {
    while (i < end && isDigit(s.charCodeAt(i))) whole = whole * 10 + (s.charCodeAt(i++) - ZERO);
  }
  let simple = i - start <= 15; // whole digits exact in a double
  if (i < end && s.charCodeAt(i) === DOT) {
    i++;
    if (i >= end || !isDigit(s.charCodeAt(i))) return false;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    simple = false;
  }
  if (i < end && (s.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < end && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === MINUS)) i++;
    if (i >= end || !isDigit(s.charCodeAt(i))) return false;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    simple = false;
  }
  // The grammar is checked above, so Number() reads the text exactly as JSON.parse would.
  scanValue = simple ? (negative ? -whole : whole) : Number(s.slice(start, i));
  scanEnd = i;
  return true;
}

function assign(f: EventFields, s: string, at: number, length: number, value: unknown): void {
  switch (length) {
    case 3:
      if (s.startsWith('uom', at)) f.uom = value;
      break;
    case 4:
      if (s.startsWith('type', at)) f.type = value;
      else if (s.startsWith('date', at)) f.date = value;
      break;
    case 5:
      if (s.startsWith('as_of', at)) f.as_of = value;
      break;
    case 7:
      if (s.startsWith('item_id', at)) f.item_id = value;
      else if (s.startsWith('on_hand', at)) f.on_hand = value;
      break;
    case 8:
      if (s.startsWith('quantity', at)) f.quantity = value;
      else if (s.startsWith('on_order', at)) f.on_order = value;
      break;
    case 12:
      if (s.startsWith('on_order_due', at)) f.on_order_due = value;
      break;
  }
}
