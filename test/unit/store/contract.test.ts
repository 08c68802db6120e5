import { describe, expect, it } from 'vitest';
import { BatchBuilder } from '@/lib/events/batch';
import { importFiles } from '@/lib/ingest/import';
import { ImportError } from '@/lib/ingest/issues';
import pg from 'pg';
import { RunClaimLostError, type ItemResultBatch, type Store } from '@/lib/store';
import { parseIsoDay } from '@/lib/store/days';
import { readActionsAt, readCatalogueAt, readSalesAt, readSnapshotAt } from '@/lib/store/scan';
import { BACKENDS, testStores } from '../../helpers/stores';
import { csv, GOOD } from '../ingest/helpers';

const goodFiles = () => [
  csv('items.csv', GOOD.items),
  csv('uom.csv', GOOD.uom),
  csv('sales.csv', GOOD.sales),
  csv('inventory.csv', GOOD.inventory),
];

const day = (iso: string) => parseIsoDay(iso);

/** What a store holds, read through the contract only (for "nothing changed" checks). */
/** Each item's span of stored sales days by item code, read in an import's transaction and rolled back. */
async function spansByCode(store: Store, codeOf: Map<number, string>): Promise<Record<string, [number, number]>> {
  const tx = await store.imports.begin();
  try {
    const s = await tx.salesSpans();
    return Object.fromEntries(Array.from(s.item, (id, k) => [codeOf.get(id)!, [s.firstDay[k]!, s.lastDay[k]!]]));
  } finally {
    await tx.rollback();
  }
}

async function snapshot(store: Store) {
  return {
    version: await store.dataVersion(),
    items: await store.countItems(),
    imports: await store.countImports(),
    counts: await store.reads.tableCounts(),
    sales: await store.reads.salesSummary(),
    list: await store.catalog.listItemsWithStock({ limit: 100, offset: 0 }),
  };
}

/** A one-item result batch with a horizon of two periods. */
function resultBatch(item: number, seed: number): ItemResultBatch {
  const f = (...v: number[]) => Float64Array.from(v);
  return {
    count: 1,
    horizon: 2,
    modelNames: ['naive', 'ets'],
    item: Int32Array.of(item),
    status: Uint8Array.of(0),
    abc: Uint8Array.of(0),
    xyz: Uint8Array.of(1),
    onHand: f(10 + seed),
    onOrder: f(2),
    leadTimeDays: f(7),
    serviceLevel: f(0.95),
    lastSaleDay: f(20_000),
    annualValue: f(1234.5),
    cv: f(Number.NaN),
    model: Int32Array.of(1),
    error: f(0.25),
    errorKind: Uint8Array.of(1),
    naiveError: f(0.5),
    grade: Uint8Array.of(0),
    seasonal: Uint8Array.of(1),
    historyStart: Int32Array.of(100),
    history: f(1, 2, 3),
    fitted: f(1.5, 2.5, 3.5),
    historyOffsets: Int32Array.of(0, 3),
    point: f(0.1 + seed, 0.2),
    lo80: f(0, 0),
    hi80: f(1, 1),
    lo95: f(-1, -1),
    hi95: f(2, 2),
    sigma: f(0.3, 0.4),
    projected: f(9, Number.POSITIVE_INFINITY),
    // Even seeds were forecast with a model the analyst pinned.
    leaderboard: [seed % 2 === 0 ? '[{"model":"ets","error":0.25,"pinned":true}]' : '[{"model":"ets","error":0.25}]'],
    // Odd seeds carry an override: their statistical forecast is kept beside the final one.
    statistical: f(5 + seed, 6),
    overridden: Uint8Array.of(seed % 2),
    demandOverLeadTime: f(3),
    safetyStock: f(1),
    reorderPoint: f(4),
    daysOfSupply: f(Number.POSITIVE_INFINITY),
    stockoutDay: f(Number.NaN),
    targetCover: f(14),
    excessUnits: f(0),
    excessValue: f(0),
    orderQuantity: f(6),
    cycleDemand: f(7),
    dailyDemand: f(0.5),
  } as unknown as ItemResultBatch;
}

