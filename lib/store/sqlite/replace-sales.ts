import type { ReplacedSales } from '../types';
import type { Db } from './db';
import { foldSalesSpans } from './sales-spans';

/**
 * An import that replaces sales days (ImportMode.replaceSalesDays) writes its rows into a
 * temporary table of the connection first; on apply, the stored sales on every (item, day) they
 * hold are removed and the rows appended, in the order they were written. Removing rows can lower
 * the highest rowid, which new rows then reuse: the spans' watermark (sales-spans.ts) is brought
 * up to date before and set to the new highest rowid after, with the appended rows folded in.
 */
export const STAGED_SALES = 'temp.import_sales';

export function stageSales(db: Db): void {
  db.exec(`DROP TABLE IF EXISTS ${STAGED_SALES}; CREATE TABLE ${STAGED_SALES} (item INTEGER, day INTEGER, quantity REAL, uom INTEGER)`);
}

export function replaceSalesDays(db: Db): ReplacedSales {
  foldSalesSpans(db);
  db.exec(
    `DROP TABLE IF EXISTS temp.import_days;
     CREATE TABLE temp.import_days (item INTEGER, day INTEGER, PRIMARY KEY (item, day)) WITHOUT ROWID;
     INSERT OR IGNORE INTO temp.import_days SELECT item, day FROM ${STAGED_SALES};`,
  );
  const itemDays = db.prepare('SELECT count(*) FROM temp.import_days').pluck().get() as number;
  const rows = db.prepare('DELETE FROM sales WHERE (item, day) IN (SELECT item, day FROM temp.import_days)').run().changes;
  db.exec(
    `INSERT INTO sales (item, day, quantity, uom) SELECT item, day, quantity, uom FROM ${STAGED_SALES} ORDER BY rowid;
     INSERT INTO sales_spans (item, first_day, last_day)
     SELECT item, min(day), max(day) FROM ${STAGED_SALES} GROUP BY item
     ON CONFLICT (item) DO UPDATE SET first_day = min(first_day, excluded.first_day), last_day = max(last_day, excluded.last_day);
     UPDATE meta SET value = (SELECT coalesce(max(rowid), 0) FROM sales) WHERE key = 'sales_spans_rowid';
     DROP TABLE temp.import_days; DELETE FROM ${STAGED_SALES};`,
  );
  return { rows, itemDays };
}
