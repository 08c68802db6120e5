import type { Statement } from 'better-sqlite3';
import { columns, NO_DAY, SALE, STOCK, type BatchColumns, type EventBatch } from '../../events/batch';
import type { FinalOutcome, TransactionResult, WriterOp } from '../../events/wire';
import type { EventTransactions } from '../types';
import { bumpDataVersion, type Db } from './db';

/** Rows per multi-row INSERT: large enough to amortize the call, small enough to bind quickly. */
const ROWS = 32;
/** Idempotency keys are remembered this long. */
export const KEY_RETENTION_MS = 7 * 24 * 3600 * 1000;
const PRUNE_EVERY_MS = 3600 * 1000;

const STOCK_UPSERT = `ON CONFLICT (item, as_of) DO UPDATE SET on_hand = excluded.on_hand,
  on_order = excluded.on_order, uom = excluded.uom, on_order_due = excluded.on_order_due`;

function values(columnCount: number, rows: number): string {
  const row = `(${new Array(columnCount).fill('?').join(',')})`;
  return new Array(rows).fill(row).join(',');
}

/** Staged rows of one request: inclusive rowid ranges [from, to, from, to, ...] per table. */
interface Staged {
  sales: number[];
  stock: number[];
}

/** A multi-row insert (ROWS rows) and its one-row twin for the remainder. */
interface Insert {
  many: Statement;
  one: Statement;
}

/**
 * The one writer: applies a list of queue ops in one IMMEDIATE transaction on its own connection,
 * raising the data version once when rows became visible. Staged rows live in TEMP tables of
 * this connection (temp_store = FILE, so a long request is staged on disk, not in memory); they
 * vanish with the connection, which is right: a request that was never finished was never
 * acknowledged.
 */
export class EventWriter implements EventTransactions {
  private readonly staged = new Map<number, Staged>();
  private readonly unitCodes: string[] = [];
  /** unit key → uom_codes.id, filled on first use inside a transaction */
  private unitIds: number[] = [];
  private lastPrune = 0;

