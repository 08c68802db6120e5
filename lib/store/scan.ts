import type { ServicePolicy } from '../inventory/policy';
import { isDatabaseUrl } from './location';
import * as sqlite from './sqlite/scan';
import type { PackedSnapshot } from './snapshot-columns';
import type { ExceptionFactsRow, UnitDescription, WorksheetCandidate, WorksheetDraftLine } from './types';

/**
 * Reads that worker threads make on connections of their own, given the store's `location`
 * (Store.location: a SQLite file's path or a PostgreSQL URL): the catalogue in one snapshot and
 * the sales rows of one load task; what the exceptions inbox and the purchase worksheet are built from.
 */

/** The PostgreSQL reads, loaded with the pg driver on first use: a thread on SQLite never loads either. */
const postgres = () => import('./postgres/scan');

/** The catalogue's parts, all read in one snapshot. */
export interface CatalogueScan {
  dataVersion(): number;
  /** [uom_codes.id, code] */
  units(): [number, string][];
  /** [id, base_uom, unit_cost, lead_time_days, service_level, moq, case_pack, category, lead_time_sd_days] in id order */
  items(): [number, string, number, number, number | null, number | null, number | null, string, number | null][];
  /** The ABC × XYZ service levels, or null when none is set. */
  servicePolicy(): ServicePolicy | null;
  /** The highest sales row number: the load's size estimate. */
  maxSalesRowid(): number;
  /** [item (0: every item), uom, factor] */
  factors(): [number, number, number][];
  /** Each item's latest stock record: [item, as_of, on_hand, on_order, uom, on_order_due] */
  latestStock(): Iterable<[number, number, number, number, number, number | null]>;
  describeUnit(itemKey: number, unit: number): UnitDescription;
  /** Every override: [items.id (null: no such item), item code, start_day, last day (end or until), kind, value] */
  overrides(): [number | null, string, number, number, 'quantity' | 'percent', number][];
  /** Every pinned model: [items.id (null: no such item), item code, model label] */
  pins(): [number | null, string, string][];
}

/** Sales rows [from, to) (SQLite rowids, PostgreSQL sales ids) by column (units not yet converted), and the data version they belong to. */
export interface SalesWindow {
  dataVersion: number;
  rows: number;
  from: number;
  to: number;
  item: Int32Array;
  day: Int32Array;
  quantity: Float64Array;
  unit: Int32Array;
}

export async function readCatalogueAt<T>(location: string, read: (scan: CatalogueScan) => T): Promise<T> {
  return isDatabaseUrl(location) ? (await postgres()).readCatalogueSnapshot(location, read) : sqlite.readCatalogueSnapshot(location, read);
}

/** `alloc` gives the item and day columns (shared memory: they travel on to the fold). */
export async function readSalesAt(
  location: string,
  range: { from: number; to: number | null; window: number },
  alloc: { int32(n: number): Int32Array },
): Promise<SalesWindow> {
  return isDatabaseUrl(location) ? (await postgres()).readSalesWindow(location, range, alloc) : sqlite.readSalesWindow(location, range, alloc);
}

/** The actions group's reads of a result set (the Store's actions.facts, worksheet.candidates and worksheet.draft). */
export interface ActionsScan {
  exceptionFacts(resultSet: number): Promise<ExceptionFactsRow[]>;
  worksheetCandidates(resultSet: number): Promise<WorksheetCandidate[]>;
  worksheetDraft(): Promise<WorksheetDraftLine[]>;
}

/** Reads for the inbox and the worksheet in one snapshot, on a connection of the caller's own (a worker thread's). */
export async function readActionsAt<T>(location: string, read: (scan: ActionsScan) => Promise<T>): Promise<T> {
  return isDatabaseUrl(location) ? (await postgres()).readActionsSnapshot(location, read) : sqlite.readActionsSnapshot(location, read);
}

/** A result set's forecasts packed for its run's snapshot (snapshot-columns.ts); null when there is no such set. */
export async function readSnapshotAt(location: string, resultSet: number): Promise<PackedSnapshot | null> {
  return isDatabaseUrl(location) ? (await postgres()).readPackedSnapshot(location, resultSet) : sqlite.readPackedSnapshot(location, resultSet);
}

/** Lets the store tidy up after a burst of writes, off the main thread (SQLite: a WAL checkpoint). */
export async function maintainAt(location: string): Promise<void> {
  if (!isDatabaseUrl(location)) sqlite.checkpointWal(location);
}
