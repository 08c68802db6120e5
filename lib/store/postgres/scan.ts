import type pg from 'pg';
import * as copyStreams from 'pg-copy-streams';
import type { ActionsScan, CatalogueScan, SalesWindow } from '../scan';
import type { UnitDescription } from '../types';
import { exceptionFacts, listDraft, readServicePolicy, worksheetCandidates } from './actions';
import { connect } from './db';
import { packResultSet } from './snapshots';
import type { PackedSnapshot } from '../snapshot-columns';

/**
 * Reads made by worker threads and processes on connections of their own, each in one
 * REPEATABLE READ READ ONLY transaction (one snapshot). The catalogue is read in full first and
 * then handed out synchronously, as the embedded store's scan does.
 */
async function inSnapshot<T>(url: string, read: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await connect(url);
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const value = await read(client);
    await client.query('COMMIT');
    return value;
  } finally {
    await client.end();
  }
}

const rows = async <R extends unknown[]>(client: pg.Client, text: string, values: unknown[] = []) =>
  (await client.query<R>({ text, values, rowMode: 'array' })).rows;

type ItemRow = [number, string, number, number, number | null, number | null, number | null, string, number | null];

export async function readCatalogueSnapshot<T>(url: string, read: (scan: CatalogueScan) => T): Promise<T> {
  const parts = await inSnapshot(url, async (client) => ({
    dataVersion: (await rows<[number]>(client, `SELECT value FROM meta WHERE key = 'data_version'`))[0]![0],
    units: await rows<[number, string]>(client, 'SELECT id, code FROM uom_codes'),
    items: await rows<ItemRow>(client, 'SELECT id, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack, category, lead_time_sd_days FROM items ORDER BY id'),
    codes: await rows<[number, string]>(client, 'SELECT id, item_id FROM items'),
    maxSalesRowid: (await rows<[number | null]>(client, 'SELECT max(id) FROM sales'))[0]![0] ?? 0,
    factors: await rows<[number, number, number]>(client, 'SELECT item, uom, factor FROM uom_factors'),
    servicePolicy: await readServicePolicy(client),
    overrides: await rows<[number | null, string, number, number, 'quantity' | 'percent', number]>(
      client,
      `SELECT i.id, o.item_id, o.start_day, least(o.end_day, coalesce(o.until_day, o.end_day)), o.kind, o.value
         FROM forecast_overrides o LEFT JOIN items i ON i.item_id = o.item_id ORDER BY o.id`,
    ),
    pins: await rows<[number | null, string, string]>(client, 'SELECT i.id, p.item_id, p.model FROM model_pins p LEFT JOIN items i ON i.item_id = p.item_id ORDER BY p.item_id'),
    latestStock: await rows<[number, number, number, number, number, number | null]>(
      client,
      `SELECT DISTINCT ON (item) item, as_of, on_hand, on_order, uom, on_order_due FROM inventory ORDER BY item, as_of DESC`,
    ),
  }));
  const unitCode = new Map(parts.units);
  const itemCode = new Map(parts.codes);
  const baseUom = new Map(parts.items.map((row) => [row[0], row[1]]));
  return read({
    dataVersion: () => parts.dataVersion,
    units: () => parts.units,
    items: () => parts.items,
    maxSalesRowid: () => parts.maxSalesRowid,
    factors: () => parts.factors,
    latestStock: () => parts.latestStock,
    servicePolicy: () => parts.servicePolicy,
    overrides: () => parts.overrides,
    pins: () => parts.pins,
    describeUnit: (item, unit): UnitDescription => ({
      item: itemCode.has(item) ? { itemId: itemCode.get(item)!, baseUom: baseUom.get(item)! } : null,
      unitCode: unitCode.get(unit) ?? `#${unit}`,
    }),
  });
}

/** Binary COPY's header: an 11-byte signature, int32 flags, int32 extension length, the extension. */
const COPY_SIGNATURE_BYTES = 11;
/** A sales row in binary COPY: int16 field count; int4 item, int4 day, float8 quantity, int4 uom, each after its int32 length. */
const SALES_ROW_BYTES = 2 + (4 + 4) * 3 + (4 + 8);

/**
 * Sales rows with ids [from, to) (to null: up to the last row) in one snapshot, in id order, as
 * one binary COPY parsed straight into the columns (no per-row objects, no text to parse; the
 * window size is the embedded store's concern). Seq scans are off for it: an id range is a BRIN
 * lookup, and a table without statistics yet (a bulk load before ANALYZE) would otherwise be
 * scanned whole for every range.
 */
export async function readSalesWindow(
  url: string,
  range: { from: number; to: number | null; window: number },
  alloc: { int32(n: number): Int32Array },
): Promise<SalesWindow> {
  return inSnapshot(url, async (client) => {
    const dataVersion = (await rows<[number]>(client, `SELECT value FROM meta WHERE key = 'data_version'`))[0]![0];
    const to = range.to ?? ((await rows<[number | null]>(client, 'SELECT max(id) FROM sales'))[0]![0] ?? 0) + 1;
    const capacity = Math.max(0, to - range.from);
    const item = alloc.int32(capacity);
    const day = alloc.int32(capacity);
    const quantity = new Float64Array(capacity);
    const unit = new Int32Array(capacity);
    await client.query('SET LOCAL enable_seqscan = off');
    await client.query('SET LOCAL jit = off');
    const from = Math.trunc(range.from);
    const copy = client.query(
      copyStreams.to(`COPY (SELECT item, day, quantity, uom FROM sales WHERE id >= ${from} AND id < ${Math.trunc(to)} ORDER BY id) TO STDOUT (FORMAT binary)`),
    );
    let n = 0;
    let rest: Buffer | null = null;
    let header = true;
    for await (const chunk of copy as AsyncIterable<Buffer>) {
      const buf: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk;
      let at = 0;
      if (header) {
        if (buf.length < COPY_SIGNATURE_BYTES + 8) {
          rest = buf;
          continue;
        }
        at = COPY_SIGNATURE_BYTES + 8 + buf.readInt32BE(COPY_SIGNATURE_BYTES + 4);
        header = false;
      }
      while (buf.length - at >= SALES_ROW_BYTES && buf.readInt16BE(at) === 4 && n < capacity) {
        item[n] = buf.readInt32BE(at + 6);
        day[n] = buf.readInt32BE(at + 14);
        quantity[n] = buf.readDoubleBE(at + 22);
        unit[n] = buf.readInt32BE(at + 34);
        n++;
        at += SALES_ROW_BYTES;
      }
      rest = at < buf.length ? buf.subarray(at) : null;
    }
    return { dataVersion, rows: n, from: range.from, to, item, day, quantity, unit };
  });
}

/** What the inbox and the worksheet read of result sets, in one snapshot. */
export async function readActionsSnapshot<T>(url: string, read: (scan: ActionsScan) => Promise<T>): Promise<T> {
  return inSnapshot(url, (client) =>
    read({
      exceptionFacts: (set) => exceptionFacts(client, set),
      worksheetCandidates: (set) => worksheetCandidates(client, set),
      worksheetDraft: () => listDraft(client),
    }),
  );
}

export async function readPackedSnapshot(url: string, resultSet: number): Promise<PackedSnapshot | null> {
  return inSnapshot(url, (client) => packResultSet(client, resultSet));
}
