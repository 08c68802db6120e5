import type { ForecastSnapshot } from '../accuracy/lags';
import type { PackedSnapshot } from './snapshot-columns';
import type { ExceptionFacts } from '../actions/facts';
import type { TransactionResult, WriterOp } from '../events/wire';
import type { HealthResult } from '../inventory';
import type { Period } from '../inventory/periods';
import type { ServicePolicy } from '../inventory/policy';
import type { MemberPool } from '../forecast';

/**
 * The store contract: every read and write of stored data goes through these functions, grouped
 * by who owns the data; nothing outside lib/store holds SQL or a connection. Every read and
 * commit returns a Promise, so the same callers work on the embedded SQLite file and on a
 * PostgreSQL server (STOCKCAST_DATABASE_URL). The pipeline's writes wait asynchronously for the
 * write lock.
 */

export interface SalesColumns {
  item: Int32Array;
  day: Int32Array;
  quantity: Float64Array;
  uom: Int32Array;
  count: number;
}

export interface InventoryColumns {
  item: Int32Array;
  asOf: Int32Array;
  onHand: Float64Array;
  onOrder: Float64Array;
  uom: Int32Array;
  /** NO_DUE_DAY when there is no due date */
  due: Int32Array;
  count: number;
}

export const NO_DUE_DAY = -2147483648;

export interface UomFactorColumns {
  /** items.id, or 0 for a factor that applies to every item */
  item: Int32Array;
  uom: Int32Array;
  factor: Float64Array;
  count: number;
}

export interface ItemColumns {
  /** items.id: ids below `firstNewId` exist and are updated in place, the others are inserted */
  id: Int32Array;
  firstNewId: number;
  code: readonly string[];
  name: readonly string[];
  category: readonly string[];
  baseUom: readonly string[];
  unitCost: Float64Array;
  leadTimeDays: Float64Array;
  /** NaN for "not given" (stored as NULL) in the three optional columns */
  serviceLevel: Float64Array;
  moq: Float64Array;
  casePack: Float64Array;
  /** '' / NaN for "not given": a stored value is then kept (an old file leaves them as they were) */
  supplier: readonly string[];
  unitPrice: Float64Array;
  holdingCostRate: Float64Array;
  leadTimeSdDays: Float64Array;
  count: number;
}

/**
 * What imports and events validate against: item codes, interned units and which units each
 * item can convert. Loaded once per import or event batch, not per row.
 */
export interface Catalog {
  /** item code → items.id */
  itemIds: Map<string, number>;
  /** items.id → base unit code */
  baseUom: Map<number, string>;
  /** unit code → uom_codes.id */
  uomIds: Map<string, number>;
  /** `${item}:${uomId}` for item-specific factors and `0:${uomId}` for all-item factors */
  factors: Set<string>;
}

/** A file imported before, remembered by the SHA-256 of its bytes. */
export interface ImportRecord {
  hash: string;
  name: string;
  kind: string;
  rows: number;
  /** ISO timestamp */
  importedAt: string;
  /** the data version the import committed */
  dataVersion: number;
}

export interface ItemStockRow {
  item_id: string;
  name: string;
  category: string;
  base_uom: string;
  unit_cost: number;
  lead_time_days: number;
  on_hand: number | null;
  on_order: number | null;
  stock_uom: string | null;
  as_of: number | null;
}

/**
 * Per-item pipeline results, grouped in result sets. A result set belongs to one run key (data
 * version + parameters) and is filled batch by batch; `complete` flips when every item is in.
 * Series (history, fit, forecast and bands, cumulative σ, projected stock) are BLOBs of
 * little-endian float64, one value per period; `readItemResult` decodes them.
 */
export interface ResultMeta {
  period: Period;
  horizon: number;
  periodDays: number;
  levels: readonly number[];
  /** Period index (see lib/inventory/periods) of the first forecast period. */
  forecastStartPeriod: number;
  /** First day of the first forecast period. */
  forecastStartDay: number;
  /** The day stock positions refer to: the day after the last sale. */
  asOfDay: number;
  itemsTotal: number;
  /** What the run's regular demand was combined from, and the held-back test that decided it (absent in runs before it). */
  pool?: MemberPool;
}

