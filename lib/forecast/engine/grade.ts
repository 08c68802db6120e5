/** Fewest observations a method is fitted on in the backtest. */
export const MIN_FIT = 5;

/**
 * Confidence grade, 0..3 = A..D, from the backtest error relative to the naive benchmark's and the
 * history:
 * - D: no backtest was possible (fewer than h + MIN_FIT observations gives only partial horizons),
 *      or the winner's backtest error is above naive's;
 * - A: error at most 0.8 × naive's and below 1 (on average within one naive step);
 * - B: error at most 0.9 × naive's;
 * - C: otherwise (about as good as naive).
 * A flat history (error 0) grades A when long enough, since there is nothing to get wrong yet.
 */
export function grade(error: number, naiveError: number, n: number, h: number, measured: boolean): number {
  if (!measured || n < h + MIN_FIT || !(error >= 0)) return 3;
  if (error === 0) return 0;
  const ratio = naiveError > 0 ? error / naiveError : Infinity;
  if (ratio > 1) return 3;
  if (ratio <= 0.8 && error < 1) return 0;
  if (ratio <= 0.9) return 1;
  return 2;
}
