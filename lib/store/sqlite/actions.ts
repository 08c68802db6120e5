import type { ActionMark } from '../types';
import type { Db } from './db';

/** Every handled or snoozed mark, kept across runs until the analyst clears it. */
export function listActionMarks(db: Db): ActionMark[] {
  return (
    db.prepare('SELECT item_id, kind, state, until_day, marked_by, marked_at FROM action_marks ORDER BY item_id, kind').raw().all() as [
      string,
      string,
      ActionMark['state'],
      number | null,
      string,
      number,
    ][]
  ).map(([itemId, kind, state, untilDay, markedBy, markedAt]) => ({ itemId, kind, state, untilDay, markedBy, markedAt }));
}

export function upsertActionMark(db: Db, m: ActionMark): void {
  db.prepare(
    `INSERT INTO action_marks (item_id, kind, state, until_day, marked_by, marked_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (item_id, kind) DO UPDATE SET state = excluded.state, until_day = excluded.until_day,
         marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
  ).run(m.itemId, m.kind, m.state, m.untilDay, m.markedBy, m.markedAt);
}

/** Resolves with whether there was a mark to clear. */
export function deleteActionMark(db: Db, itemId: string, kind: string): boolean {
  return db.prepare('DELETE FROM action_marks WHERE item_id = ? AND kind = ?').run(itemId, kind).changes > 0;
}