export interface ResultSetRecord {
  id: number;
  key: string;
  dataVersion: number;
  meta: ResultMeta;
  complete: boolean;
  itemsDone: number;
}

/**
 * One batch of results, by column: the inventory engine's per-item health columns (its projected
 * stock is stored as `projected`) plus the item's facts and the forecast's; label columns hold
 * indexes into STATUSES, ABC, XYZ, GRADES.
 */
export interface ItemResultBatch extends Omit<HealthResult, 'projectedOnHand'> {
  count: number;
  horizon: number;
  modelNames: readonly string[];
  item: Int32Array;
  abc: Uint8Array;
  xyz: Uint8Array;
  onHand: Float64Array;
  onOrder: Float64Array;
  leadTimeDays: Float64Array;
  serviceLevel: Float64Array;
  lastSaleDay: Float64Array;
  annualValue: Float64Array;
  cv: Float64Array;
  model: Int32Array;
  error: Float64Array;
  errorKind: Uint8Array;
  naiveError: Float64Array;
  grade: Uint8Array;
  seasonal: Uint8Array;
  /** Per item: period index of its first history value. */
  historyStart: Int32Array;
  /** History and in-sample fit, packed: item i is [historyOffsets[i], historyOffsets[i+1]). */
  history: Float64Array;
  fitted: Float64Array;
  historyOffsets: Int32Array;
  /** count × horizon each. */
  point: Float64Array;
  lo80: Float64Array;
  hi80: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
  sigma: Float64Array;
  projected: Float64Array;
  /** count × horizon: the engine's forecast before overrides (`point` is the final one). */
  statistical: Float64Array;
  /** Per item: 1 when an override changed its forecast. */
  overridden: Uint8Array;
  /** Per item: its leaderboard as stored (`leaderboardJson`), built where the batch is. */
  leaderboard: string[];
}

/** One item's stored results with its series decoded (item page). */
export interface ItemResult {
  itemKey: number;
  itemId: string;
  name: string;
  category: string;
  status: string;
  abc: string;
  xyz: string;
  onHand: number;
  onOrder: number;
  leadTimeDays: number;
  serviceLevel: number;
  lastSaleDay: number | null;
  demandOverLeadTime: number;
  safetyStock: number;
  reorderPoint: number;
  daysOfSupply: number | null;
  stockoutDay: number | null;
  targetCover: number;
  excessUnits: number;
  excessValue: number;
  orderQuantity: number;
  dailyDemand: number;
  annualValue: number;
  cv: number | null;
  model: string;
  error: number | null;
  errorKind: string;
  naiveError: number | null;
  confidence: string;
  seasonal: boolean;
  historyStart: number | null;
  history: Float64Array;
  fitted: Float64Array;
  point: Float64Array;
  lo80: Float64Array;
  hi80: Float64Array;
  lo95: Float64Array;
  hi95: Float64Array;
  sigma: Float64Array;
  projected: Float64Array;
  /** The engine's forecast where an override changed `point`; empty when none did. */
  statistical: Float64Array;
  /** `pinned`: the analyst pinned this model and the engine forecast with it. */
  leaderboard: { model: string; error: number | null; pinned?: boolean }[];
}

/**
 * The run table: one row per pipeline run (cache hits make none). A run is `running` while it
 * holds the pipeline lock; one found `running` by the next lock holder was killed and becomes
 * `interrupted` (its results stay, and the next run for the same key resumes them).
 */
export type RunStatus = 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

export type RunOrigin = 'server' | 'cli';

export interface RunRecord {
  id: string;
  key: string;
  dataVersion: number;
  params: { period: 'day' | 'week' | 'month'; horizon: number };
  origin: RunOrigin;
  status: RunStatus;
  /** Epoch milliseconds. */
  startedAt: number;
  endedAt: number | null;
  itemsDone: number;
  itemsTotal: number;
  resultSet: number | null;
  resumedFrom: string | null;
  pid: number;
  host: string;
  error: string | null;
  /** The run's RunSummary (JSON) once it ends. */
  summary: unknown;
}

