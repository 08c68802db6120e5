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
  // Pipeline: the run table, and per-item results in result sets. A result set belongs to one run
  // key (data version + parameters) and is filled batch by batch; a killed run's result set is
  // continued by the next run for the same key. Series travel as BLOBs of little-endian float64.
  `
  CREATE TABLE result_sets (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL,
    data_version INTEGER NOT NULL,
    params TEXT NOT NULL,
    meta TEXT NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX result_sets_key ON result_sets (key, complete);

  CREATE TABLE runs (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL,
    data_version INTEGER NOT NULL,
    params TEXT NOT NULL,
    origin TEXT NOT NULL CHECK (origin IN ('server', 'cli')),
    status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'failed', 'cancelled', 'interrupted')),
    started_at INTEGER NOT NULL,
    ended_at INTEGER,
    items_done INTEGER NOT NULL DEFAULT 0,
    items_total INTEGER NOT NULL DEFAULT 0,
    result_set INTEGER,
    resumed_from TEXT,
    pid INTEGER NOT NULL,
    host TEXT NOT NULL,
    error TEXT,
    summary TEXT
  ) WITHOUT ROWID;
  CREATE INDEX runs_key ON runs (key, status);
  CREATE INDEX runs_started ON runs (started_at);

  CREATE TABLE item_results (
    result_set INTEGER NOT NULL,
    item INTEGER NOT NULL,
    status TEXT NOT NULL,
    abc TEXT NOT NULL,
    xyz TEXT NOT NULL,
    on_hand REAL NOT NULL,
    on_order REAL NOT NULL,
    lead_time_days REAL NOT NULL,
    service_level REAL NOT NULL,
    last_sale_day INTEGER,
    demand_lead_time REAL NOT NULL,
    safety_stock REAL NOT NULL,
    reorder_point REAL NOT NULL,
    days_of_supply REAL,
    stockout_day INTEGER,
    target_cover REAL NOT NULL,
    excess_units REAL NOT NULL,
    excess_value REAL NOT NULL,
    order_quantity REAL NOT NULL,
    daily_demand REAL NOT NULL,
    annual_value REAL NOT NULL,
    cv REAL,
    model TEXT NOT NULL,
    error REAL,
    error_kind TEXT NOT NULL,
    naive_error REAL,
    confidence TEXT NOT NULL,
    seasonal INTEGER NOT NULL,
    history_start INTEGER,
    history BLOB NOT NULL,
    fitted BLOB NOT NULL,
    point BLOB NOT NULL,
    lo80 BLOB NOT NULL,
    hi80 BLOB NOT NULL,
    lo95 BLOB NOT NULL,
    hi95 BLOB NOT NULL,
    sigma BLOB NOT NULL,
    projected BLOB NOT NULL,
    leaderboard TEXT NOT NULL,
    PRIMARY KEY (result_set, item)
  );
  `,
  // Actions: items gain a supplier, a selling price (lost sales value), a holding cost rate and
  // the spread of their lead time; a service-level policy per ABC × XYZ class (an item's own
  // service level still wins); the analyst's handled/snoozed marks on exceptions; and the purchase
  // worksheet's draft: quantities and dates edited by hand, kept until exported or cleared.
  `
  ALTER TABLE items ADD COLUMN supplier TEXT;
  ALTER TABLE items ADD COLUMN unit_price REAL;
  ALTER TABLE items ADD COLUMN holding_cost_rate REAL;
  ALTER TABLE items ADD COLUMN lead_time_sd_days REAL;

  CREATE TABLE service_policy (
    abc TEXT NOT NULL CHECK (abc IN ('A', 'B', 'C')),
    xyz TEXT NOT NULL CHECK (xyz IN ('X', 'Y', 'Z')),
    service_level REAL NOT NULL CHECK (service_level > 0 AND service_level < 1),
    PRIMARY KEY (abc, xyz)
  ) WITHOUT ROWID;

  CREATE TABLE action_marks (
    item_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('handled', 'snoozed')),
    until_day INTEGER,
    marked_by TEXT NOT NULL,
    marked_at INTEGER NOT NULL,
    PRIMARY KEY (item_id, kind)
  ) WITHOUT ROWID;

  CREATE TABLE worksheet_draft (
    item_id TEXT PRIMARY KEY,
    quantity REAL NOT NULL CHECK (quantity >= 0),
    due_day INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  // Overrides: the analyst's changes to the forecast, kept by item code (so that one for an item
  // no longer in the item list is reported, not dropped); days are days since 1970-01-01.
  // The statistical forecast is kept beside the final one only where an override changed it.
  `
  CREATE TABLE forecast_overrides (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    start_day INTEGER NOT NULL,
    end_day INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('quantity', 'percent')),
    value REAL NOT NULL,
    reason TEXT NOT NULL,
    until_day INTEGER,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX forecast_overrides_item ON forecast_overrides (item_id);
  CREATE TABLE override_history (
    id INTEGER PRIMARY KEY,
    override_id INTEGER NOT NULL,
    item_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set', 'edit', 'remove')),
    override TEXT NOT NULL,
    author TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX override_history_item ON override_history (item_id, id);
  ALTER TABLE item_results ADD COLUMN statistical BLOB;
  `,
  // Forecast snapshots: what each completed run forecast, kept across runs for accuracy. One row a
  // run, columns packed: item keys (int32), final forecast (float32, items × horizon), the rows
  // an override changed (int32) with their statistical forecast (float32), and the naive
  // forecast made at the same time (float32, one a item: the last actual).
  `
  CREATE TABLE forecast_snapshots (
    run_id TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL,
    period TEXT NOT NULL,
    start_period INTEGER NOT NULL,
    horizon INTEGER NOT NULL,
    items INTEGER NOT NULL,
    item BLOB NOT NULL,
    final BLOB NOT NULL,
    overridden BLOB NOT NULL,
    statistical BLOB NOT NULL,
    naive BLOB NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX forecast_snapshots_created ON forecast_snapshots (created_at);
  `,
  // Pinned models: one a item (by code, like overrides), with the history of their changes.
  `
  CREATE TABLE model_pins (
    item_id TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    reason TEXT NOT NULL,
    author TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE model_pin_history (
    id INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set', 'edit', 'remove')),
    model TEXT NOT NULL,
    reason TEXT NOT NULL,
    author TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX model_pin_history_item ON model_pin_history (item_id, id);
  `,
  // The forecast over the order cycle after the lead time, which the engine's suggested order
  // covers, so the worksheet's arithmetic is the engine's (NULL in result sets stored before).
  `
  ALTER TABLE item_results ADD COLUMN cycle_demand REAL;
  `,
  // Each item's span of sales days, folded in from the sales rows past a watermark when an import
  // asks (sales-spans.ts), so that an import can say which of its rows repeat stored days.
  `
  CREATE TABLE sales_spans (item INTEGER PRIMARY KEY, first_day INTEGER NOT NULL, last_day INTEGER NOT NULL);
  INSERT INTO meta (key, value) VALUES ('sales_spans_rowid', 0);
  `,
];
