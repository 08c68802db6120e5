import type pg from 'pg';
import * as copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { NO_DUE_DAY, type InventoryColumns, type ItemColumns, type SalesColumns, type UomFactorColumns } from '../types';

/**
 * Bulk writes of imported columns on the import's connection, inside its transaction. Sales
 * rows go in with COPY … FROM STDIN (binary format, built here in slices); the upserts as
 * multi-row INSERT … ON CONFLICT. A key given twice in one statement is an error in PostgreSQL
 * (SQLite applies the rows in turn), so the last row for a key is the one sent.
 */
const COPY_SLICE = 65_536;
const UPSERT_ROWS = 1_000;

/** Binary COPY: signature, flags, header extension length; then rows; then -1 as the trailer. */
const COPY_HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
/** 4 fields: int4 item, int4 day, float8 quantity, int4 uom, each after its byte length. */
const ROW_BYTES = 2 + (4 + 4) * 3 + (4 + 8);

/**
 * Sales rows in COPY's binary format, in slices (the caller's columns are read now, not later):
 * five times cheaper to make here than the text format (measured: 0.19 s against 0.91 s per
 * million rows), less for the server to parse, and exact for every double.
 */
export function salesCopyData(c: SalesColumns): Buffer[] {
  const slices: Buffer[] = [];
  for (let from = 0; from < c.count; from += COPY_SLICE) {
    const to = Math.min(from + COPY_SLICE, c.count);
    const first = from === 0;
    const last = to === c.count;
    const buf = Buffer.allocUnsafe((first ? COPY_HEADER.length : 0) + (to - from) * ROW_BYTES + (last ? 2 : 0));
    let at = first ? COPY_HEADER.copy(buf, 0) : 0;
    for (let r = from; r < to; r++) {
      at = buf.writeInt16BE(4, at);
      at = buf.writeInt32BE(4, at);
      at = buf.writeInt32BE(c.item[r]!, at);
      at = buf.writeInt32BE(4, at);
      at = buf.writeInt32BE(c.day[r]!, at);
      at = buf.writeInt32BE(8, at);
      at = buf.writeDoubleBE(c.quantity[r]!, at);
      at = buf.writeInt32BE(4, at);
      at = buf.writeInt32BE(c.uom[r]!, at);
    }
    if (last) buf.writeInt16BE(-1, at);
    slices.push(buf);
  }
  return slices;
}

export async function copySales(client: pg.PoolClient, slices: readonly Buffer[], table = 'sales'): Promise<void> {
  if (slices.length === 0) return;
  const stream = client.query(copyStreams.from(`COPY ${table} (item, day, quantity, uom) FROM STDIN WITH (FORMAT binary)`));
  await pipeline(Readable.from(slices), stream);
}

/** `width` parameters per row, `rows` rows: ($1,$2,…),(…). */
function placeholders(width: number, rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) out.push(`(${Array.from({ length: width }, (_, k) => `$${r * width + k + 1}`).join(',')})`);
  return out.join(',');
}

/** Rows as parameter lists, the last per key kept; each statement runs later in order. */
export type Statement = { text: string; values: unknown[] };

function upserts(head: string, tail: string, width: number, rows: unknown[][]): Statement[] {
  const statements: Statement[] = [];
  for (let at = 0; at < rows.length; at += UPSERT_ROWS) {
    const part = rows.slice(at, at + UPSERT_ROWS);
    statements.push({ text: `${head} VALUES ${placeholders(width, part.length)} ${tail}`, values: part.flat() });
  }
  return statements;
}

function lastPerKey(count: number, key: (r: number) => string, row: (r: number) => unknown[]): unknown[][] {
  const byKey = new Map<string, unknown[]>();
  for (let r = 0; r < count; r++) {
    const k = key(r);
    byKey.delete(k); // re-inserted: the order of last appearance
    byKey.set(k, row(r));
  }
  return [...byKey.values()];
}

export function inventoryStatements(c: InventoryColumns): Statement[] {
  const rows = lastPerKey(
    c.count,
    (r) => `${c.item[r]}:${c.asOf[r]}`,
    (r) => [c.item[r], c.asOf[r], c.onHand[r], c.onOrder[r], c.uom[r], c.due[r] === NO_DUE_DAY ? null : c.due[r]],
  );
  return upserts(
    'INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due)',
    `ON CONFLICT (item, as_of) DO UPDATE SET on_hand = excluded.on_hand, on_order = excluded.on_order,
       uom = excluded.uom, on_order_due = excluded.on_order_due`,
    6,
    rows,
  );
}

export function uomFactorStatements(c: UomFactorColumns): Statement[] {
  const rows = lastPerKey(c.count, (r) => `${c.item[r]}:${c.uom[r]}`, (r) => [c.item[r], c.uom[r], c.factor[r]]);
  return upserts('INSERT INTO uom_factors (item, uom, factor)', 'ON CONFLICT (item, uom) DO UPDATE SET factor = excluded.factor', 3, rows);
}

const orNull = (v: number) => (v === v ? v : null);

/** New items and updates of existing ones: one upsert by id (new ids are above every stored one). */
export function itemStatements(c: ItemColumns): Statement[] {
  const rows = lastPerKey(
    c.count,
    (r) => String(c.id[r]),
    (r) => [
      c.id[r],
      c.code[r],
      c.name[r],
      c.category[r],
      c.baseUom[r],
      c.unitCost[r],
      c.leadTimeDays[r],
      orNull(c.serviceLevel[r]!),
      orNull(c.moq[r]!),
      orNull(c.casePack[r]!),
      c.supplier[r] || null,
      orNull(c.unitPrice[r]!),
      orNull(c.holdingCostRate[r]!),
      orNull(c.leadTimeSdDays[r]!),
    ],
  );
  // The four optional columns keep what is stored when a file leaves them blank or out.
  return upserts(
    `INSERT INTO items (id, item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack,
                        supplier, unit_price, holding_cost_rate, lead_time_sd_days)`,
    `ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category, base_uom = excluded.base_uom,
       unit_cost = excluded.unit_cost, lead_time_days = excluded.lead_time_days, service_level = excluded.service_level,
       moq = excluded.moq, case_pack = excluded.case_pack, supplier = COALESCE(excluded.supplier, items.supplier),
       unit_price = COALESCE(excluded.unit_price, items.unit_price),
       holding_cost_rate = COALESCE(excluded.holding_cost_rate, items.holding_cost_rate),
       lead_time_sd_days = COALESCE(excluded.lead_time_sd_days, items.lead_time_sd_days)`,
    14,
    rows,
  );
}
