/** Sales at the usual pace a run of empty periods may miss before the forecast fades. */
const FADE_EVENTS = 6;

/**
 * Probability that demand ending in a run of empty periods is still alive (the forecast's weight;
 * 1 while the run is ordinary). Before the run, the item sold in a share p of its periods and its
 * longest gap was G. A run up to max(2G, FADE_EVENTS / p) periods — twice the longest earlier
 * gap, and the time of FADE_EVENTS sales at the usual pace — counts as ordinary (a stockout, a
 * slow spell); past it, the weight halves for every sale the item would have made at the usual
 * pace: 2^(−p·excess). This is TSB's demand-probability decay with its rate tied to the item's own
 * pace, so that an item that stopped selling months ago fades to zero while intermittent sellers
 * within their usual gaps keep their forecast.
 */
export function survival(y: Float64Array, n: number): number {
  let end = n;
  while (end > 0 && y[end - 1] === 0) end--;
  const run = n - end;
  if (run === 0 || end === 0) return 1;
  let first = 0;
  while (y[first] === 0) first++;
  let sales = 0;
  let gap = 0;
  let longest = 0;
  for (let t = first; t < end; t++) {
    if (y[t] > 0) {
      sales++;
      gap = 0;
    } else if (++gap > longest) {
      longest = gap;
    }
  }
  const pace = sales / (end - first);
  const excess = run - Math.max(2 * longest, FADE_EVENTS / pace);
  return excess > 0 ? 2 ** (-pace * excess) : 1;
}
