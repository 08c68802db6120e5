import type pg from 'pg';
import { GRADES } from '../../forecast/types';
import { ABC, STATUSES, XYZ } from '../../inventory';
import { toItemResult, type StoredRow } from '../records';
import type { ItemResult, ItemResultBatch, ResultMeta, ResultSetRecord } from '../types';
import type { Sql } from './db';

export async function createResultSet(
  sql: Sql,
  set: { key: string; dataVersion: number; params: unknown; meta: ResultMeta; createdAt: number },
): Promise<number> {
  const { rows } = await sql.query<{ id: number }>(
    'INSERT INTO result_sets (key, data_version, params, meta, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [set.key, set.dataVersion, JSON.stringify(set.params), JSON.stringify(set.meta), set.createdAt],
  );
  return rows[0]!.id;
}

type SetRow = { id: number; key: string; data_version: number; meta: string; complete: number; done: number };

const toSet = (row: SetRow | undefined): ResultSetRecord | null =>
  row
    ? { id: row.id, key: row.key, dataVersion: row.data_version, meta: JSON.parse(row.meta), complete: row.complete === 1, itemsDone: row.done }
    : null;

const SET_COLUMNS = `s.id, s.key, s.data_version, s.meta, s.complete,
  (SELECT count(*) FROM item_results r WHERE r.result_set = s.id) AS done`;

export async function findResumableResultSet(sql: Sql, key: string): Promise<ResultSetRecord | null> {
  const { rows } = await sql.query<SetRow>(
    `SELECT ${SET_COLUMNS} FROM result_sets s WHERE s.key = $1 AND s.complete = 0 ORDER BY s.id DESC LIMIT 1`,
    [key],
  );
  return toSet(rows[0]);
}

export async function getResultSet(sql: Sql, id: number): Promise<ResultSetRecord | null> {
  return toSet((await sql.query<SetRow>(`SELECT ${SET_COLUMNS} FROM result_sets s WHERE s.id = $1`, [id])).rows[0]);
}

export async function storedItemKeys(sql: Sql, resultSet: number): Promise<Int32Array> {
  const { rows } = await sql.query<[number]>({ text: 'SELECT item FROM item_results WHERE result_set = $1', values: [resultSet], rowMode: 'array' });
  return Int32Array.from(rows, (r) => r[0]);
}

const COLUMNS = [
  'result_set', 'item', 'status', 'abc', 'xyz', 'on_hand', 'on_order', 'lead_time_days', 'service_level',
  'last_sale_day', 'demand_lead_time', 'safety_stock', 'reorder_point', 'days_of_supply', 'stockout_day',
  'target_cover', 'excess_units', 'excess_value', 'order_quantity', 'daily_demand', 'annual_value', 'cv',
  'model', 'error', 'error_kind', 'naive_error', 'confidence', 'seasonal', 'history_start', 'history', 'fitted',
  'point', 'lo80', 'hi80', 'lo95', 'hi95', 'sigma', 'projected', 'leaderboard', 'statistical', 'cycle_demand',
] as const;
/** 50 rows × 41 parameters: well under PostgreSQL's 65,535 per statement. */
const ROWS_PER_INSERT = 50;

const real = (x: number) => (Number.isFinite(x) ? x : null);

/** A typed-array slice as bytea (sent as a binary parameter, little-endian float64 as in SQLite). */
function blob(values: Float64Array, from: number, to: number): Buffer {
  return Buffer.from(values.buffer, values.byteOffset + from * 8, (to - from) * 8);
}

function placeholders(rows: number): string {
  const width = COLUMNS.length;
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(`(${COLUMNS.map((_, k) => `$${r * width + k + 1}`).join(',')})`);
  return out.join(',');
}

