import path from 'node:path';
import type { ImportMode, ImportTransaction, Store } from '../types';
import { insertSales, nextItemId, upsertInventory, upsertItems, upsertUomFactors } from './bulk';
import { internUom, loadCatalog } from './catalog';
import { bumpDataVersion, dataVersion, DB_FILE, openDb, type Db } from './db';
import { EventWriter } from './event-writer';
import { countImports, findImport, listImports, recordImport } from './imports';
import { countItems, listItemsWithStock } from './items';
import { salesSpans } from './sales-spans';
import { replaceSalesDays, stageSales, STAGED_SALES } from './replace-sales';
import { deleteActionMark, listActionMarks, upsertActionMark } from './actions';
import { exceptionFacts } from './exceptions';
import { readServicePolicy, writeServicePolicy } from './policy';
import { clearDraft, listDraft, saveDraftLine, worksheetCandidates } from './worksheet';
import { addOverrides, editOverride, getOverride, listOverrides, overrideHistory, removeOverride } from './overrides';
import { listPins, pinHistory, removePin, setPin, setPins } from './pins';
import * as reads from './reads';
import {
  completeResultSet,
  countByStatus,
  createResultSet,
  deleteOrphanedItemResults,
  findResumableResultSet,
  getResultSet,
  insertItemResults,
  iterateItemResults,
  pruneResultSets,
  readItemResult,
  storedItemKeys,
} from './results';
import {
  assignRun,
  findCompletedRun,
  finishRun,
  getRun,
  insertRun,
  lastRunOfResultSet,
  latestCompletedRun,
  listRuns,
  markInterruptedRuns,
  addRunProgress,
  setRunProgress,
} from './runs';
import { listSnapshots, resultActuals, snapshotBytes, writeSnapshot } from './snapshots';
import { writeToStore } from './writes';

/**
 * The embedded store: one SQLite file (WAL) in the data folder, one connection per store object.
 * Threads that write on their own (the import thread, the events writer) open a store of their
 * own; the pipeline's workers read through `location` (see ../scan.ts).
 */
