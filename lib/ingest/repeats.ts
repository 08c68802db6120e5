import type { SalesSpans } from '../store';

/**
 * Sales rows dated within the days their item already has stored sales for. Sales rows are
 * transactions and add up, so a file that repeats an earlier extract (a re-export of the whole
 * history with one week more) counts those days twice; the import says so, with how many rows,
 * items and days, and the analyst decides. Late rows for recent days are legitimate and show too.
 */
export interface RepeatedDays {
  rows: number;
  items: number;
  firstDay: number;
  lastDay: number;
}

/** Stored spans by item id, and per file what its rows repeat. */
export class RepeatedDaysCounter {
  private readonly first: Int32Array;
  private readonly last: Int32Array;
  private readonly found = new Map<string, { rows: number; items: Set<number>; firstDay: number; lastDay: number }>();

  constructor(spans: SalesSpans) {
    let maxItem = -1;
    for (const item of spans.item) if (item > maxItem) maxItem = item;
    this.first = new Int32Array(maxItem + 1).fill(0x7fffffff);
    this.last = new Int32Array(maxItem + 1).fill(-0x7fffffff);
    for (let k = 0; k < spans.item.length; k++) {
      this.first[spans.item[k]!] = spans.firstDay[k]!;
      this.last[spans.item[k]!] = spans.lastDay[k]!;
    }
  }

  /** Counts the rows of `file` (item ids, days) that fall within their item's stored span. */
  add(file: string, item: Int32Array, day: Int32Array, count: number): void {
    const { first, last } = this;
    let seen = this.found.get(file);
    for (let i = 0; i < count; i++) {
      const id = item[i]!;
      const d = day[i]!;
      if (id >= first.length || d < first[id]! || d > last[id]!) continue;
      if (!seen) this.found.set(file, (seen = { rows: 0, items: new Set(), firstDay: d, lastDay: d }));
      seen.rows++;
      seen.items.add(id);
      if (d < seen.firstDay) seen.firstDay = d;
      if (d > seen.lastDay) seen.lastDay = d;
    }
  }

  /** What `file` repeats, or undefined when none of its rows does. */
  of(file: string): RepeatedDays | undefined {
    const seen = this.found.get(file);
    return seen && { rows: seen.rows, items: seen.items.size, firstDay: seen.firstDay, lastDay: seen.lastDay };
  }
}
