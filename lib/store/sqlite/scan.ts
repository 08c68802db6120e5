import Database from 'better-sqlite3';
import type { ActionsScan, CatalogueScan, SalesWindow } from '../scan';
import { exceptionFacts } from './exceptions';
import { parseIntegers, parseReals, wholeAsInteger } from './numbers';
import { readServicePolicy } from './policy';
import { describeUnit } from './reads';
import { packResultSet } from './snapshots';
import type { PackedSnapshot } from '../snapshot-columns';
import { listDraft, worksheetCandidates } from './worksheet';

/**
 * Reads made by worker threads on connections of their own (read-only, one snapshot each), so
 * the pipeline's loads never run on the server's connection or event loop.
 */

function openReadOnly(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 10000');
  return db;
}

export function readCatalogueSnapshot<T>(file: string, read: (scan: CatalogueScan) => T): T {
  const db = openReadOnly(file);
  try {
    return db.transaction(() =>
      read({
        dataVersion: () => db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() as number,
        units: () => db.prepare('SELECT id, code FROM uom_codes').raw().all() as [number, string][],
        items: () =>
          db
            .prepare(`SELECT id, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack, category, lead_time_sd_days FROM items ORDER BY id`)
            .raw()
            .all() as [number, string, number, number, number | null, number | null, number | null, string, number | null][],
        servicePolicy: () => readServicePolicy(db),
        maxSalesRowid: () => (db.prepare('SELECT max(rowid) FROM sales').pluck().get() as number | null) ?? 0,
        factors: () => db.prepare('SELECT item, uom, factor FROM uom_factors').raw().all() as [number, number, number][],
        latestStock: () =>
          db
            .prepare(
              `SELECT s.item, s.as_of, s.on_hand, s.on_order, s.uom, s.on_order_due FROM inventory s
                WHERE s.as_of = (SELECT max(as_of) FROM inventory WHERE item = s.item)`,
            )
            .raw()
            .iterate() as Iterable<[number, number, number, number, number, number | null]>,
        describeUnit: (item, unit) => describeUnit(db, item, unit),
        overrides: () =>
          db
            .prepare(
              `SELECT i.id, o.item_id, o.start_day, min(o.end_day, coalesce(o.until_day, o.end_day)), o.kind, o.value
                 FROM forecast_overrides o LEFT JOIN items i ON i.item_id = o.item_id ORDER BY o.id`,
            )
            .raw()
            .all() as [number | null, string, number, number, 'quantity' | 'percent', number][],
        pins: () =>
          db
            .prepare('SELECT i.id, p.item_id, p.model FROM model_pins p LEFT JOIN items i ON i.item_id = p.item_id ORDER BY p.item_id')
            .raw()
            .all() as [number | null, string, string][],
      }),
    )();
  } finally {
    db.close();
  }
}

/**
 * One read transaction (one snapshot) over sales rowids [from, to) (to null: up to the last row);
 * each query returns a window of rows as four comma-joined columns parsed straight into typed
 * arrays, which costs far less per row than stepping rows into JS one by one (measured on 2M
 * rows: `.raw().iterate()` 2.5–3× slower, json_group_array + JSON.parse 15% more CPU).
 */
export function readSalesWindow(
  file: string,
  range: { from: number; to: number | null; window: number },
  alloc: { int32(n: number): Int32Array },
): SalesWindow {
  const db = openReadOnly(file);
  try {
    const windowQuery = db
      .prepare(
        `SELECT count(*), group_concat(item), group_concat(day), group_concat(${wholeAsInteger('quantity')}), group_concat(uom)
           FROM sales WHERE rowid >= ? AND rowid < ?`,
      )
      .raw();
    return db.transaction(() => {
      const dataVersion = db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() as number;
      const to = range.to ?? ((db.prepare('SELECT max(rowid) FROM sales').pluck().get() as number | null) ?? 0) + 1;
      const capacity = Math.max(0, to - range.from);
      const item = alloc.int32(capacity);
      const day = alloc.int32(capacity);
      const quantity = new Float64Array(capacity);
      const unit = new Int32Array(capacity);
      let rows = 0;
      for (let lo = range.from; lo < to; lo += range.window) {
        const [n, items, days, quantities, units] = windowQuery.get(lo, Math.min(lo + range.window, to)) as [number, string, string, string, string];
        if (n === 0) continue;
        parseIntegers(items, item, rows);
        parseIntegers(days, day, rows);
        parseReals(quantities, quantity, rows);
        parseIntegers(units, unit, rows);
        rows += n;
      }
      return { dataVersion, rows, from: range.from, to, item, day, quantity, unit };
    })();
  } finally {
    db.close();
  }
}

/** Copies the WAL into the database file as far as readers allow (PASSIVE: waits for no one). */
export function checkpointWal(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    db.close();
  }
}

/** What the inbox and the worksheet read of result sets, in one snapshot (see ../scan). */
export async function readActionsSnapshot<T>(file: string, read: (scan: ActionsScan) => Promise<T>): Promise<T> {
  const db = openReadOnly(file);
  try {
    // A read transaction of this connection's own: every read below sees the same snapshot.
    db.exec('BEGIN');
    return await read({
      exceptionFacts: async (set) => exceptionFacts(db, set),
      worksheetCandidates: async (set) => worksheetCandidates(db, set),
      worksheetDraft: async () => listDraft(db),
    });
  } finally {
    db.close();
  }
}

export function readPackedSnapshot(file: string, resultSet: number): PackedSnapshot | null {
  const db = openReadOnly(file);
  try {
    return packResultSet(db, resultSet);
  } finally {
    db.close();
  }
}
