import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore, type Store } from '@/lib/store';
import { sqlite } from '../../helpers/sqlite';

/**
 * A real store with items SKU-0..SKU-(n-1) in base unit EA, a CASE factor for every item and a
 * BOX factor for SKU-0 only. Written with SQL: the file importer is not needed to test events.
 */
export function storeWithItems(dir: string, n = 10): Store {
  const store = openStore(dir);
  const db = sqlite(store);
  db.transaction(() => {
    const item = db.prepare(
      `INSERT INTO items (item_id, name, category, base_uom, unit_cost, lead_time_days) VALUES (?, ?, 'test', 'EA', 1, 7)`,
    );
    for (let i = 0; i < n; i++) item.run(`SKU-${i}`, `Item ${i}`);
    db.exec(`INSERT INTO uom_codes (code) VALUES ('CASE'), ('BOX')`);
    db.exec(`INSERT INTO uom_factors (item, uom, factor) SELECT 0, id, 12 FROM uom_codes WHERE code = 'CASE'`);
    db.exec(`INSERT INTO uom_factors (item, uom, factor)
             SELECT (SELECT id FROM items WHERE item_id = 'SKU-0'), id, 6 FROM uom_codes WHERE code = 'BOX'`);
  })();
  return store;
}

export const sale = (item: string, date: string, quantity: number, uom = 'EA') =>
  JSON.stringify({ type: 'sale', item_id: item, date, quantity, uom });

export const stock = (item: string, asOf: string, onHand: number, uom = 'EA', onOrder?: number) =>
  JSON.stringify({ type: 'stock', item_id: item, on_hand: onHand, on_order: onOrder, uom, as_of: asOf });

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * POSTs NDJSON to /api/events with node:http, so a test can hold the body open (`write` more
 * later) and still read an answer that comes before the body ends (503).
 */
export function openEventRequest(url: string, headers: Record<string, string> = {}) {
  const target = new URL('/api/events', url);
  const req = http.request(target, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-ndjson', ...headers },
  });
  const answer = new Promise<Answer>((resolve, reject) => {
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode!, headers: res.headers, body });
        req.destroy(); // an early answer: stop sending the rest
      });
      // A server killed while its answer is under way cuts the response, not the request: without
      // these the answer would never settle.
      res.on('error', reject);
      res.on('close', () => {
        if (!res.complete) reject(new Error('the response was cut off'));
      });
    });
    req.on('error', (err) => reject(err));
  });
  // Writes after an early answer may fail with EPIPE/ECONNRESET; the answer is what counts.
  answer.catch(() => {});
  return {
    /** Resolves when the text is handed to the socket, or when the request is over (answered, cut). */
    write: (text: string) =>
      new Promise<void>((resolve) => {
        if (req.destroyed || req.write(text)) return resolve();
        const done = () => {
          req.off('drain', done);
          req.off('close', done);
          resolve();
        };
        req.on('drain', done);
        req.on('close', done);
      }),
    end: (text = '') => req.end(text),
    destroy: () => req.destroy(),
    answer,
  };
}

export async function postEvents(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const request = openEventRequest(url, headers);
  request.end(body);
  return request.answer;
}

/** Opens the server's store file read-only beside the running server (WAL allows it). */
export function readStore(dataDir: string): Database.Database {
  return new Database(path.join(dataDir, 'stockcast.db'), { readonly: true });
}
