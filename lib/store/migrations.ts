/**
 * Schema migrations, applied in order on open; `PRAGMA user_version` records how many ran.
 * Append new entries; never edit one that has shipped.
 *
 * Layout notes:
 * - `items.id` is a dense internal key; `item_id` is the analyst's code. Other tables refer to
 *   `items.id`, so the pipeline can load columns straight into Int32Arrays.
 * - Units are interned in `uom_codes` so sales rows carry an integer unit, converted in one
 *   vectorized pass by the pipeline. `uom_factors.item = 0` means "every item".
 * - Days are integers: days since 1970-01-01 (UTC).
 * - `sales` has no index: it is written in bulk and read in full scans by the pipeline.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
  INSERT INTO meta (key, value) VALUES ('data_version', 0);

  CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '',
    base_uom TEXT NOT NULL,
    unit_cost REAL NOT NULL,
    lead_time_days REAL NOT NULL,
    service_level REAL,
    moq REAL,
    case_pack REAL
  );

  CREATE TABLE uom_codes (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);

  CREATE TABLE uom_factors (
    item INTEGER NOT NULL,
    uom INTEGER NOT NULL,
    factor REAL NOT NULL CHECK (factor > 0),
    PRIMARY KEY (item, uom)
  ) WITHOUT ROWID;

  CREATE TABLE sales (
    item INTEGER NOT NULL,
    day INTEGER NOT NULL,
    quantity REAL NOT NULL,
    uom INTEGER NOT NULL
  );

  CREATE TABLE inventory (
    item INTEGER NOT NULL,
    as_of INTEGER NOT NULL,
    on_hand REAL NOT NULL,
    on_order REAL NOT NULL DEFAULT 0,
    uom INTEGER NOT NULL,
    on_order_due INTEGER,
    PRIMARY KEY (item, as_of)
  ) WITHOUT ROWID;

  CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    rows INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    data_version INTEGER NOT NULL
  );
  `,
  // Event ingestion: the answer of every request sent with an Idempotency-Key, stored in the
  // transaction that commits its events, so a retry is answered without storing anything twice.
  `
  CREATE TABLE event_requests (
    key TEXT PRIMARY KEY,
    response TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX event_requests_created ON event_requests (created_at);
  `,
];
