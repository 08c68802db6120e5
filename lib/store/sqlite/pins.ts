import { toPinChange, toPinRecord, type PinHistoryRow, type PinRow } from '../analyst-records';
import { countPinChange as count } from '../pin-change';
import type { ModelPinChange, ModelPinInput, ModelPinRecord, PinAllOutcome, PinChange } from '../types';
import { bumpDataVersion, type Db } from './db';

export function listPins(db: Db, itemId?: string): ModelPinRecord[] {
  const rows = (
    itemId === undefined
      ? db.prepare('SELECT * FROM model_pins ORDER BY item_id').all()
      : db.prepare('SELECT * FROM model_pins WHERE item_id = ?').all(itemId)
  ) as PinRow[];
  return rows.map(toPinRecord);
}

function recordChange(db: Db, action: ModelPinChange['action'], p: ModelPinInput, who: { author: string; at: number }): void {
  db.prepare('INSERT INTO model_pin_history (item_id, action, model, reason, author, at) VALUES (?, ?, ?, ?, ?, ?)').run(
    p.itemId,
    action,
    p.model,
    p.reason,
    who.author,
    who.at,
  );
}

/** Pins are user data like overrides: durable commits, the data version raised with the change. */
export function setPin(db: Db, p: ModelPinInput, who: { author: string; at: number }): PinChange {
  return db.transaction(() => {
    const old = db.prepare('SELECT model, reason FROM model_pins WHERE item_id = ?').get(p.itemId) as { model: string; reason: string } | undefined;
    if (old?.model === p.model && old.reason === p.reason) return 'unchanged';
    const existed = old !== undefined;
    db.prepare(
      `INSERT INTO model_pins (item_id, model, reason, author, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id) DO UPDATE SET model = excluded.model, reason = excluded.reason, author = excluded.author, updated_at = excluded.updated_at`,
    ).run(p.itemId, p.model, p.reason, who.author, who.at, who.at);
    const action = existed ? 'edit' : 'set';
    recordChange(db, action, p, who);
    bumpDataVersion(db);
    return action;
  }).immediate();
}

export function removePin(db: Db, itemId: string, who: { author: string; at: number }): boolean {
  return db.transaction(() => {
    const old = listPins(db, itemId)[0];
    if (!old) return false;
    db.prepare('DELETE FROM model_pins WHERE item_id = ?').run(itemId);
    recordChange(db, 'remove', old, who);
    bumpDataVersion(db);
    return true;
  }).immediate();
}

export function setPins(db: Db, pins: readonly ModelPinInput[], who: { author: string; at: number }, replace: boolean): PinAllOutcome {
  return db.transaction(() => {
    const outcome: PinAllOutcome = { set: 0, edited: 0, removed: 0, unchanged: 0 };
    if (replace) {
      const kept = new Set(pins.map((p) => p.itemId));
      for (const old of listPins(db)) if (!kept.has(old.itemId) && removePin(db, old.itemId, who)) outcome.removed++;
    }
    for (const p of pins) count(outcome, setPin(db, p, who));
    return outcome;
  }).immediate();
}

export function pinHistory(db: Db, itemId: string | undefined, limit: number): ModelPinChange[] {
  const rows = (
    itemId === undefined
      ? db.prepare('SELECT * FROM model_pin_history ORDER BY id DESC LIMIT ?').all(limit)
      : db.prepare('SELECT * FROM model_pin_history WHERE item_id = ? ORDER BY id DESC LIMIT ?').all(itemId, limit)
  ) as PinHistoryRow[];
  return rows.map(toPinChange);
}
