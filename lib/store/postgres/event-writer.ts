import type pg from 'pg';
import { columns, NO_DAY, SALE, STOCK, type EventBatch } from '../../events/batch';
import type { FinalOutcome, TransactionResult, WriterOp } from '../../events/wire';
import type { EventTransactions } from '../types';
import { bumpDataVersion, WRITE_LOCK } from './db';

/** Idempotency keys are remembered this long (as in the embedded store). */
const KEY_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;
/** Rows per multi-row INSERT (6 parameters a row: far below the 65,535 limit). */
const ROWS = 1_000;

const STOCK_UPSERT = `ON CONFLICT (item, as_of) DO UPDATE SET on_hand = excluded.on_hand,
  on_order = excluded.on_order, uom = excluded.uom, on_order_due = excluded.on_order_due`;

/** Rows a request has staged, by table. */
interface Staged {
  sales: number;
  stock: number;
}

type Row = (number | null)[];

/**
 * The events writer on PostgreSQL: the embedded writer's semantics (see ../sqlite/event-writer.ts)
 * on a connection of its own. Each `apply` is one transaction under the write lock; staged rows
 * live in TEMP tables of this connection, tagged with their request and numbered in arrival
 * order, so they vanish with the connection like the never-acknowledged requests they belong to.
 */
export class PgEventWriter implements EventTransactions {
  private readonly staged = new Map<number, Staged>();
  private readonly unitCodes: string[] = [];
  /** unit key → uom_codes.id, filled on first use inside a transaction */
  private unitIds: number[] = [];
  private lastPrune = 0;

  private constructor(
    private readonly client: pg.Client,
    private readonly now: () => number,
  ) {}

  static async open(client: pg.Client, now: () => number = Date.now): Promise<PgEventWriter> {
    await client.query(`
      CREATE TEMP TABLE IF NOT EXISTS event_stage_sales
        (seq bigint GENERATED ALWAYS AS IDENTITY, req integer, item integer, day integer, quantity double precision, uom integer);
      CREATE TEMP TABLE IF NOT EXISTS event_stage_stock
        (seq bigint GENERATED ALWAYS AS IDENTITY, req integer, item integer, as_of integer, on_hand double precision,
         on_order double precision, uom integer, on_order_due integer)`);
    return new PgEventWriter(client, now);
  }

  addUnits(codes: readonly string[]): void {
    for (const code of codes) this.unitCodes.push(code);
  }

  async apply(ops: readonly WriterOp[]): Promise<TransactionResult> {
    const started = performance.now();
    const touched = new Map<number, Staged | null>();
    let result: { version: number | null; finals: FinalOutcome[] };
    try {
      await this.client.query('BEGIN');
      await this.client.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      result = await this.applyInTransaction(ops, touched);
      await this.client.query('COMMIT');
    } catch (err) {
      await this.client.query('ROLLBACK').catch(() => {});
      this.unitIds = []; // ids interned by the rolled-back transaction are gone
      throw err;
    }
    for (const [req, staged] of touched) {
      if (staged) this.staged.set(req, staged);
      else this.staged.delete(req);
    }
    return { ...result, seconds: (performance.now() - started) / 1000 };
  }

  stagedRequests(): number {
    return this.staged.size;
  }

  async stagedRows(): Promise<{ sales: number; stock: number }> {
    const count = async (table: string) => (await this.client.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]!.n;
    return { sales: await count('event_stage_sales'), stock: await count('event_stage_stock') };
  }

  async close(): Promise<void> {
    await this.client.end();
  }

