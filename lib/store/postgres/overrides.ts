import { overrideInput, toOverrideChange, toOverrideRecord, type OverrideHistoryRow, type OverrideRow } from '../analyst-records';
import type { OverrideChange, OverrideInput, OverrideRecord } from '../types';
import { bumpDataVersion, type Sql } from './db';

/** The analyst's overrides and their history (../sqlite/overrides.ts has the same, with the why). */

export async function listOverrides(sql: Sql, itemId?: string): Promise<OverrideRecord[]> {
  const { rows } =
    itemId === undefined
      ? await sql.query<OverrideRow>('SELECT * FROM forecast_overrides ORDER BY item_id, start_day, id')
      : await sql.query<OverrideRow>('SELECT * FROM forecast_overrides WHERE item_id = $1 ORDER BY start_day, id', [itemId]);
  return rows.map(toOverrideRecord);
}

export async function getOverride(sql: Sql, id: number): Promise<OverrideRecord | null> {
  const row = (await sql.query<OverrideRow>('SELECT * FROM forecast_overrides WHERE id = $1', [id])).rows[0];
  return row ? toOverrideRecord(row) : null;
}

async function recordChange(sql: Sql, id: number, action: OverrideChange['action'], o: OverrideInput, who: { author: string; at: number }): Promise<void> {
  await sql.query('INSERT INTO override_history (override_id, item_id, action, override, author, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    id,
    o.itemId,
    action,
    JSON.stringify(overrideInput(o)),
    who.author,
    who.at,
  ]);
}

/** Inside the write transaction. */
export async function addOverrides(sql: Sql, overrides: readonly OverrideInput[], who: { author: string; at: number }, replaceAll: boolean): Promise<number[]> {
  if (replaceAll) {
    for (const old of await listOverrides(sql)) {
      await sql.query('DELETE FROM forecast_overrides WHERE id = $1', [old.id]);
      await recordChange(sql, old.id, 'remove', old, who);
    }
  }
  const ids: number[] = [];
  for (const o of overrides) {
    const { rows } = await sql.query<{ id: number }>(
      `INSERT INTO forecast_overrides (item_id, start_day, end_day, kind, value, reason, until_day, author, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`,
      [o.itemId, o.startDay, o.endDay, o.kind, o.value, o.reason, o.untilDay, who.author, who.at],
    );
    ids.push(rows[0]!.id);
    await recordChange(sql, rows[0]!.id, 'set', o, who);
  }
  if (replaceAll || ids.length > 0) await bumpDataVersion(sql);
  return ids;
}

/** Inside the write transaction. */
export async function editOverride(sql: Sql, id: number, o: OverrideInput, who: { author: string; at: number }): Promise<boolean> {
  const changed = (
    await sql.query(
      `UPDATE forecast_overrides SET item_id = $1, start_day = $2, end_day = $3, kind = $4, value = $5, reason = $6, until_day = $7,
              author = $8, updated_at = $9 WHERE id = $10`,
      [o.itemId, o.startDay, o.endDay, o.kind, o.value, o.reason, o.untilDay, who.author, who.at, id],
    )
  ).rowCount;
  if (!changed) return false;
  await recordChange(sql, id, 'edit', o, who);
  await bumpDataVersion(sql);
  return true;
}

/** Inside the write transaction. */
export async function removeOverride(sql: Sql, id: number, who: { author: string; at: number }): Promise<boolean> {
  const old = await getOverride(sql, id);
  if (!old) return false;
  await sql.query('DELETE FROM forecast_overrides WHERE id = $1', [id]);
  await recordChange(sql, id, 'remove', old, who);
  await bumpDataVersion(sql);
  return true;
}

export async function overrideHistory(sql: Sql, itemId: string | undefined, limit: number): Promise<OverrideChange[]> {
  const { rows } =
    itemId === undefined
      ? await sql.query<OverrideHistoryRow>('SELECT * FROM override_history ORDER BY id DESC LIMIT $1', [limit])
      : await sql.query<OverrideHistoryRow>('SELECT * FROM override_history WHERE item_id = $1 ORDER BY id DESC LIMIT $2', [itemId, limit]);
  return rows.map(toOverrideChange);
}
