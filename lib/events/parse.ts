/**
 * Reads one NDJSON line into the fields an event may carry. The fast path scans the line in place:
 * no intermediate object, and string values come from a cache of recently seen strings (item
 * codes, dates and units repeat endlessly in an event stream), so a typical line allocates
 * nothing and the strings it yields keep their computed hash for the lookups that follow.
 * Anything the fast path does not handle (escapes, nested values, odd syntax) falls back to
 * JSON.parse; both paths accept exactly the same lines and yield the same values.
 *
 * One reader serves every request of the process (reading a line is synchronous). It is a class
 * with methods rather than small functions because the production bundler inlines single-use
 * functions as closures created per call, which costs more than the parsing itself.
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
  /**
   * Where the reader's string cache keeps the item_id and the date (or as_of) strings, or -1. The
   * same slot and the same string object mean the same value as before, so the validator can
   * remember per slot what it looked up (see SlotMemo) instead of searching big maps per line.
   */
  itemSlot = -1;
  daySlot = -1;

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
    this.itemSlot = -1;
    this.daySlot = -1;
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
/** Slots in the string cache (a power of two); a collision just replaces the older string. */
export const CACHE_SLOTS = 32_768;
/** Longer strings are not cached (they are rare, and the cache must stay small). */
const CACHED_CHARS = 64;

/** The hash the scanner computes over a string's characters. */
function hashOf(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

const TYPE = hashOf('type');
const ITEM_ID = hashOf('item_id');
const DATE = hashOf('date');
const QUANTITY = hashOf('quantity');
const UOM = hashOf('uom');
const ON_HAND = hashOf('on_hand');
const ON_ORDER = hashOf('on_order');
const AS_OF = hashOf('as_of');
const ON_ORDER_DUE = hashOf('on_order_due');

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function isDigit(c: number): boolean {
  return c >= ZERO && c <= NINE;
}

export class LineReader {
  /** Where the last scanned token ends, its value, and the hash of the last scanned string. */
  private next = 0;
  private value: unknown = undefined;
  private hash = 0;
  /** Cache slot of the last scanned string value, or -1. */
  private slot = -1;
  private readonly cache: (string | undefined)[] = new Array<string | undefined>(CACHE_SLOTS).fill(undefined);

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

  /** Flat object of strings without escapes, numbers, true/false/null; else false (use JSON.parse). */
  private object(s: string, i: number, end: number, f: EventFields): boolean {
    if (s.charCodeAt(i) !== OPEN) return false;
    i = this.skipSpace(s, i + 1, end);
    if (i < end && s.charCodeAt(i) === CLOSE) return this.skipSpace(s, i + 1, end) === end;
    for (;;) {
      i = this.skipSpace(s, i, end);
      if (i >= end || s.charCodeAt(i) !== QUOTE) return false;
      const keyStart = i + 1;
      const keyEnd = this.stringEnd(s, keyStart, end);
      if (keyEnd < 0) return false;
      const keyHash = this.hash;
      i = this.skipSpace(s, keyEnd + 1, end);
      if (i >= end || s.charCodeAt(i) !== COLON) return false;
      i = this.skipSpace(s, i + 1, end);
      if (!this.scalar(s, i, end)) return false;
      this.assign(f, s, keyStart, keyHash);
      i = this.skipSpace(s, this.next, end);
      if (i >= end) return false;
      const c = s.charCodeAt(i);
      if (c === CLOSE) return this.skipSpace(s, i + 1, end) === end;
      if (c !== COMMA) return false;
      i++;
    }
  }

  private skipSpace(s: string, i: number, end: number): number {
    while (i < end && isSpace(s.charCodeAt(i))) i++;
    return i;
  }

  /** Index of the closing quote of a string starting at `i` (hashing it), or -1 (escape, control char, no end). */
  private stringEnd(s: string, i: number, end: number): number {
    let h = 0;
    for (; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === QUOTE) {
        this.hash = h;
        return i;
      }
      if (c === BACKSLASH || c < 32) return -1;
      h = (Math.imul(h, 31) + c) | 0;
    }
    return -1;
  }

  private scalar(s: string, i: number, end: number): boolean {
    if (i >= end) return false;
    const c = s.charCodeAt(i);
    this.slot = -1;
    if (c === QUOTE) {
      const close = this.stringEnd(s, i + 1, end);
      if (close < 0) return false;
      this.value = this.cached(s, i + 1, close);
      this.next = close + 1;
      return true;
    }
    if (c === MINUS || isDigit(c)) return this.number(s, i, end);
    if (s.startsWith('true', i)) return this.literal(i + 4, true);
    if (s.startsWith('false', i)) return this.literal(i + 5, false);
    if (s.startsWith('null', i)) return this.literal(i + 4, null);
    return false;
  }

  /** The string s[from, to) (hash in this.hash), reusing an equal string seen before. */
  private cached(s: string, from: number, to: number): string {
    const length = to - from;
    if (length > CACHED_CHARS) return s.slice(from, to);
    let h = this.hash;
    h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
    const slot = (h ^ (h >>> 16)) & (CACHE_SLOTS - 1);
    this.slot = slot;
    const known = this.cache[slot];
    if (known !== undefined && known.length === length) {
      let k = 0;
      while (k < length && known.charCodeAt(k) === s.charCodeAt(from + k)) k++;
      if (k === length) return known;
    }
    const fresh = s.slice(from, to);
    this.cache[slot] = fresh;
    return fresh;
  }

  private literal(next: number, value: boolean | null): boolean {
    this.value = value;
    this.next = next;
    return true;
  }

  /** JSON number grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)? */
  private number(s: string, i: number, end: number): boolean {
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
    this.value = simple ? (negative ? -whole : whole) : Number(s.slice(start, i));
    this.next = i;
    return true;
  }

  /** Stores the scanned value in the field the key names (matched by hash, then confirmed). */
  private assign(f: EventFields, s: string, at: number, hash: number): void {
    const value = this.value;
    if (hash === TYPE) {
      if (s.startsWith('type"', at)) f.type = value;
    } else if (hash === ITEM_ID) {
      if (s.startsWith('item_id"', at)) {
        f.item_id = value;
        f.itemSlot = this.slot;
      }
    } else if (hash === DATE) {
      if (s.startsWith('date"', at)) {
        f.date = value;
        f.daySlot = this.slot;
      }
    } else if (hash === QUANTITY) {
      if (s.startsWith('quantity"', at)) f.quantity = value;
    } else if (hash === UOM) {
      if (s.startsWith('uom"', at)) f.uom = value;
    } else if (hash === ON_HAND) {
      if (s.startsWith('on_hand"', at)) f.on_hand = value;
    } else if (hash === ON_ORDER) {
      if (s.startsWith('on_order"', at)) f.on_order = value;
    } else if (hash === AS_OF) {
      if (s.startsWith('as_of"', at)) {
        f.as_of = value;
        f.daySlot = this.slot;
      }
    } else if (hash === ON_ORDER_DUE) {
      if (s.startsWith('on_order_due"', at)) f.on_order_due = value;
    }
  }
}
