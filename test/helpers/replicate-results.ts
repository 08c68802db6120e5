import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE } from '../../lib/store';

/**
 * Grows an embedded store's catalogue and its results `copies`-fold without running the pipeline
 * again: every item and its stored results are copied under a new code (`CODE-1`, `CODE-2`, …),
 * same supplier and figures. For what only reads results (inbox, worksheet) at sizes whose run
 * would take most of an hour here.
 */
export function replicateResults(dir: string, copies: number): void {
  const db = new Database(path.join(dir, DB_FILE));
  try {
    db.transaction(() => {
      const max = db.prepare('SELECT max(id) FROM items').pluck().get() as number;
      const itemColumns = (db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('items') as string[]).filter((c) => c !== 'id' && c !== 'item_id');
      const resultColumns = db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('item_results') as string[];
      for (let c = 1; c < copies; c++) {
        db.prepare(
          `INSERT INTO items (id, item_id, ${itemColumns.join(', ')})
           SELECT id + ${c * max}, item_id || '-${c}', ${itemColumns.join(', ')} FROM items WHERE id <= ${max}`,
        ).run();
        // Every column as stored, whatever the schema's version adds, with the item moved on.
        const moved = resultColumns.map((name) => (name === 'item' ? `item + ${c * max}` : name));
        db.prepare(`INSERT INTO item_results SELECT ${moved.join(', ')} FROM item_results WHERE item <= ${max}`).run();
      }
    })();
  } finally {
    db.close();
  }
}