export function openSqliteStore(dir: string): Store {
  const db = openDb(dir);
  return {
    dir,
    location: path.join(dir, DB_FILE),
    runLock: null,
    runChanges: null,
    chunkQueue: null,
    get isOpen() {
      return db.open;
    },
    close: async () => {
      if (db.open) db.close();
    },
    dataVersion: async () => dataVersion(db),
    countItems: async () => countItems(db),
    countImports: async () => countImports(db),

    catalog: {
      load: async () => loadCatalog(db),
      listItemsWithStock: async (opts) => listItemsWithStock(db, opts),
      describeUnit: async (item, unit) => reads.describeUnit(db, item, unit),
    },

    imports: {
      find: async (hash) => findImport(db, hash),
      list: async (limit) => listImports(db, limit),
      begin: async (mode) => beginImport(db, mode),
    },

    events: {
      storedResponse: async (key) => reads.eventResponse(db, key),
      // One read transaction: the catalog and the version it belongs to are one snapshot.
      catalogSnapshot: async () => db.transaction(() => ({ catalog: loadCatalog(db), version: reads.othersVersion(db) }))(),
      versionWithoutEvents: async () => reads.othersVersion(db),
      writer: async (now) => new EventWriter(db, now),
    },

    runs: {
      get: async (id) => getRun(db, id),
      list: async (options) => listRuns(db, options),
      findCompleted: async (key) => findCompletedRun(db, key),
      latestCompleted: async () => latestCompletedRun(db),
      lastOfResultSet: async (set) => lastRunOfResultSet(db, set),
      start: (run, options) =>
        writeToStore(
          db,
          'record the run',
          () => {
            const marked = markInterruptedRuns(db, run.startedAt);
            insertRun(db, run);
            return marked;
          },
          options,
        ),
      attach: (id, f, options) =>
        writeToStore(
          db,
          'record the run',
          () => {
            const set = f.resume ?? createResultSet(db, { key: f.key, dataVersion: f.dataVersion, params: f.params, meta: f.meta, createdAt: Date.now() });
            assignRun(db, id, { key: f.key, dataVersion: f.dataVersion, resultSet: set, itemsTotal: f.itemsTotal, itemsDone: f.itemsDone, resumedFrom: f.resumedFrom });
            return set;
          },
          options,
        ),
      saveResults: (id, set, batch, from, to, options) =>
        writeToStore(
          db,
          'save its results',
          () => {
            const t = performance.now();
            const inserted = insertItemResults(db, set, batch, from, to);
            addRunProgress(db, id, inserted);
            return { ms: performance.now() - t, inserted };
          },
          options,
        ),
      complete: (id, end, options) =>
        writeToStore(
          db,
          'record the finished run',
          () => {
            setRunProgress(db, id, end.itemsTotal); // first: a run that lost its claim completes nothing
            completeResultSet(db, end.resultSet);
            if (end.snapshot) writeSnapshot(db, id, end.endedAt, end.snapshot.packed, end.snapshot.keep);
            finishRun(db, id, { status: 'completed', endedAt: end.endedAt, summary: end.summary });
            pruneResultSets(db, end.key, end.dataVersion);
          },
          options,
        ),
      end: (id, end, options) => writeToStore(db, 'record how the run ended', () => finishRun(db, id, end), options),
    },

    results: {
      get: async (id) => getResultSet(db, id),
      findResumable: async (key) => findResumableResultSet(db, key),
      storedItemKeys: async (set) => storedItemKeys(db, set),
      countByStatus: async (set) => countByStatus(db, set),
      readItem: async (set, itemId) => readItemResult(db, set, itemId),
      async *iterate(set) {
        yield* iterateItemResults(db, set);
      },
      deleteOrphaned: (limit, options) => writeToStore(db, 'delete old results', () => deleteOrphanedItemResults(db, limit), options),
      maintenanceTask: () => ({ kind: 'checkpoint', location: db.name }),
    },

    policy: {
      get: async () => readServicePolicy(db),
      set: async (policy) => writeServicePolicy(db, policy),
    },

    actions: {
      facts: async (set) => exceptionFacts(db, set),
      marks: async () => listActionMarks(db),
      mark: async (m) => upsertActionMark(db, m),
      unmark: async (itemId, kind) => deleteActionMark(db, itemId, kind),
    },

    worksheet: {
      candidates: async (set) => worksheetCandidates(db, set),
      draft: async () => listDraft(db),
      saveLine: async (line) => saveDraftLine(db, line),
      clear: async () => clearDraft(db),
    },

    overrides: {
      list: async (itemId) => listOverrides(db, itemId),
      get: async (id) => getOverride(db, id),
      add: async (overrides, who, replaceAll = false) => addOverrides(db, overrides, who, replaceAll),
      edit: async (id, override, who) => editOverride(db, id, override, who),
      remove: async (id, who) => removeOverride(db, id, who),
      history: async (itemId, limit = 200) => overrideHistory(db, itemId, limit),
      pins: async (itemId) => listPins(db, itemId),
      pin: async (pin, who) => setPin(db, pin, who),
      pinAll: async (pins, who, replace) => setPins(db, pins, who, replace),
      unpin: async (itemId, who) => removePin(db, itemId, who),
      pinHistory: async (itemId, limit = 200) => pinHistory(db, itemId, limit),
    },

    snapshots: {
      record: (run, options) => writeToStore(db, 'keep its forecast snapshot', () => writeSnapshot(db, run.runId, run.createdAt, run.packed, run.keep), options),
      list: async (period) => listSnapshots(db, period),
      actuals: async (set, itemId) => resultActuals(db, set, itemId),
      bytes: async () => snapshotBytes(db),
    },

    reads: {
      currentRun: async () => reads.currentRun(db),
      healthGroups: async (set) => reads.healthGroups(db, set),
      resultTotals: async (set) => reads.resultTotals(db, set),
      atRisk: async (set, limit) => reads.atRisk(db, set, limit),
      errorPairs: async (set) => reads.errorPairs(db, set),
      itemTable: async (set) => [...reads.itemTable(db, set)],
      itemFacts: async (itemId) => reads.itemFacts(db, itemId),
      itemCodes: async (keys) => reads.itemCodes(db, keys),
      tableCounts: async () => reads.tableCounts(db),
      salesSummary: async () => reads.salesSummary(db),
    },
  };
}

/**
 * BEGIN IMMEDIATE takes the write lock at once (waiting up to the busy timeout), so nothing read
 * inside the import can change before its commit.
 */
function beginImport(db: Db, mode: ImportMode = {}): ImportTransaction {
  db.exec('BEGIN IMMEDIATE');
  const staged = mode.replaceSalesDays === true;
  if (staged) stageSales(db);
  return {
    countItems: async () => countItems(db),
    countImports: async () => countImports(db),
    findImport: async (hash) => findImport(db, hash),
    salesSpans: async () => salesSpans(db),
    loadCatalog: async () => loadCatalog(db),
    nextItemId: async () => nextItemId(db),
    dataVersion: async () => dataVersion(db),
    bumpDataVersion: async () => bumpDataVersion(db),
    recordImport: async (record) => recordImport(db, record),
    internUom: (catalog, code) => internUom(db, catalog, code),
    insertSales: (c) => insertSales(db, c, staged ? STAGED_SALES : 'sales'),
    replaceSalesDays: async () => {
      if (!staged) throw new Error('replaceSalesDays: the import was not begun with replaceSalesDays');
      return replaceSalesDays(db);
    },
    upsertInventory: (c) => upsertInventory(db, c),
    upsertUomFactors: (c) => upsertUomFactors(db, c),
    upsertItems: (c) => upsertItems(db, c),
    commit: async () => {
      db.exec('COMMIT');
    },
    rollback: async () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
}
