/**
 * Reads one NDJSON line into the fields an event may carry. The fast path scans the line in place,
 * with no intermediate object: only the string values it keeps are copied out. Anything it does
 * not handle (escapes, nested values, odd syntax) falls back to JSON.parse; both paths accept
 * exactly the same lines and yield the same values.
 *
 * The scanner is a class with methods rather than small functions because the production bundler
 * inlines single-use functions as closures created per call, which costs more than the parsing.
 * (A cache of recently seen strings was tried and dropped: its random memory accesses cost more
 * than V8's young-generation allocation of the short strings it saved.)
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

/** Whether `s` holds `key` at `at` (the caller has checked the length). */
function isKey(s: string, at: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (s.charCodeAt(at + k) !== key.charCodeAt(k)) return false;
  return true;
}

export class LineReader {
  /** Where the last scanned number ends, and its value. */
  private next = 0;
  private number = 0;

  read(text: string, start: number, end: number, fields: EventFields): LineResult {
    fields.reset();
    let i = start;
    while (i < end && isSpace(text.charCodeAt(i))) i++;
    if (i === end) return BLANK;
    if (this.object(text, i, end, fields)) return EVENT;
    fields.reset();
    return this.parse(text.slice(start, end), fields);
  }

  private parse(line: string, fields: EventFields): LineResult {
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

  /**
   * A flat object whose values are strings without escapes, numbers, true, false or null; else
   * false (the caller uses JSON.parse). One method with its loops written out: this is the
   * hottest code of event ingestion.
   */
  private object(s: string, i: number, end: number, f: EventFields): boolean {
    if (s.charCodeAt(i) !== OPEN) return false;
    let c = 0;
    i++;
    while (i < end && isSpace((c = s.charCodeAt(i)))) i++;
    if (i < end && c === CLOSE) return this.onlySpace(s, i + 1, end);
    for (;;) {
      // "key"
      if (i >= end || c !== QUOTE) return false;
      const keyStart = ++i;
      for (; i < end; i++) {
        c = s.charCodeAt(i);
        if (c === QUOTE || c === BACKSLASH || c < 32) break;
      }
      if (i >= end || c !== QUOTE) return false;
      const keyLength = i - keyStart;
      i++;
      while (i < end && isSpace((c = s.charCodeAt(i)))) i++;
      if (i >= end || c !== COLON) return false;
      i++;
      while (i < end && isSpace((c = s.charCodeAt(i)))) i++;
      if (i >= end) return false;
      // value
      let value: unknown;
      if (c === QUOTE) {
        const from = ++i;
        for (; i < end; i++) {
          c = s.charCodeAt(i);
          if (c === QUOTE || c === BACKSLASH || c < 32) break;
        }
        if (i >= end || c !== QUOTE) return false;
        value = s.slice(from, i);
        i++;
      } else if (c === MINUS || isDigit(c)) {
        if (!this.scanNumber(s, i, end)) return false;
        value = this.number;
        i = this.next;
      } else if (s.startsWith('true', i)) {
        value = true;
        i += 4;
      } else if (s.startsWith('false', i)) {
        value = false;
        i += 5;
      } else if (s.startsWith('null', i)) {
        value = null;
        i += 4;
      } else {
        return false;
      }
      this.assign(f, s, keyStart, keyLength, value);
      while (i < end && isSpace((c = s.charCodeAt(i)))) i++;
      if (i >= end) return false;
      i++;
      if (c === CLOSE) return this.onlySpace(s, i, end);
      if (c !== COMMA) return false;
      while (i < end && isSpace((c = s.charCodeAt(i)))) i++;
    }
  }

  private onlySpace(s: string, i: number, end: number): boolean {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    return i === end;
  }

  /** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  private scanNumber(s: string, i: number, end: number): boolean {
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
    this.number = simple ? (negative ? -whole : whole) : Number(s.slice(start, i));
    this.next = i;
    return true;
  }

  /** Stores a value in the field its key names. */
  private assign(f: EventFields, s: string, at: number, length: number, value: unknown): void {
    switch (length) {
      case 3:
        if (isKey(s, at, 'uom')) f.uom = value;
        break;
      case 4:
        if (isKey(s, at, 'type')) f.type = value;
        else if (isKey(s, at, 'date')) f.date = value;
        break;
      case 5:
        if (isKey(s, at, 'as_of')) f.as_of = value;
        break;
      case 7:
        if (isKey(s, at, 'item_id')) f.item_id = value;
        else if (isKey(s, at, 'on_hand')) f.on_hand = value;
        break;
      case 8:
        if (isKey(s, at, 'quantity')) f.quantity = value;
        else if (isKey(s, at, 'on_order')) f.on_order = value;
        break;
      case 12:
        if (isKey(s, at, 'on_order_due')) f.on_order_due = value;
        break;
    }
  }
}