/** How a pipeline write waits while another writer holds the store. */
export interface StoreWriteOptions {
  /** Total wait for the lock before failing with StoreBusyError; default 120 s. */
  waitLimitMs?: number;
  /** Stops waiting (the write is then not made): a cancelled run. Still tried once. */
  signal?: AbortSignal;
  /** Called each time a write finds the store locked, with how long it has waited so far. */
  onWait?: (waitedMs: number) => void;
}

/** How many items and imported files the store holds (the demo's "only into an empty store"). */
export interface StoreCounts {
  countItems(): Promise<number>;
  countImports(): Promise<number>;
}

/**
 * The writes of an import's files, inside its transaction (see ImportTransaction). They are
 * staged synchronously, row checks and all: SQLite writes them at once, PostgreSQL sends them
 * (COPY) in the background in order; either way a failure surfaces at the latest at `commit`.
 */
export interface ImportWriter {
  /** Interns a unit code, returning its id; `catalog` learns it. */
  internUom(catalog: Catalog, code: string): number;
  /** Appends sales rows (ids already resolved). */
  insertSales(c: SalesColumns): void;
  /** Writes stock positions; a position for an (item, as_of) already stored is replaced. */
  upsertInventory(c: InventoryColumns): void;
  /** Writes conversion factors; a factor already stored for (item, uom) is replaced. */
  upsertUomFactors(c: UomFactorColumns): void;
  /** Inserts new items and updates the attributes of existing ones. */
  upsertItems(c: ItemColumns): void;
}

/** Per item with stored sales (items.id): the first and the last day of its sales rows. */
export interface SalesSpans {
  item: Int32Array;
  firstDay: Int32Array;
  lastDay: Int32Array;
}

/**
 * One import, all or nothing: begun with the store's write lock held, then either committed
 * (everything visible at once, the data version raised once) or rolled back (nothing written).
 * SQLite answers every step at once (settled promises, so on a connection shared with other
 * work nothing else runs between begin and commit unless the import itself waits, which only an
 * `exclusive` import does); PostgreSQL runs it on a pooled connection of its own.
 */
export interface ImportTransaction extends ImportWriter, StoreCounts {
  findImport(hash: string): Promise<ImportRecord | undefined>;
  /** Each item's first and last day of stored sales, before this import's own rows. */
  salesSpans(): Promise<SalesSpans>;
  loadCatalog(): Promise<Catalog>;
  /** The id the next new item gets. */
  nextItemId(): Promise<number>;
  dataVersion(): Promise<number>;
  bumpDataVersion(): Promise<number>;
  recordImport(record: ImportRecord): Promise<void>;
  commit(): Promise<void>;
  /**
   * With `replaceSalesDays`, the sales written so far were set apart: removes the stored sales on
   * every item and day they hold, then appends them. Returns the stored rows removed and the
   * item-days replaced.
   */
  replaceSalesDays(): Promise<ReplacedSales>;
  /** Rolls back if still open; safe to call after a failed commit. */
  rollback(): Promise<void>;
}

export interface ImportMode {
  /**
   * The import's sales replace what is stored for their items on the days they hold (a corrected
   * or re-exported extract) instead of adding to it; `replaceSalesDays` applies them.
   */
  replaceSalesDays?: boolean;
}

export interface ReplacedSales {
  /** Stored sales rows removed. */
  rows: number;
  /** Distinct (item, day) pairs the import's sales hold. */
  itemDays: number;
}

/** The events writer: applies the event queue's transactions on a connection of its own. */
export interface EventTransactions {
  /** Unit codes are numbered by the producers in order of first sight; these extend the list. */
  addUnits(codes: readonly string[]): void;
  /** Applies `ops` in one transaction; rejects (after rolling back) when the store fails. Call one at a time. */
  apply(ops: readonly WriterOp[]): Promise<TransactionResult>;
  /** Requests with staged rows (for tests and diagnostics). */
  stagedRequests(): number;
  /** Rows staged and not yet final, by table (for tests and diagnostics). */
  stagedRows(): Promise<{ sales: number; stock: number }>;
  /** Releases what the writer holds (PostgreSQL: its connection). */
  close(): Promise<void>;
}

