/**
 * SQLite's sum() of doubles: Kahan–Babuška–Neumaier compensated summation (SQLite 3.43 and
 * later), in the order given. PostgreSQL's sum() adds plainly, which differs in the last digits;
 * the dashboard's sums are made here from the values in item order so both stores agree exactly.
 */
export function sqliteSum(values: readonly number[] | null): number {
  if (!values || values.length === 0) return 0;
  let sum = 0;
  let err = 0;
  for (const r of values) {
    const t = sum + r;
    if (Math.abs(sum) > Math.abs(r)) err += sum - t + r;
    else err += r - t + sum;
    sum = t;
  }
  return Number.isFinite(err) ? sum + err : sum;
}
