import { overrideInput, toOverrideChange, toOverrideRecord, type OverrideHistoryRow, type OverrideRow } from '../analyst-records';
import type { OverrideChange, OverrideInput, OverrideRecord } from '../types';
import { bumpDataVersion, type Db } from './db';

export function listOverrides(db: Db, itemId?: string): OverrideRecord[] {
  const rows = (
    itemId === undefined
      ? db.prepare('SELECT * FROM forecast_overrides ORDER BY item_id, start_day, id').all()
      : db.prepare('SELECT * FROM forecast_overrides WHERE item_id = ? ORDER BY start_day, id').all(itemId)
  ) as OverrideRow[];
  return rows.map(toOverrideRecord);
}

export function getOverride(db: Db, id: number): OverrideRecord | null {
  const row = db.prepare('SELECT * FROM forecast_overrides WHERE id = ?').get(id) as OverrideRow | undefined;
  return row ? toOverrideRecord(row) : null;
}

function recordChange(db: Db, id: number, action: OverrideChange['action'], o: OverrideInput, who: { author: string; at: number }): void {
  db.prepare('INSERT INTO override_history (override_id, item_id, action, override, author, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    id,
    o.itemId,
    action,
    JSON.stringify(overrideInput(o)),
    who.author,
    who.at,
  );
}

/** Overrides are user data: their writes keep the connection's durable commits (synchronous=FULL). */
export function addOverrides(db: Db, overrides: readonly OverrideInput[], who: { author: string; at: number }, replaceAll: boolean): number[] {
  return db.transaction(() => {
    if (replaceAll) {
      for (const old of listOverrides(db)) {
        db.prepare('DELETE FROM forecast_overrides WHERE id = ?').run(old.id);
        recordChange(db, old.id, 'remove', old, who);
      }
    }
    const insert = db.prepare(
      `INSERT INTO forecast_overrides (item_id, start_day, end_day, kind, value, reason, until_day, author, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const ids = overrides.map((o) => {
      const id = Number(insert.run(o.itemId, o.startDay, o.endDay, o.kind, o.value, o.reason, o.untilDay, who.author, who.at, who.at).lastInsertRowid);
      recordChange(db, id, 'set', o, who);
      return id;
    });
    if (replaceAll || ids.length > 0) bumpDataVersion(db);
    return ids;
  }).immediate();
}

export function editOverride(db: Db, id: number, o: OverrideInput, who: { author: string; at: number }): boolean {
  return db.transaction(() => {
    const changed = db
      .prepare(
        `UPDATE forecast_overrides SET item_id = ?, start_day = ?, end_day = ?, kind = ?, value = ?, reason = ?, until_day = ?,
                author = ?, updated_at = ? WHERE id = ?`,
      )
      .run(o.itemId, o.startDay, o.endDay, o.kind, o.value, o.reason, o.untilDay, who.author, who.at, id).changes;
    if (changed === 0) return false;
    recordChange(db, id, 'edit', o, who);
    bumpDataVersion(db);
    return true;
  }).immediate();
}

export function removeOverride(db: Db, id: number, who: { author: string; at: number }): boolean {
  return db.transaction(() => {
    const old = getOverride(db, id);
    if (!old) return false;
    db.prepare('DELETE FROM forecast_overrides WHERE id = ?').run(id);
    recordChange(db, id, 'remove', old, who);
    bumpDataVersion(db);
    return true;
  }).immediate();
}

export function overrideHistory(db: Db, itemId: string | undefined, limit: number): OverrideChange[] {
  const rows = (
    itemId === undefined
      ? db.prepare('SELECT * FROM override_history ORDER BY id DESC LIMIT ?').all(limit)
      : db.prepare('SELECT * FROM override_history WHERE item_id = ? ORDER BY id DESC LIMIT ?').all(itemId, limit)
  ) as OverrideHistoryRow[];
  return rows.map(toOverrideChange);
}
