/** Order statistics of a typed array's first values without sorting it. */

/** The value of rank `k` (0-based) among a[0..count), by quickselect (reorders a). */
export function select(a: Float64Array, count: number, k: number): number {
  let lo = 0;
  let hi = count - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const v = a[i];
        a[i] = a[j];
        a[j] = v;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[lo];
}

/**
 * The median of a[0..count) (reorders them), the mean of the two middle values for an even count:
 * the value a sort would give, in linear time.
 */
export function median(a: Float64Array, count: number): number {
  if (count === 0) return Number.NaN;
  const k = count >> 1;
  const upper = select(a, count, k);
  if (count % 2 === 1) return upper;
  // Selection leaves every value before index k at most a[k]: the lower middle is their largest.
  let lower = a[0];
  for (let j = 1; j < k; j++) if (a[j] > lower) lower = a[j];
  return (lower + upper) / 2;
}