/** The run shown by the dashboard: the latest completed run whose result set is still stored. */
export interface CurrentRun {
  runId: string;
  origin: RunOrigin;
  startedAt: number;
  endedAt: number;
  dataVersion: number;
  resultSet: number;
  meta: ResultMeta;
}

export interface RiskRow {
  id: string;
  name: string;
  category: string;
  status: string;
  abc: string;
  onHand: number;
  baseUom: string;
  reorderPoint: number;
  daysOfSupply: number | null;
  stockoutDay: number | null;
  orderQuantity: number;
  annualValue: number;
}

export type ItemTableRow = [
  id: string,
  name: string,
  category: string,
  baseUom: string,
  status: string,
  abc: string,
  xyz: string,
  grade: string,
  model: string,
  onHand: number,
  onOrder: number,
  reorderPoint: number,
  daysOfSupply: number | null,
  stockoutDay: number | null,
  orderQuantity: number,
  excessValue: number,
  annualValue: number,
  error: number | null,
  /** 1 when an override changed its forecast */
  overridden: number,
  /** 1 when the run forecast it with a model the analyst pinned */
  pinned: number,
];

export interface ItemFactsRow {
  id: number;
  itemId: string;
  name: string;
  category: string;
  baseUom: string;
  unitCost: number;
  leadTimeDays: number;
  serviceLevel: number | null;
  moq: number | null;
  casePack: number | null;
  /** Its own factors and the all-items ones (item 0), its own first, then by factor. */
  factors: { uom: string; factor: number; item: number }[];
  /** The latest stock record, in the unit it was recorded in. */
  stock: { onHand: number; onOrder: number; uom: string; asOfDay: number; onOrderDueDay: number | null } | null;
}

/**
 * An analyst's change to an item's forecast over days [startDay, endDay] (days since 1970-01-01):
 * every forecast period whose first day falls in the range gets `value` units (`quantity`) or
 * its statistical figure scaled by `value` percent (`percent`, -100 … +1000). `untilDay`, when
 * given, ends the override earlier. Overrides are data: changing one raises the data version.
 */
export interface OverrideInput {
  itemId: string;
  startDay: number;
  endDay: number;
  kind: 'quantity' | 'percent';
  value: number;
  reason: string;
  untilDay: number | null;
}

