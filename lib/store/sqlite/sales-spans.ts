import type { SalesSpans } from '../types';
import type { Db } from './db';

/**
 * Each item's first and last sales day. The sales rows added since the last call (imports, events)
 * are folded into `sales_spans` first, by rowid past the watermark in `meta`: one pass over the new
 * rows, not over every row. Inside an import's transaction, so a rolled-back import folds nothing.
 */
export function salesSpans(db: Db): SalesSpans {
  foldSalesSpans(db);
  const rows = db.prepare('SELECT item, first_day, last_day FROM sales_spans').raw().all() as [number, number, number][];
  return {
    item: Int32Array.from(rows, (r) => r[0]),
    firstDay: Int32Array.from(rows, (r) => r[1]),
    lastDay: Int32Array.from(rows, (r) => r[2]),
  };
}

/** Folds the sales rows past the watermark into `sales_spans`. */
export function foldSalesSpans(db: Db): void {
  const from = db.prepare(`SELECT value FROM meta WHERE key = 'sales_spans_rowid'`).pluck().get() as number;
  const to = db.prepare('SELECT coalesce(max(rowid), 0) FROM sales').pluck().get() as number;
  if (to > from) {
    db.prepare(
      `INSERT INTO sales_spans (item, first_day, last_day)
       SELECT item, min(day), max(day) FROM sales WHERE rowid > ? AND rowid <= ? GROUP BY item
       ON CONFLICT (item) DO UPDATE SET first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day)`,
    ).run(from, to);
    db.prepare(`UPDATE meta SET value = ? WHERE key = 'sales_spans_rowid'`).run(to);
  }
}
