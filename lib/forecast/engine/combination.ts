/** Combinations of this many members or more drop their highest and lowest forecast (a trimmed mean). */
export const TRIM_FROM = 4;

/**
 * The combination of the members' forecasts at entry j: their mean, or from TRIM_FROM members on
 * the mean without the highest and lowest, so that one member's lone excursion (the standard
 * Theta's halved drift on a straight line, an ARIMA's explosive root) does not move it.
 */
export function combinedAt(views: Float64Array[], list: Int32Array, members: number, j: number): number {
  let sum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let m = 0; m < members; m++) {
    const f = views[list[m]][j];
    sum += f;
    if (f < lo) lo = f;
    if (f > hi) hi = f;
  }
  return members >= TRIM_FROM ? (sum - lo - hi) / (members - 2) : sum / members;
}