export interface OverrideRecord extends OverrideInput {
  id: number;
  author: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface OverrideChange {
  id: number;
  overrideId: number;
  itemId: string;
  action: 'set' | 'edit' | 'remove';
  /** The override as it was after the change (before it, for a removal). */
  override: OverrideInput;
  author: string;
  at: number;
}

/**
 * What pinning did: a new pin, a changed one, or none (the same model and reason are pinned
 * already: no history entry and no new data version, so a pin re-sent by a script each day does
 * not make the next refresh recompute everything).
 */
export type PinChange = 'set' | 'edit' | 'unchanged';

/** What importing a file of pins changed. */
export interface PinAllOutcome {
  set: number;
  edited: number;
  removed: number;
  /** Pins the file names as they are stored already: left alone, the data version too. */
  unchanged: number;
}

/**
 * A model the analyst pinned for an item (one a item): the engine then forecasts with it instead
 * of the tournament's choice. `model` is the engine's label (`auto_ets`, `combo(…)`, …; see
 * lib/forecast MODEL_NAMES). Like overrides, pins are data: changing one raises the data version.
 */
export interface ModelPinInput {
  itemId: string;
  model: string;
  reason: string;
}

export interface ModelPinRecord extends ModelPinInput {
  author: string;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
}

export interface ModelPinChange {
  id: number;
  itemId: string;
  action: 'set' | 'edit' | 'remove';
  /** The pin as it was after the change (before it, for a removal). */
  pin: ModelPinInput;
  author: string;
  at: number;
}

/** One completed run's forecasts, kept for accuracy across runs (see lib/accuracy); `item` holds items.id per row. */
export interface ForecastSnapshotRecord extends ForecastSnapshot {
  runId: string;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface SnapshotStore {
  /**
   * Keeps what a run forecast, packed (snapshot-columns.ts: float32, the statistical forecast
   * only where an override changed it), and drops all but the `keep` newest snapshots; resolves
   * with its bytes. Completed runs keep theirs through `runs.complete`.
   */
  record(run: { runId: string; createdAt: number; packed: PackedSnapshot; keep: number }, options?: StoreWriteOptions): Promise<number>;
  /** Snapshots of runs with this period, oldest first. */
  list(period: string): Promise<ForecastSnapshotRecord[]>;
  /** Actual demand per item (items.id → first period, values) from a result set's history. */
  actuals(resultSet: number, itemId?: string): Promise<Map<number, { start: number; values: Float64Array }>>;
  /** Bytes the snapshots' columns take. */
  bytes(): Promise<number>;
}

export interface OverrideStore {
  /** Every override, by item code then start day; `itemId` limits them to one item. */
  list(itemId?: string): Promise<OverrideRecord[]>;
  get(id: number): Promise<OverrideRecord | null>;
  /**
   * Adds overrides (all or nothing), raising the data version once; resolves with their ids.
   * `replaceAll` first removes every stored override (an import of the full list).
   */
  add(overrides: readonly OverrideInput[], who: { author: string; at: number }, replaceAll?: boolean): Promise<number[]>;
  /** Changes an override; resolves with false when there is none with that id. */
  edit(id: number, override: OverrideInput, who: { author: string; at: number }): Promise<boolean>;
  remove(id: number, who: { author: string; at: number }): Promise<boolean>;
  /** The changes, newest first; `itemId` limits them to one item. */
  history(itemId?: string, limit?: number): Promise<OverrideChange[]>;
  /** Every pinned model, by item code; `itemId` limits them to one item. */
  pins(itemId?: string): Promise<ModelPinRecord[]>;
  /** Pins a model for an item (replacing its pin, if any); resolves with what the change was. */
  pin(pin: ModelPinInput, who: { author: string; at: number }): Promise<PinChange>;
  /**
   * Pins every model of `pins` (a file's rows) in one transaction, all or nothing; with `replace`,
   * first removes every stored pin not among them. Resolves with how many were set, edited and removed.
   */
  pinAll(pins: readonly ModelPinInput[], who: { author: string; at: number }, replace: boolean): Promise<PinAllOutcome>;
  /** Removes an item's pin; resolves with false when it had none. */
  unpin(itemId: string, who: { author: string; at: number }): Promise<boolean>;
  /** The pins' changes, newest first; `itemId` limits them to one item. */
  pinHistory(itemId?: string, limit?: number): Promise<ModelPinChange[]>;
}

/** A new run's row: `running` from the start. */
export type NewRun = Pick<RunRecord, 'id' | 'key' | 'dataVersion' | 'params' | 'origin' | 'startedAt' | 'pid' | 'host'>;

/** Who holds the pipeline's run lock (the shape of lib/pipeline's LockHolder). */
export interface RunLockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** ISO time of the holder's last heartbeat. */
  heartbeatAt: string;
  runId: string;
  command: string;
  /** The run key the holder computes, when it said (a server with the same key joins that run). */
  key?: string | null;
}

/** A run lock kept in the store (the shape of lib/pipeline's RunLock). */
export interface StoreRunLock {
  readonly location: string;
  /** One attempt: the lock, or the live holder that keeps it (a lapsed holder is taken over). */
  tryAcquire(owner: { runId: string; command: string; key?: string }): Promise<
    | { lock: { readonly holder: RunLockHolder; heartbeat(): Promise<void>; release(): Promise<void> }; holder?: undefined }
    | { lock?: undefined; holder: RunLockHolder }
  >;
  read(): Promise<RunLockHolder | null>;
}

/** Committed changes of run rows, told to other processes (PostgreSQL: LISTEN/NOTIFY). */
export interface RunChanges {
  /**
   * Listens on a connection of its own, made again when lost: `onChange(runId)` after each
   * committed change of that run's row (a hint: read the row), `onReconnect()` after a lost
   * connection was made again (changes may have been missed). Returns a function that stops.
   */
  listen(handlers: { onChange(runId: string): void; onReconnect(): void }): () => Promise<void>;
}

/** One chunk of a run's items for the queue: its inputs, encoded by lib/pipeline. */
export interface QueuedChunk {
  chunk: number;
  items: number;
  inputs: Uint8Array;
}

/** A chunk job as a worker claims it. */
export interface ChunkJob {
  runId: string;
  resultSet: number;
  chunk: number;
  /** The chunk's inputs; null when its run has ended and they were removed (nothing to do). */
  inputs: Uint8Array | null;
  /** 0 on the first try, 1 on the first retry, … */
  retry: number;
  /** Seconds from when the job could first be taken (queued, or due for its retry) to this claim. */
  waitedSeconds: number;
}

/** What a worker reports of a chunk it finished (worker time, summed over its threads). */
export interface ChunkWork {
  tournamentSeconds: number;
  inventorySeconds: number;
  persistSeconds: number;
}

/** A run's chunks so far: how many were queued, how many are done, and the work reported. */
export interface ChunkTally extends ChunkWork {
  chunks: number;
  done: number;
  /** Items in the chunks done. */
  doneItems: number;
}

/**
 * Database mode's work queue (pg-boss on the store's database): a run's coordinator queues its
 * item chunks; worker processes on any machine claim them. A job whose worker stops answering
 * is failed when its lease runs out and retried; past its retries the run fails with the reason.
 */
export interface ChunkQueue {
  /** Stores each chunk's inputs and queues one job per chunk, each leased for `leaseSeconds`. */
  enqueue(runId: string, resultSet: number, chunks: QueuedChunk[], leaseSeconds: number): Promise<void>;
  tally(runId: string): Promise<ChunkTally>;
  /**
   * Fails the jobs whose lease ran out (so that they are retried), then says why a chunk of the
   * run failed past its retries; null when none has.
   */
  failure(runId: string): Promise<string | null>;
  /** Removes the run's chunk inputs: its jobs still queued find none and finish at once. */
  clear(runId: string): Promise<void>;
  /**
   * Takes chunk jobs, `concurrency` at a time, until the returned function is called (which
   * waits for the chunks in hand). The handler returns null for a chunk with nothing to do; a
   * handler that throws fails the job (retried until its retries run out).
   */
  work(concurrency: number, handler: (job: ChunkJob) => Promise<ChunkWork | null>): Promise<() => Promise<void>>;
  /** Jobs waiting to be claimed (queued or due for a retry). */
  depth(): Promise<number>;
}

export interface Store extends StoreCounts {
  /** The data folder (lock file, test hooks). */
  readonly dir: string;
  /** Where worker threads and processes read from with connections of their own (see scan.ts). */
  readonly location: string;
  readonly isOpen: boolean;
  /**
   * The pipeline's run lock when the store keeps it (PostgreSQL: one per database, whichever
   * machine asks); null for the embedded store, whose lock is the file beside it.
   */
  readonly runLock: StoreRunLock | null;
  /** Run-row changes from every process on the database; null for the embedded store. */
  readonly runChanges: RunChanges | null;
  /** Where a run's item chunks go to be computed by any process's workers; null for the embedded store. */
  readonly chunkQueue: ChunkQueue | null;
  close(): Promise<void>;

