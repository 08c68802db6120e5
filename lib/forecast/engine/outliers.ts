/**
 * A period whose demand is far beyond anything else the item sells: a quantity typed wrong (500
 * for 5, a pallet keyed as units). Left in, one such value becomes the level an item is forecast
 * at when it is the last, and the spread its safety stock is sized from wherever it is
 * (lib/forecast/README.md, "A quantity typed wrong"). Demand that really stepped up shows again the
 * next period, and two such periods are no longer one.
 */
import { select } from '../order';

/**
 * How many times the item's busy periods (BUSY_QUANTILE of its periods with demand) the value must
 * exceed. A day typed with two digits too many lifts its week about fifteenfold; a promotion or a
 * season's peak, three or four times.
 */
export const OUTLIER_FACTOR = 8;
const BUSY_QUANTILE = 0.9;
/** How many times the largest of the other periods it must also exceed: a pallet order that recurs is demand. */
const OVER_OTHERS = 2;
/** Other periods with demand that say what the item sells. */
const MIN_OTHER_SALES = 6;
/** Values each side whose median stands in for the one set aside. */
const SIDE = 4;

const around = new Float64Array(2 * SIDE);
let sales = new Float64Array(0);

/**
 * The position in y[0 .. n) of the one value more than OUTLIER_FACTOR times the item's busy
 * periods and OVER_OTHERS times the largest of all the others, or -1. Only demand is judged (no
 * negative values), and only with at least MIN_OTHER_SALES other periods with demand.
 */
export function outlierAt(y: Float64Array, n: number): number {
  let top = -1;
  let largest = -Infinity;
  let second = -Infinity;
  let count = 0;
  for (let t = 0; t < n; t++) {
    const v = y[t];
    if (v < 0) return -1;
    if (v > 0) count++;
    if (v > largest) {
      second = largest;
      largest = v;
      top = t;
    } else if (v > second) {
      second = v;
    }
  }
  if (count - 1 < MIN_OTHER_SALES || !(largest > OVER_OTHERS * second)) return -1;
  // Rarely reached: most series have no value twice all the others.
  if (sales.length < count) sales = new Float64Array(n);
  let k = 0;
  for (let t = 0; t < n; t++) if (y[t] > 0) sales[k++] = y[t];
  const busy = select(sales, count, Math.floor(BUSY_QUANTILE * (count - 1)));
  return largest > OUTLIER_FACTOR * busy ? top : -1;
}

/** What the period at t most likely sold: the median of up to SIDE values on each side of it. */
export function typicalAround(y: Float64Array, n: number, t: number): number {
  let count = 0;
  for (let j = Math.max(0, t - SIDE); j < Math.min(n, t + SIDE + 1); j++) {
    if (j === t) continue;
    const v = y[j];
    let k = count++;
    for (; k > 0 && around[k - 1] > v; k--) around[k] = around[k - 1];
    around[k] = v;
  }
  const half = count >> 1;
  return count % 2 === 1 ? around[half] : (around[half - 1] + around[half]) / 2;
}

/** The rule in words, for the runs and pages that name what was set aside: `whose` owns the busy periods. */
export function outlierRule(periodWord: string, whose = "the item's"): string {
  return `over ${OUTLIER_FACTOR} times ${whose} busy ${periodWord}s and twice any other ${periodWord}`;
}