/** Writes items [from, to) of a batch; call inside the transaction that records the run's progress. */
/** Writes items [from, to), skipping items the result set holds already (see ../sqlite/results.ts); returns the rows inserted. */
export async function insertItemResults(sql: Sql, resultSet: number, batch: ItemResultBatch, from: number, to: number): Promise<number> {
  const H = batch.horizon;
  let inserted = 0;
  for (let start = from; start < to; start += ROWS_PER_INSERT) {
    const end = Math.min(start + ROWS_PER_INSERT, to);
    const args: unknown[] = [];
    for (let i = start; i < end; i++) {
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
    }
    const result = await sql.query(`INSERT INTO item_results (${COLUMNS.join(',')}) VALUES ${placeholders(end - start)} ON CONFLICT (result_set, item) DO NOTHING`, args);
    inserted += result.rowCount ?? 0;
  }
  return inserted;
}

export async function completeResultSet(sql: Sql, id: number): Promise<void> {
  await sql.query('UPDATE result_sets SET complete = 1 WHERE id = $1', [id]);
}

/** See the SQLite twin: keeps the three newest complete sets and the resumable unfinished ones. */
export async function pruneResultSets(sql: Sql, key: string, dataVersion: number, keepComplete = 3): Promise<number> {
  const result = await sql.query(
    `DELETE FROM result_sets
      WHERE (complete = 0 AND (data_version < $1 OR key = $2))
         OR (complete = 1 AND id NOT IN (SELECT id FROM result_sets WHERE complete = 1 ORDER BY id DESC LIMIT $3))`,
    [dataVersion, key, keepComplete],
  );
  return result.rowCount ?? 0;
}

/** Deletes up to `limit` item rows of result sets that no longer exist; resolves with how many. */
export async function deleteOrphanedItemResults(sql: Sql, limit: number): Promise<number> {
  let set: number | null = -1;
  for (;;) {
    const next: pg.QueryResult<{ set: number | null }> = await sql.query<{ set: number | null }>('SELECT min(result_set) AS set FROM item_results WHERE result_set > $1', [set]);
    set = next.rows[0]!.set;
    if (set === null) return 0;
    const exists = await sql.query('SELECT 1 FROM result_sets WHERE id = $1', [set]);
    if (exists.rowCount) continue;
    const deleted = await sql.query(
      `DELETE FROM item_results WHERE (result_set, item) IN
         (SELECT result_set, item FROM item_results WHERE result_set = $1 LIMIT $2)`,
      [set, limit],
    );
    return deleted.rowCount ?? 0;
  }
}

export async function countByStatus(sql: Sql, resultSet: number): Promise<Record<(typeof STATUSES)[number], number>> {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<(typeof STATUSES)[number], number>;
  const { rows } = await sql.query<{ status: (typeof STATUSES)[number]; n: number }>(
    'SELECT status, count(*) AS n FROM item_results WHERE result_set = $1 GROUP BY status',
    [resultSet],
  );
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

const SELECT_ITEM = 'SELECT r.*, i.item_id, i.name, i.category FROM item_results r JOIN items i ON i.id = r.item';

export async function readItemResult(sql: Sql, resultSet: number, itemId: string): Promise<ItemResult | null> {
  const row = (await sql.query<StoredRow>(`${SELECT_ITEM} WHERE r.result_set = $1 AND i.item_id = $2`, [resultSet, itemId])).rows[0];
  return row ? toItemResult(row) : null;
}

/** Every item's results in item-code order, a page at a time (keyset on the item code). */
export async function* iterateItemResults(sql: Sql, resultSet: number, page = 500): AsyncGenerator<ItemResult> {
  let after: string | null = null;
  for (;;) {
    const result: { rows: StoredRow[] } = await sql.query<StoredRow>(
      `${SELECT_ITEM} WHERE r.result_set = $1 AND ($2::text IS NULL OR i.item_id > $2) ORDER BY i.item_id LIMIT $3`,
      [resultSet, after, page],
    );
    for (const row of result.rows) yield toItemResult(row);
    if (result.rows.length < page) return;
    after = result.rows.at(-1)!.item_id as string;
  }
}
