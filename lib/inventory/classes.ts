/**
 * ABC and XYZ classes from the bucketed demand history (series packed in one Float64Array with
 * `offsets[i]..offsets[i+1]` for item i, oldest first, ending at the last complete period).
 * Both look at the last year of history: `periodsPerYear` periods, or the whole history when it
 * is shorter. They depend on history only, never on the forecast, so they are the same whichever
 * items a run computes first (a resumed run classes items exactly as an uninterrupted one).
 */
export const ABC = ['A', 'B', 'C'] as const;
export const XYZ = ['X', 'Y', 'Z'] as const;

export interface ClassSettings {
  /** Cumulative share of annual value that A items make up (Pareto): 0.80. */
  aShare: number;
  /** ... and A plus B items: 0.95; the rest are C. */
  bShare: number;
  /** Coefficient of variation (σ / mean of demand per period) at or below which an item is X: 0.5. */
  xMaxCv: number;
  /** ... at or below which it is Y: 1.0; above it, or with no demand, Z. */
  yMaxCv: number;
}

export const DEFAULT_CLASS_SETTINGS: Readonly<ClassSettings> = { aShare: 0.8, bShare: 0.95, xMaxCv: 0.5, yMaxCv: 1.0 };

/**
 * Demand over the last year in base units: the sum of the last `periodsPerYear` periods, scaled up
 * to a year when the history is shorter (an item sold for 13 weeks counts 4 × those weeks).
 */
export function annualDemand(values: Float64Array, offsets: Int32Array, periodsPerYear: number): Float64Array {
  const count = offsets.length - 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const end = offsets[i + 1]!;
    const start = Math.max(offsets[i]!, end - periodsPerYear);
    let sum = 0;
    for (let p = start; p < end; p++) sum += values[p]!;
    out[i] = end > start ? (sum * periodsPerYear) / (end - start) : 0;
  }
  return out;
}

/**
 * Pareto classes by annual value (annual demand × unit cost): items sorted by value, largest
 * first (ties by position, so the result is deterministic); an item is A while the value of the
 * items before it is below aShare of the total, B while below bShare, otherwise C. Items with no
 * value are C. Returns 0 = A, 1 = B, 2 = C.
 */
export function abcClasses(
  annualValue: Float64Array,
  settings: ClassSettings = DEFAULT_CLASS_SETTINGS,
): Uint8Array {
  const count = annualValue.length;
  const classes = new Uint8Array(count).fill(2);
  const order = new Int32Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    order[i] = i;
    const v = annualValue[i]!;
    if (v > 0) total += v;
  }
  if (!(total > 0)) return classes;
  order.sort((a, b) => annualValue[b]! - annualValue[a]! || a - b);
  let before = 0;
  for (let r = 0; r < count; r++) {
    const i = order[r]!;
    const v = annualValue[i]!;
    if (!(v > 0)) break;
    classes[i] = before < settings.aShare * total ? 0 : before < settings.bShare * total ? 1 : 2;
    before += v;
  }
  return classes;
}

/**
 * Coefficient of variation of demand per period over the last year (population σ / mean);
 * Infinity when the item has no demand there. Granularity matters: daily buckets vary far more
 * than weekly ones, so the same thresholds class more items Z on `day` runs.
 */
export function demandVariability(values: Float64Array, offsets: Int32Array, periodsPerYear: number): Float64Array {
  const count = offsets.length - 1;
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const end = offsets[i + 1]!;
    const start = Math.max(offsets[i]!, end - periodsPerYear);
    const n = end - start;
    let sum = 0;
    for (let p = start; p < end; p++) sum += values[p]!;
    const mean = n > 0 ? sum / n : 0;
    if (!(mean > 0)) {
      out[i] = Number.POSITIVE_INFINITY;
      continue;
    }
    let squares = 0;
    for (let p = start; p < end; p++) squares += (values[p]! - mean) ** 2;
    out[i] = Math.sqrt(squares / n) / mean;
  }
  return out;
}

/** 0 = X, 1 = Y, 2 = Z from the coefficient of variation. */
export function xyzClasses(cv: Float64Array, settings: ClassSettings = DEFAULT_CLASS_SETTINGS): Uint8Array {
  const out = new Uint8Array(cv.length);
  for (let i = 0; i < cv.length; i++) {
    const v = cv[i]!;
    out[i] = v <= settings.xMaxCv ? 0 : v <= settings.yMaxCv ? 1 : 2;
  }
  return out;
}