  private readonly sales: Insert;
  private readonly stock: Insert;
  private readonly stageSales: Insert;
  private readonly stageStock: Insert;
  private readonly moveSales: Statement;
  private readonly moveStock: Statement;
  private readonly dropSales: Statement;
  private readonly dropStock: Statement;
  private readonly internUnit: Statement;
  private readonly unitId: Statement;
  private readonly findKey: Statement;
  private readonly saveKey: Statement;
  private readonly pruneKeys: Statement;
  private readonly countBump: Statement;
  private readonly salesArgs = new Array<unknown>(ROWS * 4);
  private readonly stockArgs = new Array<unknown>(ROWS * 6);

  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    db.pragma('temp_store = FILE');
    db.exec(`
      CREATE TEMP TABLE IF NOT EXISTS event_stage_sales (item INTEGER, day INTEGER, quantity REAL, uom INTEGER);
      CREATE TEMP TABLE IF NOT EXISTS event_stage_stock
        (item INTEGER, as_of INTEGER, on_hand REAL, on_order REAL, uom INTEGER, on_order_due INTEGER);
    `);
    const insert = (head: string, n: number, tail = ''): Insert => ({
      many: db.prepare(`${head} VALUES ${values(n, ROWS)} ${tail}`),
      one: db.prepare(`${head} VALUES ${values(n, 1)} ${tail}`),
    });
    this.sales = insert('INSERT INTO sales (item, day, quantity, uom)', 4);
    this.stock = insert('INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due)', 6, STOCK_UPSERT);
    this.stageSales = insert('INSERT INTO temp.event_stage_sales', 4);
    this.stageStock = insert('INSERT INTO temp.event_stage_stock', 6);
    this.moveSales = db.prepare(
      `INSERT INTO sales (item, day, quantity, uom)
       SELECT item, day, quantity, uom FROM temp.event_stage_sales WHERE rowid BETWEEN ? AND ?`,
    );
    this.moveStock = db.prepare(
      `INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due)
       SELECT item, as_of, on_hand, on_order, uom, on_order_due FROM temp.event_stage_stock
        WHERE rowid BETWEEN ? AND ? ORDER BY rowid ${STOCK_UPSERT}`,
    );
    this.dropSales = db.prepare('DELETE FROM temp.event_stage_sales WHERE rowid BETWEEN ? AND ?');
    this.dropStock = db.prepare('DELETE FROM temp.event_stage_stock WHERE rowid BETWEEN ? AND ?');
    this.internUnit = db.prepare('INSERT INTO uom_codes (code) VALUES (?) ON CONFLICT (code) DO NOTHING');
    this.unitId = db.prepare('SELECT id FROM uom_codes WHERE code = ?').pluck();
    this.findKey = db.prepare('SELECT response FROM event_requests WHERE key = ?').pluck();
    this.saveKey = db.prepare('INSERT INTO event_requests (key, response, created_at) VALUES (?, ?, ?)');
    this.pruneKeys = db.prepare('DELETE FROM event_requests WHERE created_at < ?');
    // How many data version raises came from event commits (see CatalogCache).
    db.prepare(`INSERT INTO meta (key, value) VALUES ('events_bumps', 0) ON CONFLICT (key) DO NOTHING`).run();
    this.countBump = db.prepare(`UPDATE meta SET value = value + 1 WHERE key = 'events_bumps'`);
  }

  /** Unit codes are numbered by the producers in order of first sight; these extend the list. */
  addUnits(codes: readonly string[]): void {
    for (const code of codes) this.unitCodes.push(code);
  }

  /** Applies `ops` in one transaction; throws (after rolling back) when the store fails. */
  async apply(ops: readonly WriterOp[]): Promise<TransactionResult> {
    const started = performance.now();
    // Staging changes are kept aside and adopted only when the transaction commits.
    const touched = new Map<number, Staged | null>();
    let result: { version: number | null; finals: FinalOutcome[] };
    try {
      result = this.db.transaction(() => this.applyInTransaction(ops, touched)).immediate();
    } catch (err) {
      this.unitIds = []; // ids interned by the rolled-back transaction are gone
      throw err;
    }
    for (const [req, staged] of touched) {
      if (staged) this.staged.set(req, staged);
      else this.staged.delete(req);
    }
    return { ...result, seconds: (performance.now() - started) / 1000 };
  }

  /** Requests with staged rows (for tests and diagnostics). */
  stagedRequests(): number {
    return this.staged.size;
  }

  async stagedRows(): Promise<{ sales: number; stock: number }> {
    const count = (table: string) => this.db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get() as number;
    return { sales: count('event_stage_sales'), stock: count('event_stage_stock') };
  }

  /** The connection is the store's: closing the store closes it. */
  async close(): Promise<void> {}

  private applyInTransaction(
    ops: readonly WriterOp[],
    touched: Map<number, Staged | null>,
  ): { version: number | null; finals: FinalOutcome[] } {
    const finals: FinalOutcome[] = [];
    let visible = 0;
    const stagedOf = (req: number): Staged | null => {
      if (touched.has(req)) return touched.get(req)!;
      const known = this.staged.get(req);
      return known ? { sales: [...known.sales], stock: [...known.stock] } : null;
    };
    for (const op of ops) {
      if (op.kind === 'stage') {
        const staged = stagedOf(op.req) ?? { sales: [], stock: [] };
        this.stageBatch(op.batch, staged);
        touched.set(op.req, staged);
      } else if (op.kind === 'discard') {
        const staged = stagedOf(op.req);
        if (staged) this.drop(staged);
        touched.set(op.req, null);
      } else {
        const staged = stagedOf(op.req);
        touched.set(op.req, null);
        const outcome = this.finish(op, staged);
        if (outcome.stored && outcome.replay === null) visible += op.staged + (op.batch?.length ?? 0);
        finals.push(outcome);
      }
    }
    const now = this.now();
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.pruneKeys.run(now - KEY_RETENTION_MS);
      this.lastPrune = now;
    }
    if (visible === 0) return { version: null, finals };
    this.countBump.run();
    return { version: bumpDataVersion(this.db), finals };
  }

  private finish(op: Extract<WriterOp, { kind: 'final' }>, staged: Staged | null): FinalOutcome {
    const held = staged ? count(staged.sales) + count(staged.stock) : 0;
    if (held !== op.staged) {
      if (staged) this.drop(staged);
      return { req: op.req, stored: false, error: `${op.staged - held} staged events were lost (writer restarted)` };
    }
    if (op.idempotencyKey !== null) {
      const earlier = this.findKey.get(op.idempotencyKey) as string | undefined;
      if (earlier !== undefined) {
        if (staged) this.drop(staged);
        return { req: op.req, stored: true, replay: earlier };
      }
    }
    if (staged) {
      forRanges(staged.sales, (a, b) => this.moveSales.run(a, b));
      forRanges(staged.stock, (a, b) => this.moveStock.run(a, b));
      this.drop(staged);
    }
    if (op.batch) this.writeBatch(op.batch, this.sales, this.stock);
    if (op.idempotencyKey !== null) this.saveKey.run(op.idempotencyKey, op.response, this.now());
    return { req: op.req, stored: true, replay: null };
  }

  private stageBatch(batch: EventBatch, staged: Staged): void {
    const { salesLast, stockLast } = this.writeBatch(batch, this.stageSales, this.stageStock);
    // Rows of one insert get consecutive rowids (max + 1 each), and this connection is the only
    // writer of its temp tables, so a batch occupies one rowid range per table.
    if (batch.sales > 0) staged.sales.push(salesLast - batch.sales + 1, salesLast);
    if (batch.stock > 0) staged.stock.push(stockLast - batch.stock + 1, stockLast);
  }

  private drop(staged: Staged): void {
    forRanges(staged.sales, (a, b) => this.dropSales.run(a, b));
    forRanges(staged.stock, (a, b) => this.dropStock.run(a, b));
  }

  /** Inserts a batch's sales and stock rows; returns the last rowid inserted into each table. */
  private writeBatch(batch: EventBatch, sales: Insert, stock: Insert): { salesLast: number; stockLast: number } {
    const c = columns(batch.buffer, batch.length);
    return {
      salesLast: batch.sales > 0 ? this.writeKind(c, batch.length, SALE, sales, this.salesArgs, 4) : 0,
      stockLast: batch.stock > 0 ? this.writeKind(c, batch.length, STOCK, stock, this.stockArgs, 6) : 0,
    };
  }

  private writeKind(
    c: BatchColumns,
    length: number,
    kind: number,
    insert: Insert,
    args: unknown[],
    width: number,
  ): number {
    let last = 0;
    let row = 0;
    for (let i = 0; i < length; i++) {
      if (c.kind[i] !== kind) continue;
      const at = row * width;
      args[at] = c.item[i];
      args[at + 1] = c.day[i];
      args[at + 2] = c.amount[i];
      if (width === 4) {
        args[at + 3] = this.unit(c.unit[i]!);
      } else {
        args[at + 3] = c.onOrder[i];
        args[at + 4] = this.unit(c.unit[i]!);
        args[at + 5] = c.due[i] === NO_DAY ? null : c.due[i];
      }
      if (++row === ROWS) {
        last = Number(insert.many.run(args).lastInsertRowid);
        row = 0;
      }
    }
    for (let r = 0; r < row; r++) {
      last = Number(insert.one.run(args.slice(r * width, r * width + width)).lastInsertRowid);
    }
    return last;
  }

  private unit(key: number): number {
    let id = this.unitIds[key];
    if (id === undefined) {
      const code = this.unitCodes[key];
      if (code === undefined) throw new Error(`unit key ${key} was never announced to the writer`);
      this.internUnit.run(code);
      id = this.unitId.get(code) as number;
      this.unitIds[key] = id;
    }
    return id;
  }
}

function count(ranges: readonly number[]): number {
  let n = 0;
  for (let i = 0; i < ranges.length; i += 2) n += ranges[i + 1]! - ranges[i]! + 1;
  return n;
}

function forRanges(ranges: readonly number[], fn: (from: number, to: number) => void): void {
  for (let i = 0; i < ranges.length; i += 2) fn(ranges[i]!, ranges[i + 1]!);
}