describe.each(BACKENDS)('store contract on %s', (backend) => {
  const stores = testStores(backend);

  it('starts empty at data version 0', async () => {
    const store = await stores.fresh();
    expect(await snapshot(store)).toEqual({
      version: 0,
      items: 0,
      imports: 0,
      counts: { items: 0, stockRecords: 0, unitFactors: 0 },
      sales: { rows: 0, firstDay: null, lastDay: null },
      list: [],
    });
    expect(await store.runs.latestCompleted()).toBeNull();
    expect(await store.reads.currentRun()).toBeNull();
  });

  it('imports all four kinds in one transaction that raises the version once, then skips the same bytes', async () => {
    const store = await stores.fresh();
    const outcome = await importFiles(store, goodFiles());
    expect(outcome.dataVersion).toBe(1);
    expect(outcome.imported.map((f) => [f.kind, f.rows, f.skipped])).toEqual([
      ['items', 3, false],
      ['uom', 4, false],
      ['sales', 6, false],
      ['inventory', 3, false],
    ]);
    const s = await snapshot(store);
    expect(s).toMatchObject({ version: 1, items: 3, imports: 4, counts: { items: 3, stockRecords: 3, unitFactors: 4 } });
    expect(s.sales).toEqual({ rows: 6, firstDay: day('2026-10-01'), lastDay: day('2026-10-03') });
    expect(s.list.map((r) => [r.item_id, r.name, r.on_hand, r.stock_uom, r.as_of])).toEqual([
      ['A-1', 'Cola 330ml', 120, 'EA', day('2026-10-31')],
      ['B-2', 'Cheddar, Mature', 0, 'EA', day('2026-10-31')],
      ['C-3', 'Espresso Beans', 3, 'BAG', day('2026-10-31')],
    ]);
    expect((await store.catalog.listItemsWithStock({ limit: 10, offset: 0, search: 'cheddar' })).map((r) => r.item_id)).toEqual(['B-2']);
    const catalog = await store.catalog.load();
    expect([...catalog.itemIds.keys()].sort()).toEqual(['A-1', 'B-2', 'C-3']);
    expect([...catalog.uomIds.keys()].sort()).toEqual(['BAG', 'CASE', 'DZ', 'EA', 'KG', 'PALLET']);
    const keys = [...catalog.itemIds.values()];
    expect(await store.reads.itemCodes([keys[2]!, keys[0]!, 999_999])).toEqual([...catalog.itemIds.keys()].filter((code) => catalog.itemIds.get(code) !== keys[1]).sort());
    expect(await store.reads.itemCodes([])).toEqual([]);
    const facts = await store.reads.itemFacts('A-1');
    expect(facts).toMatchObject({ itemId: 'A-1', unitCost: 0.45, serviceLevel: 0.95, moq: 24, casePack: 24 });
    expect(facts!.stock).toEqual({ onHand: 120, onOrder: 48, uom: 'EA', asOfDay: day('2026-10-31'), onOrderDueDay: day('2026-11-05') });
    expect(facts!.factors.map((f) => [f.uom, f.factor])).toEqual([
      ['CASE', 24],
      ['PALLET', 1920],
      ['DZ', 12],
    ]);
    expect((await store.imports.list()).map((r) => [r.name, r.kind, r.rows, r.dataVersion])).toEqual([
      ['inventory.csv', 'inventory', 3, 1],
      ['sales.csv', 'sales', 6, 1],
      ['uom.csv', 'uom', 4, 1],
      ['items.csv', 'items', 3, 1],
    ]);

    const again = await importFiles(store, goodFiles());
    expect(again.dataVersion).toBe(1);
    expect(again.imported.every((f) => f.skipped)).toBe(true);
    expect(await snapshot(store)).toEqual(s);
  });

  it('writes nothing of any file when one row is bad, and names file, row and column', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const before = await snapshot(store);
    const bad = 'item_id,date,quantity,uom\nA-1,2026-11-01,4,EA\nZ-9,2026-11-01,1,EA\n';
    const attempt = importFiles(store, [csv('more-items.csv', GOOD.items.replace('A-1,Cola', 'D-4,Cola')), csv('more-sales.csv', bad)]);
    const err = await attempt.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).issues).toMatchObject([{ file: 'more-sales.csv', row: 3, column: 'item_id' }]);
    expect((err as ImportError).issues[0]!.message).toContain('Z-9');
    expect(await snapshot(store)).toEqual(before);
  });

  it('rolls an import back when its precondition refuses inside the transaction', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const before = await snapshot(store);
    const refused = importFiles(store, [csv('late.csv', 'item_id,date,quantity\nA-1,2026-11-02,1\n')], {
      precondition: async (tx) => {
        if ((await tx.countItems()) > 0) throw new Error('store not empty');
      },
    });
    await expect(refused).rejects.toThrow('store not empty');
    expect(await snapshot(store)).toEqual(before);
  });

  it('keeps each item’s span of sales days, folding in the rows imports and events added since, and an import names the rows that repeat stored days', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const ids = (await store.catalog.load()).itemIds;
    const codeOf = new Map([...ids].map(([code, id]) => [id, code]));
    const spans = () => spansByCode(store, codeOf);
    expect(await spans()).toEqual({
      'A-1': [day('2026-10-01'), day('2026-10-02')],
      'B-2': [day('2026-10-02'), day('2026-10-02')],
      'C-3': [day('2026-10-03'), day('2026-10-03')],
    });
    const writer = await store.events.writer();
    try {
      writer.addUnits(['EA']);
      const late = new BatchBuilder();
      late.addSale(ids.get('A-1')!, day('2026-11-01'), 1, 0);
      await writer.apply([{ kind: 'final', req: 1, batch: late.take(), staged: 0, idempotencyKey: null, response: '' }]);
    } finally {
      await writer.close();
    }
    expect((await spans())['A-1']).toEqual([day('2026-10-01'), day('2026-11-01')]);

    const again = 'item_id,date,quantity,uom\nA-1,2026-10-15,1,EA\nB-2,2026-10-02,2,EA\nB-2,2026-10-03,1,EA\nC-3,2026-09-30,1,BAG\n';
    const outcome = await importFiles(store, [csv('again.csv', again)]);
    expect(outcome.imported).toEqual([
      { file: 'again.csv', kind: 'sales', rows: 4, skipped: false, repeated: { rows: 2, items: 2, firstDay: day('2026-10-02'), lastDay: day('2026-10-15') } },
    ]);
    // Its own rows count for the next import; days after every stored one repeat nothing.
    expect((await spans())['C-3']).toEqual([day('2026-09-30'), day('2026-10-03')]);
    const later = await importFiles(store, [csv('later.csv', 'item_id,date,quantity,uom\nA-1,2026-11-02,1,EA\nC-3,2026-10-04,1,BAG\n')]);
    expect(later.imported[0]!.repeated).toBeUndefined();
  });

  it('replaces the stored sales on the items and days an import holds, leaves every other day, keeps the spans, and rolls back whole', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const ids = (await store.catalog.load()).itemIds;
    const codeOf = new Map([...ids].map(([code, id]) => [id, code]));
    const sold = async () => {
      const w = await readSalesAt(store.location, { from: 0, to: null, window: 1 << 20 }, { int32: (n) => new Int32Array(n) });
      return Array.from({ length: w.rows }, (_, r) => `${codeOf.get(w.item[r]!)} ${w.day[r]} ${w.quantity[r]} ${w.unit[r]}`).sort();
    };
    const spans = () => spansByCode(store, codeOf);
    const before = await sold();
    await spans();
    // A-1's Oct 1 (two rows) corrected to one; B-2 gains Oct 5; A-1's Oct 2, B-2's Oct 2 and C-3 stay.
    const fix = 'item_id,date,quantity,uom\nA-1,2026-10-01,7,EA\nB-2,2026-10-05,4,EA\nB-2,2026-10-05,1,EA\n';
    const outcome = await importFiles(store, [csv('fix.csv', fix)], { replaceSalesDays: true });
    expect(outcome).toMatchObject({ dataVersion: 2, replaced: { rows: 2, itemDays: 2 } });
    expect(outcome.imported[0]!.repeated).toBeUndefined();
    const ea = (await store.catalog.load()).uomIds.get('EA')!;
    const after = await sold();
    const kept = before.filter((row) => !row.startsWith(`A-1 ${day('2026-10-01')} `));
    expect(kept.length).toBe(before.length - 2);
    expect(after).toEqual(
      [...kept, `A-1 ${day('2026-10-01')} 7 ${ea}`, `B-2 ${day('2026-10-05')} 4 ${ea}`, `B-2 ${day('2026-10-05')} 1 ${ea}`].sort(),
    );
    expect((await spans())['B-2']).toEqual([day('2026-10-02'), day('2026-10-05')]);
    // A later import adds as before, and sees the replaced days as stored ones.
    const added = await importFiles(store, [csv('more.csv', 'item_id,date,quantity,uom\nB-2,2026-10-05,2,EA\nB-2,2026-10-06,2,EA\n')]);
    expect(added.replaced).toBeUndefined();
    expect(added.imported[0]!.repeated).toMatchObject({ rows: 1, items: 1 });
    expect((await spans())['B-2']).toEqual([day('2026-10-02'), day('2026-10-06')]);
    // Replacing the newest rows by fewer: rows added later still reach the spans.
    const fewer = await importFiles(store, [csv('fewer.csv', 'item_id,date,quantity,uom\nB-2,2026-10-05,6,EA\nB-2,2026-10-06,1,EA\n')], { replaceSalesDays: true });
    expect(fewer.replaced).toEqual({ rows: 4, itemDays: 2 });
    await importFiles(store, [csv('c3.csv', 'item_id,date,quantity,uom\nC-3,2026-10-09,1,KG\n')]);
    expect(await spans()).toMatchObject({ 'B-2': [day('2026-10-02'), day('2026-10-06')], 'C-3': [day('2026-10-03'), day('2026-10-09')] });
    // A refused import in this mode removes nothing.
    const stored = await sold();
    const refused = importFiles(store, [csv('bad-fix.csv', 'item_id,date,quantity,uom\nA-1,2026-10-02,1,EA\nZ-9,2026-10-02,1,EA\n')], { replaceSalesDays: true });
    await expect(refused).rejects.toBeInstanceOf(ImportError);
    expect(await sold()).toEqual(stored);
    expect(await store.dataVersion()).toBe(5);
  });

  it('imports an extract imported before again when it replaces days: a doubled re-export counts once, and is listed once', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const doubled = await importFiles(store, [csv('re-export.csv', `${GOOD.sales}A-1,2026-10-04,2,EA\n`)]);
    expect(doubled.imported[0]!.repeated).toMatchObject({ rows: 6 });
    expect((await store.reads.salesSummary()).rows).toBe(13);
    const again = await importFiles(store, [csv('re-export.csv', `${GOOD.sales}A-1,2026-10-04,2,EA\n`)], { replaceSalesDays: true });
    expect(again.imported).toEqual([{ file: 're-export.csv', kind: 'sales', rows: 7, skipped: false }]);
    expect(again.replaced).toEqual({ rows: 13, itemDays: 5 });
    expect((await store.reads.salesSummary()).rows).toBe(7);
    const listed = await store.imports.list();
    expect(listed.filter((r) => r.name === 're-export.csv')).toHaveLength(1);
    expect(listed[0]).toMatchObject({ name: 're-export.csv', dataVersion: 3 });
  });

  it('applies event transactions: staged rows stay invisible until final, a key replays its answer', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const catalog = await store.catalog.load();
    const a1 = catalog.itemIds.get('A-1')!;
    const writer = await store.events.writer();
    try {
      writer.addUnits(['EA', 'BOX']);
      const sales = (n: number, quantity: number, unit = 0) => {
        const b = new BatchBuilder();
        for (let i = 0; i < n; i++) b.addSale(a1, day('2026-11-01'), quantity, unit);
        return b.take();
      };
      const staged = await writer.apply([{ kind: 'stage', req: 1, batch: sales(3, 1) }]);
      expect(staged.version).toBeNull();
      expect(writer.stagedRequests()).toBe(1);
      expect(await writer.stagedRows()).toEqual({ sales: 3, stock: 0 });
      expect((await store.reads.salesSummary()).rows).toBe(6);

      const final = await writer.apply([{ kind: 'final', req: 1, batch: sales(2, 2, 1), staged: 3, idempotencyKey: 'k-1', response: '{"ok":1}' }]);
      expect(final).toMatchObject({ version: 2, finals: [{ req: 1, stored: true, replay: null }] });
      expect((await store.reads.salesSummary()).rows).toBe(11);
      expect(await writer.stagedRows()).toEqual({ sales: 0, stock: 0 });
      expect(await store.events.storedResponse('k-1')).toBe('{"ok":1}');
      expect((await store.catalog.load()).uomIds.has('BOX')).toBe(true);

      const retry = await writer.apply([{ kind: 'final', req: 2, batch: sales(2, 2), staged: 0, idempotencyKey: 'k-1', response: '{"ok":2}' }]);
      expect(retry).toMatchObject({ version: null, finals: [{ req: 2, stored: true, replay: '{"ok":1}' }] });
      expect((await store.reads.salesSummary()).rows).toBe(11);
      // Event commits raise the version but not the version the event catalog depends on.
      expect(await store.dataVersion()).toBe(2);
      expect(await store.events.versionWithoutEvents()).toBe(1);
      expect((await store.events.catalogSnapshot()).version).toBe(1);

      const lost = await writer.apply([{ kind: 'final', req: 3, batch: null, staged: 4, idempotencyKey: null, response: '' }]);
      expect(lost.finals).toEqual([{ req: 3, stored: false, error: '4 staged events were lost (writer restarted)' }]);

      const bad = new BatchBuilder();
      bad.addSale(a1, day('2026-11-01'), 1, 99);
      await expect(writer.apply([{ kind: 'final', req: 4, batch: bad.take(), staged: 0, idempotencyKey: null, response: '' }])).rejects.toThrow(
        'unit key 99 was never announced',
      );
      expect(await store.dataVersion()).toBe(2);
    } finally {
      await writer.close();
    }
  });

  it('records runs and results, answers the cache, and reads results back as they were written', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const catalog = await store.catalog.load();
    const [a1, b2] = [catalog.itemIds.get('A-1')!, catalog.itemIds.get('B-2')!];
    const run = { id: 'run-1', key: 'v1:week:h2', dataVersion: 1, params: { period: 'week' as const, horizon: 2 }, origin: 'cli' as const, startedAt: 1_000, pid: 1, host: 'h' };
    expect(await store.runs.start(run)).toBe(0);
    const meta = { period: 'week' as const, horizon: 2, periodDays: 7, levels: [80, 95], forecastStartPeriod: 10, forecastStartDay: 70, asOfDay: 69, itemsTotal: 2 };
    const set = await store.runs.attach(run.id, { key: run.key, dataVersion: 1, params: run.params, meta, resume: null, itemsTotal: 2, itemsDone: 0, resumedFrom: null });
    expect((await store.runs.saveResults(run.id, set, resultBatch(a1, 0), 0, 1)).inserted).toBe(1);
    expect(await store.results.findResumable(run.key)).toMatchObject({ id: set, complete: false, itemsDone: 1 });
    expect(await store.runs.findCompleted(run.key)).toBeNull();
    // The same item written again (a chunk retried after its worker died) adds nothing and counts once:
    // the first write is kept.
    expect((await store.runs.saveResults(run.id, set, resultBatch(a1, 1), 0, 1)).inserted).toBe(0);
    expect(await store.runs.get(run.id)).toMatchObject({ itemsDone: 1 });
    expect((await store.results.readItem(set, 'A-1'))!.statistical.length).toBe(0);
    expect((await store.runs.saveResults(run.id, set, resultBatch(b2, 1), 0, 1)).inserted).toBe(1);
    expect(await store.runs.get(run.id)).toMatchObject({ itemsDone: 2 });
    await store.runs.complete(run.id, { resultSet: set, key: run.key, dataVersion: 1, itemsTotal: 2, endedAt: 2_000, summary: { items: 2 }, snapshot: { packed: (await readSnapshotAt(store.location, set))!, keep: 5 } });
    // The completion kept the run's snapshot (packed by a reader of its own, as the pipeline's worker does) in its own transaction.
    expect((await store.snapshots.list('week')).map((s) => [s.runId, s.createdAt, s.count])).toEqual([['run-1', 2_000, 2]]);

    expect(await store.runs.findCompleted(run.key)).toMatchObject({ id: 'run-1', status: 'completed', itemsDone: 2, resultSet: set, summary: { items: 2 } });

    // The actions worker reads the inbox's facts and the worksheet from the location, in one snapshot: the store's own rows.
    await store.worksheet.saveLine({ itemId: 'A-1', quantity: 5, dueDay: 80, updatedAt: 9 });
    const scanned = await readActionsAt(store.location, async (scan) => ({
      facts: await scan.exceptionFacts(set),
      candidates: await scan.worksheetCandidates(set),
      draft: await scan.worksheetDraft(),
    }));
    expect(scanned.facts.map((f) => [f.itemId, f.recentPeriods]).sort()).toEqual([
      ['A-1', [1, 2, 3]],
      ['B-2', [1, 2, 3]],
    ]);
    expect(scanned.candidates.map((c) => [c.itemId, c.orderQuantity, c.cycleDemand])).toEqual([
      ['A-1', 6, 7],
      ['B-2', 6, 7],
    ]);
    expect(scanned).toEqual({ facts: await store.actions.facts(set), candidates: await store.worksheet.candidates(set), draft: await store.worksheet.draft() });
    expect(scanned.draft).toEqual([{ itemId: 'A-1', quantity: 5, dueDay: 80, updatedAt: 9 }]);
    await store.worksheet.clear();
    expect(await store.runs.get('run-1')).toMatchObject({ startedAt: 1_000, endedAt: 2_000, params: run.params });
    expect(await store.reads.currentRun()).toEqual({ runId: 'run-1', origin: 'cli', startedAt: 1_000, endedAt: 2_000, dataVersion: 1, resultSet: set, meta });
    expect(await store.results.countByStatus(set)).toMatchObject({ [Object.keys(await store.results.countByStatus(set))[0]!]: 2 });
    expect([...(await store.results.storedItemKeys(set))].sort()).toEqual([a1, b2].sort());

    const item = await store.results.readItem(set, 'B-2');
    expect(item).toMatchObject({ itemId: 'B-2', name: 'Cheddar, Mature', onHand: 11, model: 'ets', errorKind: 'rmsse', seasonal: true, cv: null, stockoutDay: null, daysOfSupply: null, historyStart: 100 });
    expect([...item!.point]).toEqual([1.1, 0.2]);
    expect([...item!.projected]).toEqual([9, Number.POSITIVE_INFINITY]);
    expect([...item!.history]).toEqual([1, 2, 3]);
    expect(item!.leaderboard).toEqual([{ model: 'ets', error: 0.25 }]);
    const all = [];
    for await (const r of store.results.iterate(set)) all.push(r.itemId);
    expect(all).toEqual(['A-1', 'B-2']);
    expect((await store.reads.itemTable(set)).map((r) => [r[0], r[18], r[19]])).toEqual([
      ['A-1', 0, 1],
      ['B-2', 1, 0],
    ]);
    expect([...item!.statistical]).toEqual([6, 6]);
    expect((await store.results.readItem(set, 'A-1'))!.statistical.length).toBe(0);

    // The run's snapshot: float32 columns, the statistical forecast only where an override changed it
    // (recording it again, as the bench does, replaces it).
    expect(await store.snapshots.record({ runId: 'run-1', createdAt: 2_000, packed: (await readSnapshotAt(store.location, set))!, keep: 5 })).toBeGreaterThan(0);
    const [snap, ...more] = await store.snapshots.list('week');
    expect(more).toEqual([]);
    expect(snap).toMatchObject({ runId: 'run-1', createdAt: 2_000, startPeriod: 10, horizon: 2, count: 2 });
    expect([...snap!.final]).toEqual([...Float32Array.of(0.1, 0.2, 1.1, 0.2)]);
    expect([...snap!.statistical]).toEqual([...Float32Array.of(0.1, 0.2, 6, 6)]);
    expect([...snap!.naive]).toEqual([3, 3]);
    expect(await store.snapshots.bytes()).toBeGreaterThan(0);
    const actuals = await store.snapshots.actuals(set, 'B-2');
    expect([...actuals.entries()].map(([k, v]) => [k, v.start, [...v.values]])).toEqual([[b2, 100, [1, 2, 3]]]);
    expect(await store.reads.errorPairs(set)).toEqual([
      [0.25, 0.5],
      [0.25, 0.5],
    ]);

    // A later run finds the earlier one still `running` only if its process died.
    await store.runs.start({ ...run, id: 'run-2', startedAt: 3_000 });
    await store.runs.end('run-2', { status: 'failed', endedAt: 3_500, error: 'boom' });
    expect((await store.runs.list()).map((r) => [r.id, r.status])).toEqual([
      ['run-2', 'failed'],
      ['run-1', 'completed'],
    ]);
    await store.runs.start({ ...run, id: 'run-3', startedAt: 4_000 });
    expect(await store.runs.start({ ...run, id: 'run-4', startedAt: 5_000 })).toBe(1);
    expect(await store.runs.get('run-3')).toMatchObject({ status: 'interrupted' });
  });

  it("keeps the analyst's data: the service-level policy, inbox marks, draft lines, and overrides with their history", async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const v0 = await store.dataVersion();
    expect(await store.policy.get()).toBeNull();
    const policy = { A: { X: 0.99, Y: 0.98, Z: 0.97 }, B: { X: 0.96, Y: 0.95, Z: 0.94 }, C: { X: 0.9, Y: 0.85, Z: 0.8 } };
    expect(await store.policy.set(policy)).toBe(v0 + 1);
    expect(await store.policy.get()).toEqual(policy);
    // The same policy again changes nothing: the results computed under it stay current.
    expect(await store.policy.set(structuredClone(policy))).toBe(v0 + 1);
    expect(await store.dataVersion()).toBe(v0 + 1);

    await store.actions.mark({ itemId: 'A-1', kind: 'stockout', state: 'snoozed', untilDay: 100, markedBy: 'Ana', markedAt: 5 });
    await store.actions.mark({ itemId: 'A-1', kind: 'stockout', state: 'handled', untilDay: null, markedBy: 'Bo', markedAt: 6 });
    expect(await store.actions.marks()).toEqual([{ itemId: 'A-1', kind: 'stockout', state: 'handled', untilDay: null, markedBy: 'Bo', markedAt: 6 }]);
    expect(await store.actions.unmark('A-1', 'stockout')).toBe(true);
    expect(await store.actions.unmark('A-1', 'stockout')).toBe(false);

    await store.worksheet.saveLine({ itemId: 'B-2', quantity: 12, dueDay: 300, updatedAt: 7 });
    await store.worksheet.saveLine({ itemId: 'B-2', quantity: 24, dueDay: 301, updatedAt: 8 });
    expect(await store.worksheet.draft()).toEqual([{ itemId: 'B-2', quantity: 24, dueDay: 301, updatedAt: 8 }]);
    expect(await store.worksheet.clear()).toBe(1);
    expect(await store.worksheet.draft()).toEqual([]);

    const o = { itemId: 'A-1', startDay: 70, endDay: 83, kind: 'percent' as const, value: 20, reason: 'promotion', untilDay: null };
    const [id] = await store.overrides.add([o], { author: 'Ana', at: 10 });
    expect(await store.dataVersion()).toBe(v0 + 2);
    expect(await store.overrides.edit(id!, { ...o, value: 30 }, { author: 'Bo', at: 11 })).toBe(true);
    expect(await store.overrides.edit(id! + 1000, o, { author: 'Bo', at: 11 })).toBe(false);
    expect(await store.overrides.list('A-1')).toMatchObject([{ id, value: 30, author: 'Bo', createdAt: 10, updatedAt: 11 }]);
    const scanned = await readCatalogueAt(store.location, (scan) => scan.overrides());
    expect(scanned).toEqual([[(await store.catalog.load()).itemIds.get('A-1'), 'A-1', 70, 83, 'percent', 30]]);
    expect(await store.overrides.remove(id!, { author: 'Cy', at: 12 })).toBe(true);
    expect(await store.overrides.get(id!)).toBeNull();
    expect((await store.overrides.history('A-1')).map((c) => [c.action, c.author, c.override.value])).toEqual([
      ['remove', 'Cy', 30],
      ['edit', 'Bo', 30],
      ['set', 'Ana', 20],
    ]);
    expect(await store.dataVersion()).toBe(v0 + 4);
  });

  it('keeps pinned models, one an item, with who, when and why, their history, and a new data version each change', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const v0 = await store.dataVersion();
    expect(await store.overrides.pins()).toEqual([]);
    expect(await store.overrides.pin({ itemId: 'A-1', model: 'auto_ets', reason: 'trend is real' }, { author: 'Ana', at: 10 })).toBe('set');
    expect(await store.overrides.pin({ itemId: 'A-1', model: 'naive', reason: 'new supplier' }, { author: 'Bo', at: 11 })).toBe('edit');
    // The same pin sent again changes nothing: no history entry, no new data version.
    expect(await store.overrides.pin({ itemId: 'A-1', model: 'naive', reason: 'new supplier' }, { author: 'Eve', at: 12 })).toBe('unchanged');
    // A pin for an item no longer in the list is kept and reported by the scan, not dropped.
    await store.overrides.pin({ itemId: 'GONE', model: 'croston', reason: 'old' }, { author: 'Cy', at: 12 });
    expect(await store.dataVersion()).toBe(v0 + 3);
    expect(await store.overrides.pins('A-1')).toEqual([{ itemId: 'A-1', model: 'naive', reason: 'new supplier', author: 'Bo', createdAt: 10, updatedAt: 11 }]);
    expect((await store.overrides.pins()).map((p) => p.itemId)).toEqual(['A-1', 'GONE']);
    const key = (await store.catalog.load()).itemIds.get('A-1');
    expect(await readCatalogueAt(store.location, (scan) => scan.pins())).toEqual([
      [key, 'A-1', 'naive'],
      [null, 'GONE', 'croston'],
    ]);
    expect(await store.overrides.unpin('A-1', { author: 'Di', at: 13 })).toBe(true);
    expect(await store.overrides.unpin('A-1', { author: 'Di', at: 14 })).toBe(false);
    expect(await store.overrides.pins('A-1')).toEqual([]);
    expect((await store.overrides.pinHistory('A-1')).map((c) => [c.action, c.author, c.pin.model, c.pin.reason, c.at])).toEqual([
      ['remove', 'Di', 'naive', 'new supplier', 13],
      ['edit', 'Bo', 'naive', 'new supplier', 11],
      ['set', 'Ana', 'auto_ets', 'trend is real', 10],
    ]);
    expect(await store.overrides.pinHistory(undefined, 1)).toHaveLength(1);
    expect(await store.dataVersion()).toBe(v0 + 4);
  });

  it('pins a file of models all or nothing, and with replace removes the pins the file does not name', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    await store.overrides.pin({ itemId: 'A-1', model: 'naive', reason: 'old' }, { author: 'Ana', at: 1 });
    await store.overrides.pin({ itemId: 'GONE', model: 'croston', reason: 'old' }, { author: 'Ana', at: 1 });
    const file = [
      { itemId: 'A-1', model: 'auto_ets', reason: 'trend is real' },
      { itemId: 'B-2', model: 'auto_theta', reason: 'new line' },
    ];
    expect(await store.overrides.pinAll(file, { author: 'Bo', at: 2 }, false)).toEqual({ set: 1, edited: 1, removed: 0, unchanged: 0 });
    // The same file again: nothing to do, and the data version stays.
    const same = await store.dataVersion();
    expect(await store.overrides.pinAll(file, { author: 'Bo', at: 3 }, false)).toEqual({ set: 0, edited: 0, removed: 0, unchanged: 2 });
    expect(await store.dataVersion()).toBe(same);
    expect((await store.overrides.pins()).map((p) => [p.itemId, p.model, p.author])).toEqual([
      ['A-1', 'auto_ets', 'Bo'],
      ['B-2', 'auto_theta', 'Bo'],
      ['GONE', 'croston', 'Ana'],
    ]);
    const v = await store.dataVersion();
    // A row the store refuses (a NULL model breaks the NOT NULL column) rolls the whole file back.
    const broken = [{ itemId: 'B-2', model: 'naive', reason: 'first' }, { itemId: 'A-1', model: null as unknown as string, reason: 'bad' }];
    await expect(store.overrides.pinAll(broken, { author: 'Cy', at: 3 }, true)).rejects.toThrow();
    expect((await store.overrides.pins()).map((p) => [p.itemId, p.model])).toEqual([
      ['A-1', 'auto_ets'],
      ['B-2', 'auto_theta'],
      ['GONE', 'croston'],
    ]);
    expect(await store.dataVersion()).toBe(v);
    expect(await store.overrides.pinAll([{ itemId: 'B-2', model: 'naive', reason: 'flat' }], { author: 'Di', at: 4 }, true)).toEqual({ set: 0, edited: 1, removed: 2, unchanged: 0 });
    expect((await store.overrides.pins()).map((p) => [p.itemId, p.model])).toEqual([['B-2', 'naive']]);
    expect((await store.overrides.pinHistory()).slice(0, 3).map((c) => [c.action, c.itemId])).toEqual(
      expect.arrayContaining([['remove', 'A-1'], ['remove', 'GONE'], ['edit', 'B-2']]),
    );
  });

  it('refuses every further write of a run that lost its claim, and rolls that write back whole', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const catalog = await store.catalog.load();
    const [a1, b2] = [catalog.itemIds.get('A-1')!, catalog.itemIds.get('B-2')!];
    const run = { id: 'old', key: 'v1:week:h2', dataVersion: 1, params: { period: 'week' as const, horizon: 2 }, origin: 'server' as const, startedAt: 1_000, pid: 1, host: 'h' };
    const meta = { period: 'week' as const, horizon: 2, periodDays: 7, levels: [80, 95], forecastStartPeriod: 10, forecastStartDay: 70, asOfDay: 69, itemsTotal: 2 };
    await store.runs.start(run);
    const set = await store.runs.attach(run.id, { key: run.key, dataVersion: 1, params: run.params, meta, resume: null, itemsTotal: 2, itemsDone: 0, resumedFrom: null });
    await store.runs.saveResults(run.id, set, resultBatch(a1, 0), 0, 1);
    // The next holder of the run lock finds it `running`: its claim ends here.
    expect(await store.runs.start({ ...run, id: 'new', startedAt: 2_000 })).toBe(1);

    await expect(store.runs.saveResults(run.id, set, resultBatch(b2, 0), 0, 1)).rejects.toBeInstanceOf(RunClaimLostError);
    expect([...(await store.results.storedItemKeys(set))]).toEqual([a1]);
    await expect(
      store.runs.complete(run.id, { resultSet: set, key: run.key, dataVersion: 1, itemsTotal: 2, endedAt: 3_000, summary: {}, snapshot: { packed: (await readSnapshotAt(store.location, set))!, keep: 5 } }),
    ).rejects.toBeInstanceOf(RunClaimLostError);
    expect(await store.results.get(set)).toMatchObject({ complete: false, itemsDone: 1 });
    // Completion and snapshot are one transaction: neither was written.
    expect(await store.snapshots.list('week')).toEqual([]);
    await store.runs.end(run.id, { status: 'failed', endedAt: 3_000, error: 'late' });
    expect(await store.runs.get(run.id)).toMatchObject({ status: 'interrupted', itemsDone: 1 });
    // The new run continues the set.
    await store.runs.attach('new', { key: run.key, dataVersion: 1, params: run.params, meta, resume: set, itemsTotal: 2, itemsDone: 1, resumedFrom: run.id });
    await store.runs.saveResults('new', set, resultBatch(b2, 0), 0, 1);
    expect((await store.results.get(set))!.itemsDone).toBe(2);
  });

  it('lets workers read the catalogue and the sales rows from its location, in windows', async () => {
    const store = await stores.fresh();
    await importFiles(store, goodFiles());
    const scanned = await readCatalogueAt(store.location, (scan) => ({
      version: scan.dataVersion(),
      items: scan.items().map((row) => row[7]),
      units: scan.units().length,
      stock: [...scan.latestStock()].length,
      maxRow: scan.maxSalesRowid(),
      unknown: scan.describeUnit(999, 999),
    }));
    expect(scanned).toEqual({ version: 1, items: ['Beverages', 'Dairy', 'Coffee'], units: 6, stock: 3, maxRow: 6, unknown: { item: null, unitCode: '#999' } });
    const window = await readSalesAt(store.location, { from: 2, to: null, window: 2 }, { int32: (n) => new Int32Array(n) });
    expect(window).toMatchObject({ dataVersion: 1, rows: 5, from: 2, to: 7 });
    expect([...window.quantity]).toEqual([2, 1, 3, 8, 1.5]);
  });
});

