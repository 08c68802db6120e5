/**
 * The largest amount an input may state: a quantity sold, in stock or on order, a cost or price,
 * a conversion factor, a lead time, a planner's override or order line. No catalogue comes near a
 * trillion of anything; a field past it is a typo, a unit mix-up or an exponent that overflowed
 * ("1e400" reads as Infinity), and the forecasts, stock and money computed from it would be
 * meaningless.
 */
export const MAX_AMOUNT = 1e12;

/** The limit as a refusal says it. */
export const MAX_AMOUNT_TEXT = '1e12 (a trillion)';

/** True for a finite amount no larger in size than MAX_AMOUNT. */
export function withinAmountLimit(v: number): boolean {
  return v >= -MAX_AMOUNT && v <= MAX_AMOUNT;
}
