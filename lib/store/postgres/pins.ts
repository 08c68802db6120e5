import { toPinChange, toPinRecord, type PinHistoryRow, type PinRow } from '../analyst-records';
import { countPinChange as count } from '../pin-change';
import type { ModelPinChange, ModelPinInput, ModelPinRecord, PinAllOutcome, PinChange } from '../types';
import { bumpDataVersion, type Sql } from './db';

/** The analyst's pinned models and their history (../sqlite/pins.ts has the same, with the why). */

export async function listPins(sql: Sql, itemId?: string): Promise<ModelPinRecord[]> {
  const { rows } =
    itemId === undefined
      ? await sql.query<PinRow>('SELECT * FROM model_pins ORDER BY item_id')
      : await sql.query<PinRow>('SELECT * FROM model_pins WHERE item_id = $1', [itemId]);
  return rows.map(toPinRecord);
}

async function recordChange(sql: Sql, action: ModelPinChange['action'], p: ModelPinInput, who: { author: string; at: number }): Promise<void> {
  await sql.query('INSERT INTO model_pin_history (item_id, action, model, reason, author, at) VALUES ($1, $2, $3, $4, $5, $6)', [
    p.itemId,
    action,
    p.model,
    p.reason,
    who.author,
    who.at,
  ]);
}

/** Inside the write transaction. */
export async function setPin(sql: Sql, p: ModelPinInput, who: { author: string; at: number }): Promise<PinChange> {
  const [old] = (await sql.query<{ model: string; reason: string }>('SELECT model, reason FROM model_pins WHERE item_id = $1 FOR UPDATE', [p.itemId])).rows;
  if (old?.model === p.model && old.reason === p.reason) return 'unchanged';
  const existed = old !== undefined;
  await sql.query(
    `INSERT INTO model_pins (item_id, model, reason, author, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, reason = excluded.reason, author = excluded.author, updated_at = excluded.updated_at`,
    [p.itemId, p.model, p.reason, who.author, who.at],
  );
  const action = existed ? 'edit' : 'set';
  await recordChange(sql, action, p, who);
  await bumpDataVersion(sql);
  return action;
}

/** Inside the write transaction. */
export async function removePin(sql: Sql, itemId: string, who: { author: string; at: number }): Promise<boolean> {
  const old = (await sql.query<PinRow>('DELETE FROM model_pins WHERE item_id = $1 RETURNING *', [itemId])).rows[0];
  if (!old) return false;
  await recordChange(sql, 'remove', toPinRecord(old), who);
  await bumpDataVersion(sql);
  return true;
}

/** Inside the write transaction: a file's pins, all or nothing (see the store contract). */
export async function setPins(sql: Sql, pins: readonly ModelPinInput[], who: { author: string; at: number }, replace: boolean): Promise<PinAllOutcome> {
  const outcome: PinAllOutcome = { set: 0, edited: 0, removed: 0, unchanged: 0 };
  if (replace) {
    const kept = new Set(pins.map((p) => p.itemId));
    for (const old of await listPins(sql)) if (!kept.has(old.itemId) && (await removePin(sql, old.itemId, who))) outcome.removed++;
  }
  for (const p of pins) count(outcome, await setPin(sql, p, who));
  return outcome;
}

export async function pinHistory(sql: Sql, itemId: string | undefined, limit: number): Promise<ModelPinChange[]> {
  const { rows } =
    itemId === undefined
      ? await sql.query<PinHistoryRow>('SELECT * FROM model_pin_history ORDER BY id DESC LIMIT $1', [limit])
      : await sql.query<PinHistoryRow>('SELECT * FROM model_pin_history WHERE item_id = $1 ORDER BY id DESC LIMIT $2', [itemId, limit]);
  return rows.map(toPinChange);
}