  /** The current data version; it rises with every committed import or event batch. */
  dataVersion(): Promise<number>;

  catalog: {
    load(): Promise<Catalog>;
    listItemsWithStock(opts: { limit: number; offset: number; search?: string }): Promise<ItemStockRow[]>;
    /** An item's code and base unit and a unit's code, for errors about stored rows. */
    describeUnit(itemKey: number, unit: number): Promise<UnitDescription>;
  };

  imports: {
    find(hash: string): Promise<ImportRecord | undefined>;
    /** Imported files, newest first. */
    list(limit?: number): Promise<ImportRecord[]>;
    /** Begins an import's transaction, waiting for the write lock (see ImportTransaction). */
    begin(options?: ImportMode): Promise<ImportTransaction>;
  };

  events: {
    /** The stored answer of a request sent with this Idempotency-Key, if any. */
    storedResponse(key: string): Promise<string | undefined>;
    /**
     * The catalog and the data version without the raises made by event commits, read in one
     * snapshot (see lib/events/catalog.ts: the version says when a cached catalog is stale).
     */
    catalogSnapshot(): Promise<{ catalog: Catalog; version: number }>;
    versionWithoutEvents(): Promise<number>;
    /** The writer for the events writer thread; call on a store of the thread's own. */
    writer(now?: () => number): Promise<EventTransactions>;
  };

