import type pg from 'pg';
import type { Store, StoreWriteOptions } from '../types';
import { count, describeUnit, listItemsWithStock, loadCatalog } from './catalog';
import * as actions from './actions';
import { connect, createPool, dataVersion, migrate, transaction, WRITE_LOCK } from './db';
import { pgChunkQueue } from './chunk-queue';
import { PgEventWriter } from './event-writer';
import { beginImport, findImport, listImports } from './imports';
import { runChanges } from './run-changes';
import { PgRunLock } from './run-lock';
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
import { listSnapshots, resultActuals, snapshotBytes, writeSnapshot } from './snapshots';
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

/**
 * The store on a PostgreSQL database (STOCKCAST_DATABASE_URL): a pool of connections per store
 * object, migrated before the first query; the events writer and worker reads use connections
 * of their own. `dir` is still the local data folder (the run lock file, test hooks).
 */
export function openPostgresStore(dir: string, url: string): Store {
  const pool = createPool(url);
  const ready = migrate(pool);
  ready.catch(() => {}); // reported by the first call that waits for it
  let open = true;
  const chunkQueue = pgChunkQueue(pool, ready);
  /** Every call waits for the migrations first. */
  const on = async <T>(work: (sql: pg.Pool) => Promise<T>): Promise<T> => {
    await ready;
    return work(pool);
  };
  /** One write transaction; a run cancelled before it starts writes nothing. */
  const write = async <T>(options: StoreWriteOptions | undefined, work: (sql: pg.PoolClient) => Promise<T>): Promise<T> => {
    await ready;
    options?.signal?.throwIfAborted();
    return transaction(pool, work);
  };
  /** One transaction holding the write lock that imports and event commits take (it raises the data version). */
  const locked = async <T>(work: (sql: pg.PoolClient) => Promise<T>): Promise<T> => {
    await ready;
    return transaction(pool, async (sql) => {
      await sql.query('SELECT pg_advisory_xact_lock($1)', [WRITE_LOCK]);
      return work(sql);
    });
  };

  return {
    dir,
    location: url,
    runLock: new PgRunLock(pool, ready, url),
    runChanges: runChanges(url, ready),
    chunkQueue,
    get isOpen() {
      return open;
    },
    close: async () => {
      if (!open) return;
      open = false;
      await ready.catch(() => {});
      await chunkQueue.stop();
      await pool.end();
    },
    dataVersion: () => on(dataVersion),
    countItems: () => on((sql) => count(sql, 'items')),
    countImports: () => on((sql) => count(sql, 'imports')),

    catalog: {
      load: () => on(loadCatalog),
      listItemsWithStock: (opts) => on((sql) => listItemsWithStock(sql, opts)),
      describeUnit: (item, unit) => on((sql) => describeUnit(sql, item, unit)),
    },

    imports: {
      find: (hash) => on((sql) => findImport(sql, hash)),
      list: (limit) => on((sql) => listImports(sql, limit)),
      begin: (mode) => on((pool) => beginImport(pool, mode)),
    },

    events: {
      storedResponse: (key) => on((sql) => reads.eventResponse(sql, key)),
      catalogSnapshot: async () => {
        await ready;
        return transaction(
          pool,
          async (sql) => ({ catalog: await loadCatalog(sql), version: await reads.othersVersion(sql) }),
          'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        );
      },
      versionWithoutEvents: () => on(reads.othersVersion),
      writer: async (now) => {
        await ready;
        return PgEventWriter.open(await connect(url), now);
      },
    },

    runs: {
      get: (id) => on((sql) => getRun(sql, id)),
      list: (options) => on((sql) => listRuns(sql, options)),
      findCompleted: (key) => on((sql) => findCompletedRun(sql, key)),
      latestCompleted: () => on(latestCompletedRun),
      lastOfResultSet: (set) => on((sql) => lastRunOfResultSet(sql, set)),
      start: (run, options) =>
        write(options, async (sql) => {
          const marked = await markInterruptedRuns(sql, run.startedAt);
          await insertRun(sql, run);
          return marked;
        }),
      attach: (id, f, options) =>
        write(options, async (sql) => {
          const set = f.resume ?? (await createResultSet(sql, { key: f.key, dataVersion: f.dataVersion, params: f.params, meta: f.meta, createdAt: Date.now() }));
          await assignRun(sql, id, { key: f.key, dataVersion: f.dataVersion, resultSet: set, itemsTotal: f.itemsTotal, itemsDone: f.itemsDone, resumedFrom: f.resumedFrom });
          return set;
        }),
      saveResults: (id, set, batch, from, to, options) =>
        write(options, async (sql) => {
          const t = performance.now();
          const inserted = await insertItemResults(sql, set, batch, from, to);
          await addRunProgress(sql, id, inserted);
          return { ms: performance.now() - t, inserted };
        }),
      complete: (id, end, options) =>
        write(options, async (sql) => {
          await setRunProgress(sql, id, end.itemsTotal); // first: a run that lost its claim completes nothing
          await completeResultSet(sql, end.resultSet);
          if (end.snapshot) await writeSnapshot(sql, id, end.endedAt, end.snapshot.packed, end.snapshot.keep);
          await finishRun(sql, id, { status: 'completed', endedAt: end.endedAt, summary: end.summary });
          await pruneResultSets(sql, end.key, end.dataVersion);
        }),
      end: (id, end, options) => write(options, (sql) => finishRun(sql, id, end)),
    },

    results: {
      get: (id) => on((sql) => getResultSet(sql, id)),
      findResumable: (key) => on((sql) => findResumableResultSet(sql, key)),
      storedItemKeys: (set) => on((sql) => storedItemKeys(sql, set)),
      countByStatus: (set) => on((sql) => countByStatus(sql, set)),
      readItem: (set, itemId) => on((sql) => readItemResult(sql, set, itemId)),
      async *iterate(set) {
        await ready;
        yield* iterateItemResults(pool, set);
      },
      deleteOrphaned: (limit, options) => write(options, (sql) => deleteOrphanedItemResults(sql, limit)),
      // PostgreSQL tidies up by itself (autovacuum, its own checkpoints).
      maintenanceTask: () => null,
    },

    policy: {
      get: () => on(actions.readServicePolicy),
      set: (policy) => locked((sql) => actions.writeServicePolicy(sql, policy)),
    },

    actions: {
      facts: (set) => on((sql) => actions.exceptionFacts(sql, set)),
      marks: () => on(actions.listActionMarks),
      mark: (m) => on((sql) => actions.upsertActionMark(sql, m)),
      unmark: (itemId, kind) => on((sql) => actions.deleteActionMark(sql, itemId, kind)),
    },

    worksheet: {
      candidates: (set) => on((sql) => actions.worksheetCandidates(sql, set)),
      draft: () => on(actions.listDraft),
      saveLine: (line) => on((sql) => actions.saveDraftLine(sql, line)),
      clear: () => on(actions.clearDraft),
    },

    overrides: {
      list: (itemId) => on((sql) => listOverrides(sql, itemId)),
      get: (id) => on((sql) => getOverride(sql, id)),
      add: (overrides, who, replaceAll = false) => locked((sql) => addOverrides(sql, overrides, who, replaceAll)),
      edit: (id, override, who) => locked((sql) => editOverride(sql, id, override, who)),
      remove: (id, who) => locked((sql) => removeOverride(sql, id, who)),
      history: (itemId, limit = 200) => on((sql) => overrideHistory(sql, itemId, limit)),
      pins: (itemId) => on((sql) => listPins(sql, itemId)),
      pin: (pin, who) => locked((sql) => setPin(sql, pin, who)),
      pinAll: (pins, who, replace) => locked((sql) => setPins(sql, pins, who, replace)),
      unpin: (itemId, who) => locked((sql) => removePin(sql, itemId, who)),
      pinHistory: (itemId, limit = 200) => on((sql) => pinHistory(sql, itemId, limit)),
    },

    snapshots: {
      record: (run, options) => write(options, (sql) => writeSnapshot(sql, run.runId, run.createdAt, run.packed, run.keep)),
      list: (period) => on((sql) => listSnapshots(sql, period)),
      actuals: (set, itemId) => on((sql) => resultActuals(sql, set, itemId)),
      bytes: () => on(snapshotBytes),
    },

    reads: {
      currentRun: () => on(reads.currentRun),
      healthGroups: (set) => on((sql) => reads.healthGroups(sql, set)),
      resultTotals: (set) => on((sql) => reads.resultTotals(sql, set)),
      atRisk: (set, limit) => on((sql) => reads.atRisk(sql, set, limit)),
      errorPairs: (set) => on((sql) => reads.errorPairs(sql, set)),
      itemTable: (set) => on((sql) => reads.itemTable(sql, set)),
      itemFacts: (itemId) => on((sql) => reads.itemFacts(sql, itemId)),
      itemCodes: (keys) => on((sql) => reads.itemCodes(sql, keys)),
      tableCounts: async () => ({
        items: await on((sql) => count(sql, 'items')),
        stockRecords: await on((sql) => count(sql, 'inventory')),
        unitFactors: await on((sql) => count(sql, 'uom_factors')),
      }),
      salesSummary: () => on(reads.salesSummary),
    },
  };
}
