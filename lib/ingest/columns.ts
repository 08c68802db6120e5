/**
 * Building blocks for reading a file into typed columns: growable typed arrays, and a dictionary
 * that turns repeated text (item codes, units) into small integers without a substring per row
 * when a value repeats the previous row's, as sorted exports do.
 */

export function grownInt32(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export function grownFloat64(a: Float64Array, need: number): Float64Array {
  if (need <= a.length) return a;
  const b = new Float64Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

export class Dictionary {
  /** distinct normalized values, by index */
  readonly values: string[] = [];
  private readonly byRaw = new Map<string, number>();
  private readonly byValue = new Map<string, number>();
  private lastRaw = '\u0000';
  private lastIndex = -1;

  constructor(private readonly normalize: (raw: string) => string) {}

  /** Index of the field's normalized text, or -1 when it is blank. */
  lookup(s: string, a: number, b: number): number {
    if (this.repeatsLast(s, a, b)) return this.lastIndex;
    const raw = s.slice(a, b);
    let index = this.byRaw.get(raw);
    if (index === undefined) {
      const value = this.normalize(raw);
      if (value === '') index = -1;
      else {
        index = this.byValue.get(value);
        if (index === undefined) {
          index = this.values.length;
          this.values.push(value);
          this.byValue.set(value, index);
        }
      }
      this.byRaw.set(raw, index);
    }
    this.lastRaw = raw;
    this.lastIndex = index;
    return index;
  }

  /** Compared from the end: sorted codes (SKU-000123, SKU-000124) differ there first. */
  private repeatsLast(s: string, a: number, b: number): boolean {
    const last = this.lastRaw;
    let k = last.length;
    if (b - a !== k) return false;
    while (k > 0) {
      k--;
      if (s.charCodeAt(a + k) !== last.charCodeAt(k)) return false;
    }
    return true;
  }
}

/** Item codes are case-sensitive; only surrounding spaces go. */
export const itemCode = (raw: string): string => raw.trim();
/** Unit codes are case-insensitive: `ea`, `Ea` and `EA` are one unit. */
export const unitCode = (raw: string): string => raw.trim().toUpperCase();