  runs: {
    get(id: string): Promise<RunRecord | null>;
    /** Most recent first. */
    list(options?: { limit?: number; offset?: number }): Promise<RunRecord[]>;
    /** The latest completed run for `key` whose results are still stored: the cache. */
    findCompleted(key: string): Promise<RunRecord | null>;
    /** The latest completed run whose results are still stored (export). */
    latestCompleted(): Promise<RunRecord | null>;
    /** The latest run of a result set (for resume messages). */
    lastOfResultSet(resultSet: number): Promise<RunRecord | null>;

    /**
     * Records a new run; runs still `running` become `interrupted` first (call only while
     * holding the pipeline lock, when no other run can be alive). Resolves with how many did.
     */
    start(run: NewRun, options?: StoreWriteOptions): Promise<number>;
    /**
     * Points a running run at its key and result set once the data are loaded: `resume` is the
     * unfinished set it continues, or null to create one. Resolves with the result set's id.
     */
    attach(
      id: string,
      fields: {
        key: string;
        dataVersion: number;
        params: unknown;
        meta: ResultMeta;
        resume: number | null;
        itemsTotal: number;
        itemsDone: number;
        resumedFrom: string | null;
      },
      options?: StoreWriteOptions,
    ): Promise<number>;
    /**
     * Stores items [from, to) of a batch and the run's progress in one transaction, only while
     * the run still holds its claim (else RunClaimLostError, nothing written). Idempotent per item:
     * an item the result set holds already is skipped (a chunk written again after a retry), and
     * the run's items_done grows by the rows actually inserted. Resolves with the milliseconds
     * spent writing (waits for the lock excluded) and the rows inserted.
     */
    saveResults(id: string, resultSet: number, batch: ItemResultBatch, from: number, to: number, options?: StoreWriteOptions): Promise<{ ms: number; inserted: number }>;
    /**
     * Completes the result set and the run together, then prunes old result sets (keeping the
     * three newest complete ones); their item rows go later (`results.deleteOrphaned`). With
     * `snapshot`, the run's forecast snapshot (packed beforehand off the event loop, see
     * `readSnapshotAt` in scan.ts) is kept in the same transaction, with the `keep` newest, so
     * no crash can leave a completed run without it.
     */
    complete(
      id: string,
      end: {
        resultSet: number;
        key: string;
        dataVersion: number;
        itemsTotal: number;
        endedAt: number;
        summary: unknown;
        snapshot?: { packed: PackedSnapshot; keep: number };
      },
      options?: StoreWriteOptions,
    ): Promise<void>;
    /** Records how a run that did not complete ended. */
    end(id: string, end: { status: 'failed' | 'cancelled'; endedAt: number; error: string }, options?: StoreWriteOptions): Promise<void>;
  };

  results: {
    get(id: number): Promise<ResultSetRecord | null>;
    /** The newest unfinished result set for `key`, which a new run for that key continues. */
    findResumable(key: string): Promise<ResultSetRecord | null>;
    /** Item keys already stored in a result set. */
    storedItemKeys(resultSet: number): Promise<Int32Array>;
    countByStatus(resultSet: number): Promise<Record<string, number>>;
    /** One item's results by its code, or null when the result set has no such item. */
    readItem(resultSet: number, itemId: string): Promise<ItemResult | null>;
    /** Every item's results in item-code order, one at a time (export). */
    iterate(resultSet: number): AsyncIterable<ItemResult>;
    /** Deletes up to `limit` item rows of pruned result sets; resolves with how many (0: none left). */
    deleteOrphaned(limit: number, options?: StoreWriteOptions): Promise<number>;
    /** Lets the store tidy up after a burst of result writes (SQLite: a WAL checkpoint, run on a worker). */
    maintenanceTask(): { kind: 'checkpoint'; location: string } | null;
  };

  /** The service level per ABC × XYZ class, for items without one of their own. */
  policy: {
    /** null while the analyst has set none (every class gets the single default). */
    get(): Promise<ServicePolicy | null>;
    /** Replaces the policy and raises the data version (results under the old one are stale). */
    set(policy: ServicePolicy): Promise<number>;
  };