  private async applyInTransaction(
    ops: readonly WriterOp[],
    touched: Map<number, Staged | null>,
  ): Promise<{ version: number | null; finals: FinalOutcome[] }> {
    const finals: FinalOutcome[] = [];
    let visible = 0;
    const stagedOf = (req: number): Staged | null => {
      if (touched.has(req)) return touched.get(req)!;
      const known = this.staged.get(req);
      return known ? { ...known } : null;
    };
    for (const op of ops) {
      if (op.kind === 'stage') {
        const staged = stagedOf(op.req) ?? { sales: 0, stock: 0 };
        const written = await this.writeBatch(op.batch, op.req);
        staged.sales += written.sales;
        staged.stock += written.stock;
        touched.set(op.req, staged);
      } else if (op.kind === 'discard') {
        if (stagedOf(op.req)) await this.drop(op.req);
        touched.set(op.req, null);
      } else {
        const staged = stagedOf(op.req);
        touched.set(op.req, null);
        const outcome = await this.finish(op, staged);
        if (outcome.stored && outcome.replay === null) visible += op.staged + (op.batch?.length ?? 0);
        finals.push(outcome);
      }
    }
    const now = this.now();
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      await this.client.query('DELETE FROM event_requests WHERE created_at < $1', [now - KEY_RETENTION_MS]);
      this.lastPrune = now;
    }
    if (visible === 0) return { version: null, finals };
    await this.client.query(`UPDATE meta SET value = value + 1 WHERE key = 'events_bumps'`);
    return { version: await bumpDataVersion(this.client), finals };
  }

  private async finish(op: Extract<WriterOp, { kind: 'final' }>, staged: Staged | null): Promise<FinalOutcome> {
    const held = staged ? staged.sales + staged.stock : 0;
    if (held !== op.staged) {
      if (staged) await this.drop(op.req);
      return { req: op.req, stored: false, error: `${op.staged - held} staged events were lost (writer restarted)` };
    }
    if (op.idempotencyKey !== null) {
      const earlier = await this.client.query<{ response: string }>('SELECT response FROM event_requests WHERE key = $1', [op.idempotencyKey]);
      if (earlier.rows[0]) {
        if (staged) await this.drop(op.req);
        return { req: op.req, stored: true, replay: earlier.rows[0].response };
      }
    }
    if (staged) {
      await this.client.query(
        `INSERT INTO sales (item, day, quantity, uom)
         SELECT item, day, quantity, uom FROM event_stage_sales WHERE req = $1 ORDER BY seq`,
        [op.req],
      );
      // The last staged row for an (item, day) wins, as the embedded writer's ordered upsert does.
      await this.client.query(
        `INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due)
         SELECT DISTINCT ON (item, as_of) item, as_of, on_hand, on_order, uom, on_order_due FROM event_stage_stock
          WHERE req = $1 ORDER BY item, as_of, seq DESC ${STOCK_UPSERT}`,
        [op.req],
      );
      await this.drop(op.req);
    }
    if (op.batch) await this.writeBatch(op.batch, null);
    if (op.idempotencyKey !== null) {
      await this.client.query('INSERT INTO event_requests (key, response, created_at) VALUES ($1, $2, $3)', [op.idempotencyKey, op.response, this.now()]);
    }
    return { req: op.req, stored: true, replay: null };
  }

  private async drop(req: number): Promise<void> {
    await this.client.query('DELETE FROM event_stage_sales WHERE req = $1', [req]);
    await this.client.query('DELETE FROM event_stage_stock WHERE req = $1', [req]);
  }

  /** Writes a batch's rows: staged for request `req`, or final (req null). Resolves with the row counts. */
  private async writeBatch(batch: EventBatch, req: number | null): Promise<Staged> {
    const c = columns(batch.buffer, batch.length);
    const sales: Row[] = [];
    const stock: Row[] = [];
    for (let i = 0; i < batch.length; i++) {
      const unit = await this.unit(c.unit[i]!);
      if (c.kind[i] === SALE) sales.push([c.item[i]!, c.day[i]!, c.amount[i]!, unit]);
      else if (c.kind[i] === STOCK) stock.push([c.item[i]!, c.day[i]!, c.amount[i]!, c.onOrder[i]!, unit, c.due[i] === NO_DAY ? null : c.due[i]!]);
    }
    if (req === null) {
      await this.insert('INSERT INTO sales (item, day, quantity, uom)', '', sales);
      await this.insert('INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due)', STOCK_UPSERT, lastPerDay(stock));
    } else {
      const tag = (rows: Row[]) => rows.map((row) => [req, ...row]);
      await this.insert('INSERT INTO event_stage_sales (req, item, day, quantity, uom)', '', tag(sales));
      await this.insert('INSERT INTO event_stage_stock (req, item, as_of, on_hand, on_order, uom, on_order_due)', '', tag(stock));
    }
    return { sales: sales.length, stock: stock.length };
  }

  private async insert(head: string, tail: string, rows: Row[]): Promise<void> {
    for (let at = 0; at < rows.length; at += ROWS) {
      const part = rows.slice(at, at + ROWS);
      const width = part[0]!.length;
      const values = part.map((_, r) => `(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(',')})`).join(',');
      await this.client.query(`${head} VALUES ${values} ${tail}`, part.flat());
    }
  }

  private async unit(key: number): Promise<number> {
    let id = this.unitIds[key];
    if (id === undefined) {
      const code = this.unitCodes[key];
      if (code === undefined) throw new Error(`unit key ${key} was never announced to the writer`);
      // Under the write lock: no one else numbers units meanwhile.
      await this.client.query(
        'INSERT INTO uom_codes (id, code) SELECT coalesce(max(id), 0) + 1, $1 FROM uom_codes ON CONFLICT (code) DO NOTHING',
        [code],
      );
      id = (await this.client.query<{ id: number }>('SELECT id FROM uom_codes WHERE code = $1', [code])).rows[0]!.id;
      this.unitIds[key] = id;
    }
    return id;
  }
}

/** Stock rows with the last one per (item, day) kept: one statement may not upsert a key twice. */
function lastPerDay(rows: Row[]): Row[] {
  const byKey = new Map<string, Row>();
  for (const row of rows) {
    const key = `${row[0]}:${row[1]}`;
    byKey.delete(key);
    byKey.set(key, row);
  }
  return [...byKey.values()];
}
