import type { Statement } from 'better-sqlite3';
import { GRADES } from '../../forecast/types';
import { ABC, STATUSES, XYZ } from '../../inventory';
import { toItemResult, type StoredRow } from '../records';
import type { ItemResult, ItemResultBatch, ResultMeta, ResultSetRecord } from '../types';
import type { Db } from './db';

export function createResultSet(
  db: Db,
  set: { key: string; dataVersion: number; params: unknown; meta: ResultMeta; createdAt: number },
): number {
  return Number(
    db
      .prepare('INSERT INTO result_sets (key, data_version, params, meta, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(set.key, set.dataVersion, JSON.stringify(set.params), JSON.stringify(set.meta), set.createdAt).lastInsertRowid,
  );
}

/** The newest unfinished result set for `key`, which a new run for that key continues. */
export function findResumableResultSet(db: Db, key: string): ResultSetRecord | null {
  const row = db
    .prepare(
      `SELECT s.id, s.key, s.data_version, s.meta, s.complete,
              (SELECT count(*) FROM item_results r WHERE r.result_set = s.id) AS done
         FROM result_sets s WHERE s.key = ? AND s.complete = 0 ORDER BY s.id DESC LIMIT 1`,
    )
    .get(key) as { id: number; key: string; data_version: number; meta: string; complete: number; done: number } | undefined;
  if (!row) return null;
  return {
    id: row.id,
    key: row.key,
    dataVersion: row.data_version,
    meta: JSON.parse(row.meta),
    complete: row.complete === 1,
    itemsDone: row.done,
  };
}

export function getResultSet(db: Db, id: number): ResultSetRecord | null {
  const row = db
    .prepare(
      `SELECT id, key, data_version, meta, complete,
              (SELECT count(*) FROM item_results r WHERE r.result_set = s.id) AS done
         FROM result_sets s WHERE id = ?`,
    )
    .get(id) as { id: number; key: string; data_version: number; meta: string; complete: number; done: number } | undefined;
  return row
    ? { id: row.id, key: row.key, dataVersion: row.data_version, meta: JSON.parse(row.meta), complete: row.complete === 1, itemsDone: row.done }
    : null;
}

/** Item keys already stored in a result set. */
export function storedItemKeys(db: Db, resultSet: number): Int32Array {
  const keys = db.prepare('SELECT item FROM item_results WHERE result_set = ?').pluck().all(resultSet) as number[];
  return Int32Array.from(keys);
}

const COLUMNS = [
  'result_set', 'item', 'status', 'abc', 'xyz', 'on_hand', 'on_order', 'lead_time_days', 'service_level',
  'last_sale_day', 'demand_lead_time', 'safety_stock', 'reorder_point', 'days_of_supply', 'stockout_day',
  'target_cover', 'excess_units', 'excess_value', 'order_quantity', 'daily_demand', 'annual_value', 'cv',
  'model', 'error', 'error_kind', 'naive_error', 'confidence', 'seasonal', 'history_start', 'history', 'fitted',
  'point', 'lo80', 'hi80', 'lo95', 'hi95', 'sigma', 'projected', 'leaderboard', 'statistical', 'cycle_demand',
] as const;
const ROWS_PER_INSERT = 50;

const ROW_PLACEHOLDERS = `(${COLUMNS.map(() => '?').join(',')})`;
/** Multi-row INSERTs by row count, prepared once per connection (preparing one costs more than running it). */
const insertStatements = new WeakMap<Db, Map<number, Statement>>();

function insertStatement(db: Db, rows: number): Statement {
  let cache = insertStatements.get(db);
  if (!cache) insertStatements.set(db, (cache = new Map()));
  let statement = cache.get(rows);
  if (!statement) {
    // A row already stored for the item (a chunk written again after a retry) is kept: results are
    // deterministic, so the first write is as good as the second, and the run counts it once.
    statement = db.prepare(
      `INSERT INTO item_results (${COLUMNS.join(',')}) VALUES ${new Array(rows).fill(ROW_PLACEHOLDERS).join(',')} ON CONFLICT (result_set, item) DO NOTHING`,
    );
    cache.set(rows, statement);
  }
  return statement;
}

/** A REAL column value: non-finite numbers (no stockout, endless cover) are stored as NULL. */
const real = (x: number) => (Number.isFinite(x) ? x : null);

/** The bytes of a typed-array slice, without copying (SQLite copies them on bind). */
function blob(values: Float64Array, from: number, to: number): Buffer {
  return Buffer.from(values.buffer, values.byteOffset + from * 8, (to - from) * 8);
}

/**
 * Writes items [from, to) of a batch (default: all), skipping items the result set holds already;
 * returns how many rows it inserted. Call inside the transaction that also records the run's progress.
 */
export function insertItemResults(db: Db, resultSet: number, batch: ItemResultBatch, from = 0, to = batch.count): number {
  const H = batch.horizon;
  const args: unknown[] = [];
  let inserted = 0;
  const flush = (rows: number) => {
    inserted += insertStatement(db, rows).run(args).changes;
    args.length = 0;
  };
  let pending = 0;
  for (let i = from; i < to; i++) {
    const h0 = batch.historyOffsets[i]!;
    const h1 = batch.historyOffsets[i + 1]!;
    args.push(
      resultSet,
      batch.item[i],
      STATUSES[batch.status[i]!],
      ABC[batch.abc[i]!],
      XYZ[batch.xyz[i]!],
      batch.onHand[i],
      batch.onOrder[i],
      batch.leadTimeDays[i],
      batch.serviceLevel[i],
      real(batch.lastSaleDay[i]!),
      batch.demandOverLeadTime[i],
      batch.safetyStock[i],
      batch.reorderPoint[i],
      real(batch.daysOfSupply[i]!),
      real(batch.stockoutDay[i]!),
      batch.targetCover[i],
      batch.excessUnits[i],
      batch.excessValue[i],
      batch.orderQuantity[i],
      batch.dailyDemand[i],
      batch.annualValue[i],
      real(batch.cv[i]!),
      batch.modelNames[batch.model[i]!] ?? 'none',
      real(batch.error[i]!),
      batch.errorKind[i] === 1 ? 'rmsse' : 'mase',
      real(batch.naiveError[i]!),
      GRADES[batch.grade[i]!] ?? 'D',
      batch.seasonal[i],
      h1 > h0 ? batch.historyStart[i] : null,
      blob(batch.history, h0, h1),
      blob(batch.fitted, h0, h1),
      blob(batch.point, i * H, (i + 1) * H),
      blob(batch.lo80, i * H, (i + 1) * H),
      blob(batch.hi80, i * H, (i + 1) * H),
      blob(batch.lo95, i * H, (i + 1) * H),
      blob(batch.hi95, i * H, (i + 1) * H),
      blob(batch.sigma, i * H, (i + 1) * H),
      blob(batch.projected, i * H, (i + 1) * H),
      batch.leaderboard[i],
      batch.overridden[i] ? blob(batch.statistical, i * H, (i + 1) * H) : null,
      batch.cycleDemand[i],
    );
    if (++pending === ROWS_PER_INSERT) {
      flush(pending);
      pending = 0;
    }
  }
  if (pending > 0) flush(pending);
  return inserted;
}

export function completeResultSet(db: Db, id: number): void {
  db.prepare('UPDATE result_sets SET complete = 1 WHERE id = ?').run(id);
}

/**
 * After a run for `key` completes: keeps the `keepComplete` newest complete result sets and the
 * unfinished ones that a later run could still resume (current data version, another key);
 * removes the others from `result_sets`, so that nothing finds them any more. Their item rows,
 * thousands of rows of series, are deleted afterwards a slice at a time (`deleteOrphanedItemResults`)
 * rather than in one long transaction. Returns how many sets were removed.
 */
export function pruneResultSets(db: Db, key: string, dataVersion: number, keepComplete = 3): number {
  return db
    .prepare(
      `DELETE FROM result_sets
        WHERE (complete = 0 AND (data_version < ? OR key = ?))
           OR (complete = 1 AND id NOT IN (SELECT id FROM result_sets WHERE complete = 1 ORDER BY id DESC LIMIT ?))`,
    )
    .run(dataVersion, key, keepComplete).changes;
}

/**
 * Deletes up to `limit` item rows of result sets that no longer exist (pruned, or left by a
 * prune that was interrupted); returns how many it deleted (0: none are left).
 */
export function deleteOrphanedItemResults(db: Db, limit: number): number {
  // Steps from one result set to the next along the primary key: a few lookups, not a scan.
  const next = db.prepare('SELECT result_set FROM item_results WHERE result_set > ? ORDER BY result_set LIMIT 1').pluck();
  const exists = db.prepare('SELECT 1 FROM result_sets WHERE id = ?').pluck();
  for (let set = next.get(-1) as number | undefined; set !== undefined; set = next.get(set) as number | undefined) {
    if (exists.get(set) !== undefined) continue;
    return db
      .prepare('DELETE FROM item_results WHERE rowid IN (SELECT rowid FROM item_results WHERE result_set = ? LIMIT ?)')
      .run(set, limit).changes;
  }
  return 0;
}

export function countByStatus(db: Db, resultSet: number): Record<(typeof STATUSES)[number], number> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
  const rows = db
    .prepare('SELECT status, count(*) AS n FROM item_results WHERE result_set = ? GROUP BY status')
    .all(resultSet) as { status: (typeof STATUSES)[number]; n: number }[];
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

const SELECT_ITEM = `SELECT r.*, i.item_id, i.name, i.category FROM item_results r JOIN items i ON i.id = r.item`;

/** One item's results by its code, or null when the result set has no such item. */
export function readItemResult(db: Db, resultSet: number, itemId: string): ItemResult | null {
  const row = db.prepare(`${SELECT_ITEM} WHERE r.result_set = ? AND i.item_id = ?`).get(resultSet, itemId) as
    | StoredRow
    | undefined;
  return row ? toItemResult(row) : null;
}

/** Every item's results in item-code order, one at a time (export). */
export function* iterateItemResults(db: Db, resultSet: number): Generator<ItemResult> {
  const rows = db.prepare(`${SELECT_ITEM} WHERE r.result_set = ? ORDER BY i.item_id`).iterate(resultSet);
  for (const row of rows) yield toItemResult(row as StoredRow);
}