  /** The analyst's marks on the exceptions inbox, kept across runs. */
  actions: {
    /** Every item of a result set with what the inbox ranks it by. */
    facts(resultSet: number): Promise<ExceptionFactsRow[]>;
    marks(): Promise<ActionMark[]>;
    mark(mark: ActionMark): Promise<void>;
    /** Resolves with whether there was a mark to clear. */
    unmark(itemId: string, kind: string): Promise<boolean>;
  };

  /** The purchase worksheet: items to order and the analyst's draft edits. */
  worksheet: {
    /** Items with a suggested order, and items with a draft line, by supplier then code. */
    candidates(resultSet: number): Promise<WorksheetCandidate[]>;
    draft(): Promise<WorksheetDraftLine[]>;
    saveLine(line: WorksheetDraftLine): Promise<void>;
    /** Resolves with how many lines there were. */
    clear(): Promise<number>;
  };

  /** The analyst's changes to forecasts (see OverrideInput). */
  overrides: OverrideStore;

  /** What completed runs forecast, for accuracy across runs. */
  snapshots: SnapshotStore;

  /** What the dashboard's read models are built from. */
  reads: {
    currentRun(): Promise<CurrentRun | null>;
    /** Items, count and annual value by status and ABC class. */
    healthGroups(resultSet: number): Promise<{ status: string; abc: string; n: number; v: number }[]>;
    resultTotals(resultSet: number): Promise<{ items: number; excessValue: number; excessItems: number; orderValue: number }>;
    /** Stockouts first, then at-risk items by stockout day and value. */
    atRisk(resultSet: number, limit: number): Promise<RiskRow[]>;
    /** [error, naive error] of items with both positive, in item order (so sums over them agree to the last digit on every store, whatever order the chunks were stored in). */
    errorPairs(resultSet: number): Promise<[number, number][]>;
    /** Every item's table row, in item-code order. */
    itemTable(resultSet: number): Promise<ItemTableRow[]>;
    itemFacts(itemId: string): Promise<ItemFactsRow | null>;
    /** The codes of the items with these keys (items.id), in code order; keys with no item are left out. */
    itemCodes(keys: readonly number[]): Promise<string[]>;
    tableCounts(): Promise<{ items: number; stockRecords: number; unitFactors: number }>;
    salesSummary(): Promise<{ rows: number; firstDay: number | null; lastDay: number | null }>;
  };
}

/** One item's results and attributes for the exceptions inbox, as stored: its last few history values instead of a rate. */
export interface ExceptionFactsRow extends Omit<ExceptionFacts, 'recentDaily'> {
  /** The last few history values (base units per period), oldest first. */
  recentPeriods: number[];
}

/** One item the worksheet may order, with the figures its arithmetic shows (base units). */
export interface WorksheetCandidate {
  itemId: string;
  name: string;
  supplier: string | null;
  baseUom: string;
  unitCost: number;
  moq: number | null;
  casePack: number | null;
  leadTimeDays: number;
  onHand: number;
  onOrder: number;
  demandOverLeadTime: number;
  safetyStock: number;
  reorderPoint: number;
  dailyDemand: number;
  /** The engine's forecast over the order cycle after the lead time; null in result sets stored before it was kept. */
  cycleDemand: number | null;
  /** The engine's suggestion. */
  orderQuantity: number;
}

/** A worksheet line as the analyst edited it. */
export interface WorksheetDraftLine {
  itemId: string;
  quantity: number;
  /** Requested delivery day (days since 1970). */
  dueDay: number;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/** An exception (item and kind) the analyst marked handled, or snoozed until a day. */
export interface ActionMark {
  itemId: string;
  kind: string;
  state: 'handled' | 'snoozed';
  /** Snoozed: the first day it shows again; null when handled. */
  untilDay: number | null;
  markedBy: string;
  /** Epoch milliseconds. */
  markedAt: number;
}

export interface UnitDescription {
  /** null when the item is not in the item list */
  item: { itemId: string; baseUom: string } | null;
  /** `#id` when the unit is unknown */
  unitCode: string;
}
