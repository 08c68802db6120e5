/**
 * An item's current life: demand sold before a silence that no rhythm of the item explains is set
 * aside, and the history starts when the item sold again. Such a silence is a relaunch after years
 * off the shelf, or a year typed wrong (a sale of 2026 entered as 1926): either way the earlier
 * sales do not describe today's demand, and counted as periods of zero demand they would make a
 * steady seller intermittent and bury its seasons under decades of nothing.
 */

/** Selling periods the current life must hold to be forecast on its own. */
const MIN_CURRENT_SALES = 6;

/**
 * The index in [from, to] where `row`'s current life starts (`from` when it is the whole history).
 * A silence is a run of periods with no demand before a sale, since the sale before or since
 * `from` (a history starts empty where its first sale fell in a part-period left out); a trailing
 * run is none (fading.ts weighs it). The longest silence ends the earlier life when it lasts at
 * least `minSilence` periods (a year: a season's off months never do), more than twice any other
 * (it is no rhythm of the item), and longer than everything after it, which holds at least
 * MIN_CURRENT_SALES periods with sales (enough to forecast from, so a slow mover's rare revival
 * keeps its long record).
 */
export function currentLifeStart(row: Float64Array, from: number, to: number, minSilence: number): number {
  let longest = 0;
  let second = 0;
  let returnAt = from;
  let lastSale = from - 1;
  for (let t = from; t <= to; t++) {
    if (!(row[t]! > 0)) continue;
    const silence = t - lastSale - 1;
    if (silence > longest) {
      second = longest;
      longest = silence;
      returnAt = t;
    } else if (silence > second) {
      second = silence;
    }
    lastSale = t;
  }
  if (longest < minSilence || longest <= 2 * second || longest <= to - returnAt + 1) return from;
  let sales = 0;
  for (let t = returnAt; t <= to; t++) if (row[t]! > 0) sales++;
  return sales >= MIN_CURRENT_SALES ? returnAt : from;
}
