import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { NO_DUE_DAY, type InventoryColumns, type ItemColumns, type SalesColumns, type UomFactorColumns } from '../types';

/**
 * Bulk writes of imported columns on the import's connection, inside its transaction. Sales
 * rows go in with COPY … FROM STDIN (text format, built here in slices); the upserts as
 * multi-row INSERT … ON CONFLICT. A key given twice in one statement is an error in PostgreSQL
 * (SQLite applies the rows in turn), so the last row for a key is the one sent.
 */
const COPY_SLICE = 65_536;
const UPSERT_ROWS = 1_000;

/** COPY's text format for a double: JS prints the shortest text that reads back to the same double. */
const real = (x: number) => String(x);

/** The COPY text of sales rows, in slices (the caller's columns are read now, not later). */
export function salesCopyText(c: SalesColumns): string[] {
  const slices: string[] = [];
  for (let from = 0; from < c.count; from += COPY_SLICE) {
    const to = Math.min(from + COPY_SLICE, c.count);
    let text = '';
    for (let r = from; r < to; r++) text += `${c.item[r]}\t${c.day[r]}\t${real(c.quantity[r]!)}\t${c.uom[r]}\n`;
    slices.push(text);
  }
  return slices;
}

export async function copySales(client: pg.PoolClient, slices: readonly string[]): Promise<void> {
  if (slices.length === 0) return;
  const stream = client.query(copyFrom('COPY sales (item, day, quantity, uom) FROM STDIN'));
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
    ],
  );
  return upserts(
    'INSERT INTO items (id, item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack)',
    `ON CONFLICT (id) DO UPDATE SET name = excluded.name, category = excluded.category, base_uom = excluded.base_uom,
       unit_cost = excluded.unit_cost, lead_time_days = excluded.lead_time_days, service_level = excluded.service_level,
       moq = excluded.moq, case_pack = excluded.case_pack`,
    10,
    rows,
  );
}
