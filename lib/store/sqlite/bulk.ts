import { NO_DUE_DAY, type InventoryColumns, type ItemColumns, type SalesColumns, type UomFactorColumns } from '../types';
import type { Db } from './db';

/**
 * Bulk writes of imported columns; callers run them inside their import transaction. Rows go in
 * as multi-row INSERTs (BATCH rows per statement): one statement call per row costs about three
 * times as much in binding and stepping as the row itself.
 */
const BATCH = 200;

function values(columns: number, rows: number): string {
  const one = `(${new Array(columns).fill('?').join(',')})`;
  return new Array(rows).fill(one).join(',');
}

/** Runs `sql` (ending in VALUES) for `count` rows, `fill(args, at, row)` writing each row's values. */
function batched(
  db: Db,
  sql: (valuesList: string) => string,
  columns: number,
  count: number,
  fill: (args: unknown[], at: number, row: number) => void,
): void {
  const full = db.prepare(sql(values(columns, BATCH)));
  const args = new Array<unknown>(columns * BATCH);
  let row = 0;
  for (; row + BATCH <= count; row += BATCH) {
    for (let k = 0; k < BATCH; k++) fill(args, k * columns, row + k);
    full.run(args);
  }
  const rest = count - row;
  if (rest > 0) {
    const tail = db.prepare(sql(values(columns, rest)));
    const tailArgs = new Array<unknown>(columns * rest);
    for (let k = 0; k < rest; k++) fill(tailArgs, k * columns, row + k);
    tail.run(tailArgs);
  }
}

/** Appends sales rows (ids already resolved). The hot path of big imports: no call per row. */
export function insertSales(db: Db, c: SalesColumns, table = 'sales'): void {
  const { item, day, quantity, uom, count } = c;
  const sql = (rows: number) => `INSERT INTO ${table} (item, day, quantity, uom) VALUES ${values(4, rows)}`;
  const full = db.prepare(sql(BATCH));
  const args = new Array<number>(4 * BATCH);
  let row = 0;
  for (; row + BATCH <= count; row += BATCH) {
    for (let k = 0, r = row; k < 4 * BATCH; k += 4, r++) {
      args[k] = item[r]!;
      args[k + 1] = day[r]!;
      args[k + 2] = quantity[r]!;
      args[k + 3] = uom[r]!;
    }
    full.run(args);
  }
  if (row < count) {
    const one = db.prepare(sql(1));
    for (; row < count; row++) one.run(item[row], day[row], quantity[row], uom[row]);
  }
}

/** Writes stock positions; a position for an (item, as_of) already stored is replaced. */
export function upsertInventory(db: Db, c: InventoryColumns): void {
  const { item, asOf, onHand, onOrder, uom, due } = c;
  batched(
    db,
    (v) => `INSERT INTO inventory (item, as_of, on_hand, on_order, uom, on_order_due) VALUES ${v}
            ON CONFLICT (item, as_of) DO UPDATE SET on_hand = excluded.on_hand, on_order = excluded.on_order,
              uom = excluded.uom, on_order_due = excluded.on_order_due`,
    6,
    c.count,
    (args, at, r) => {
      args[at] = item[r];
      args[at + 1] = asOf[r];
      args[at + 2] = onHand[r];
      args[at + 3] = onOrder[r];
      args[at + 4] = uom[r];
      args[at + 5] = due[r] === NO_DUE_DAY ? null : due[r];
    },
  );
}

/** Writes conversion factors; a factor already stored for (item, uom) is replaced. */
export function upsertUomFactors(db: Db, c: UomFactorColumns): void {
  const { item, uom, factor } = c;
  batched(
    db,
    (v) => `INSERT INTO uom_factors (item, uom, factor) VALUES ${v}
            ON CONFLICT (item, uom) DO UPDATE SET factor = excluded.factor`,
    3,
    c.count,
    (args, at, r) => {
      args[at] = item[r];
      args[at + 1] = uom[r];
      args[at + 2] = factor[r];
    },
  );
}

const orNull = (v: number) => (v === v ? v : null);

/** Inserts new items and updates the attributes of existing ones. */
export function upsertItems(db: Db, c: ItemColumns): void {
  const update = db.prepare(
    `UPDATE items SET name = ?, category = ?, base_uom = ?, unit_cost = ?, lead_time_days = ?,
       service_level = ?, moq = ?, case_pack = ?, supplier = COALESCE(?, supplier), unit_price = COALESCE(?, unit_price),
       holding_cost_rate = COALESCE(?, holding_cost_rate), lead_time_sd_days = COALESCE(?, lead_time_sd_days) WHERE id = ?`,
  );
  const fresh: number[] = [];
  for (let r = 0; r < c.count; r++) {
    if (c.id[r]! >= c.firstNewId) {
      fresh.push(r);
      continue;
    }
    update.run(
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
      c.id[r],
    );
  }
  batched(
    db,
    (v) => `INSERT INTO items (id, item_id, name, category, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack,
                               supplier, unit_price, holding_cost_rate, lead_time_sd_days)
            VALUES ${v}`,
    14,
    fresh.length,
    (args, at, k) => {
      const r = fresh[k]!;
      args[at] = c.id[r];
      args[at + 1] = c.code[r];
      args[at + 2] = c.name[r];
      args[at + 3] = c.category[r];
      args[at + 4] = c.baseUom[r];
      args[at + 5] = c.unitCost[r];
      args[at + 6] = c.leadTimeDays[r];
      args[at + 7] = orNull(c.serviceLevel[r]!);
      args[at + 8] = orNull(c.moq[r]!);
      args[at + 9] = orNull(c.casePack[r]!);
      args[at + 10] = c.supplier[r] || null;
      args[at + 11] = orNull(c.unitPrice[r]!);
      args[at + 12] = orNull(c.holdingCostRate[r]!);
      args[at + 13] = orNull(c.leadTimeSdDays[r]!);
    },
  );
}

/** The id the next new item gets. */
export function nextItemId(db: Db): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM items').get() as { next: number }).next;
}