describe('the run lock in a PostgreSQL store', () => {
  const stores = testStores('postgres');

  it('is held by one process at a time, renewed by its heartbeat, and taken over when the lease lapses', async () => {
    const first = await stores.fresh();
    const second = stores.reopen();
    const a = await first.runLock!.tryAcquire({ runId: 'run-a', command: 'server', key: 'v1:week:h26' });
    expect(a.lock?.holder).toMatchObject({ runId: 'run-a', pid: process.pid, command: 'server', key: 'v1:week:h26' });
    const busy = await second.runLock!.tryAcquire({ runId: 'run-b', command: 'stockcast run' });
    expect(busy.lock).toBeUndefined();
    // The key it computes: a server asked for the same key joins run-a instead of waiting.
    expect(busy.holder).toMatchObject({ runId: 'run-a', key: 'v1:week:h26' });
    await a.lock!.heartbeat();
    expect((await second.runLock!.read())?.runId).toBe('run-a');

    // run-a stalls past its lease (here: its heartbeat is set an hour back, as a hung process leaves it).
    const admin = new pg.Client({ connectionString: first.location });
    await admin.connect();
    try {
      await admin.query(`UPDATE run_lock SET heartbeat_at = now() - interval '1 hour'`);
    } finally {
      await admin.end();
    }
    const b = await second.runLock!.tryAcquire({ runId: 'run-b', command: 'stockcast run' });
    expect(b.lock?.holder).toMatchObject({ runId: 'run-b', key: null });
    await expect(a.lock!.heartbeat()).rejects.toBeInstanceOf(RunClaimLostError);
    await a.lock!.release(); // gives up nothing that is not its own
    expect((await first.runLock!.read())?.runId).toBe('run-b');
    await b.lock!.release();
    expect(await first.runLock!.read()).toBeNull();
    expect((await first.runLock!.tryAcquire({ runId: 'run-c', command: 'server' })).lock?.holder.runId).toBe('run-c');
  });
});
