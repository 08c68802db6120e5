import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { periodOf, periodsPerYear, periodStart, PERIODS, type Period } from '@/lib/inventory/periods';
import {
  acquireRunLock,
  createPool,
  FileRunLock,
  LockBusyError,
  PipelineDataError,
  readLockHolder,
  RunCancelledError,
  runKey,
  runPipeline,
  STAGES,
  type ProgressEvent,
  type WorkerPool,
} from '@/lib/pipeline';
import { demoItem } from '@/lib/demo/catalog';
import { seasonFactor, yearDayOf } from '@/lib/demo/demand';
import { DEMO_SEED } from '@/lib/demo/generate';
import { MEMBER_NAMES } from '@/lib/forecast';
import { POOL_MIN_SERIES } from '@/lib/forecast/engine/pool';
import { demandSeries, firstCompletePeriod, lastCompletePeriod } from '@/lib/pipeline/demand';
import { loadDemand, readCatalogue } from '@/lib/pipeline/load';
import { ProgressTracker } from '@/lib/pipeline/progress';
import { type Store } from '@/lib/store';
import { dayToIso } from '@/lib/store/days';
import { tempDir } from '../../helpers/tmp';
import { demoStore } from './demo-store';
import { bumpDataVersion, sqlite, type Sqlite } from '../../helpers/sqlite';

const MS_PER_DAY = 86_400_000;

/** Slow and obvious: every row on its own, factors looked up by query, periods through Date. */
function referenceDemand(db: Sqlite, period: Period): Map<string, number> {
  const factor = db.prepare(
    `SELECT CASE WHEN u.code = i.base_uom THEN 1 ELSE
        coalesce((SELECT factor FROM uom_factors WHERE item = i.id AND uom = u.id),
                 (SELECT factor FROM uom_factors WHERE item = 0 AND uom = u.id)) END
       FROM items i, uom_codes u WHERE i.id = ? AND u.id = ?`,
  );
  const factors = new Map<string, number>();
  const factorOf = (item: number, uom: number) => {
    const key = `${item}:${uom}`;
    if (!factors.has(key)) factors.set(key, factor.pluck().get(item, uom) as number);
    return factors.get(key)!;
  };
  const sums = new Map<string, number>();
  for (const row of db.prepare('SELECT item, day, quantity, uom FROM sales ORDER BY rowid').all() as {
    item: number;
    day: number;
    quantity: number;
    uom: number;
  }[]) {
    const f = factorOf(row.item, row.uom);
    const date = new Date(row.day * MS_PER_DAY);
    const p =
      period === 'day'
        ? row.day
        : period === 'month'
          ? (date.getUTCFullYear() - 1970) * 12 + date.getUTCMonth()
          : Math.floor((row.day - ((date.getUTCDay() + 6) % 7) - 4) / 7);
    const key = `${row.item}:${p}`;
    sums.set(key, (sums.get(key) ?? 0) + row.quantity * f);
  }
  return sums;
}

async function rowsOf(store: Store, resultSet: number): Promise<string[]> {
  const rows: string[] = [];
  for await (const r of store.results.iterate(resultSet)) {
    rows.push(JSON.stringify({ ...r, leaderboard: r.leaderboard }, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
  }
  return rows;
}

const DEMO = { items: 150, days: 500 };

describe('pipeline on the demo data', () => {
  const tmp = tempDir();
  let pool: WorkerPool;
  let store: Store;

  beforeAll(async () => {
    pool = createPool({ threads: 2 });
    store = await demoStore(path.join(tmp.dir, 'main'), DEMO);
  });
  afterAll(async () => {
    store.close();
    await pool.destroy();
    tmp.cleanup();
  });

  it('converts and buckets exactly like a row-by-row reference, for every period, read in many chunks', async () => {
    const exact = await demoStore(path.join(tmp.dir, 'reference'), DEMO);
    // Quantities whose sum depends on the order they are added in ((0.1 + 0.2) + 0.3 is not
    // 0.1 + (0.2 + 0.3)), three a day for four items: 6,000 rows whose cells chunk boundaries cut.
    sqlite(exact).transaction(() => {
      const items = sqlite(exact)
        .prepare('SELECT i.id, u.id AS uom FROM items i JOIN uom_codes u ON u.code = i.base_uom ORDER BY i.id LIMIT 4')
        .all() as { id: number; uom: number }[];
      const [first, last] = sqlite(exact).prepare('SELECT min(day), max(day) FROM sales').raw().get() as [number, number];
      const insert = sqlite(exact).prepare('INSERT INTO sales (item, day, quantity, uom) VALUES (?, ?, ?, ?)');
      for (const item of items) {
        for (let day = first; day <= last; day++) for (const q of [0.1, 0.2, 0.3]) insert.run(item.id, day, q, item.uom);
      }
      bumpDataVersion(sqlite(exact));
    })();
    onTestFinished(() => exact.close());
    for (const period of PERIODS) {
      const catalogue = await readCatalogue(exact.location);
      const chunks: number[] = [];
      const watching: WorkerPool = {
        threads: pool.threads,
        destroy: async () => {},
        run<R>(task: Parameters<WorkerPool['run']>[0], options?: Parameters<WorkerPool['run']>[1]) {
          if (task.kind === 'fold') chunks.push(task.rows.from);
          return pool.run<R>(task, options);
        },
      };
      // Chunks of 3,000 rowids: about 30 reads finishing in any order, folded in rowid order on the lane.
      const { demand } = await loadDemand({
        store: exact,
        catalogue,
        period,
        pool: watching,
        progress: new ProgressTracker('t', undefined),
        signal: new AbortController().signal,
        rowidsPerTask: 3_000,
      });
      expect(chunks.length).toBeGreaterThan(20);
      expect(chunks).toEqual([...chunks].sort((a, b) => a - b));
      const reference = referenceDemand(sqlite(exact), period);
      const [firstDay, lastDay] = sqlite(exact).prepare('SELECT min(day), max(day) FROM sales').raw().get() as [number, number];
      expect([demand.firstDay, demand.lastDay]).toEqual([firstDay, lastDay]);
      const start = firstCompletePeriod(period, demand.firstDay);
      const end = lastCompletePeriod(period, demand.lastDay);
      const { history, setAside } = demandSeries(demand, period, end, periodsPerYear(period));
      expect(setAside).toEqual(new Int32Array(0));
      let compared = 0;
      for (let i = 0; i < catalogue.count; i++) {
        for (let at = history.offsets[i]!; at < history.offsets[i + 1]!; at++) {
          const p = history.start[i]! + at - history.offsets[i]!;
          const want = reference.get(`${catalogue.key[i]}:${p}`) ?? 0;
          if (history.values[at] !== want) throw new Error(`${period} item ${catalogue.key[i]} period ${p}: ${history.values[at]} ≠ ${want}`);
          compared++;
        }
      }
      // every reference bucket of the complete periods is in the series, and no other
      for (const [key, value] of reference) {
        const [item, p] = key.split(':').map(Number) as [number, number];
        if (p < start || p > end) continue;
        const i = catalogue.key.indexOf(item);
        expect(history.values[history.offsets[i]! + p - history.start[i]!]).toBe(value);
      }
      expect(compared).toBeGreaterThan(0);
      for (let i = 0; i < catalogue.count; i++) if (history.offsets[i + 1]! > history.offsets[i]!) expect(history.start[i]).toBeGreaterThanOrEqual(start);
      // the first complete period starts on or after the first sales day, the last ends on or before the last
      expect(periodStart(period, start)).toBeGreaterThanOrEqual(demand.firstDay);
      expect(periodStart(period, start - 1)).toBeLessThan(demand.firstDay);
      expect(periodStart(period, end + 1) - 1).toBeLessThanOrEqual(demand.lastDay);
      expect(periodOf(period, demand.lastDay) - end).toBeLessThanOrEqual(1);
    }
  });

  it('runs every stage with progress, records the run, caches the result and recomputes on force', async () => {
    const events: ProgressEvent[] = [];
    const first = await runPipeline({ store, origin: 'cli', pool, force: true, onProgress: (e) => events.push(e) });
    expect(first.items).toBe(150);
    expect(first.computed).toBe(150);
    expect(Object.values(first.statusCounts).reduce((a, b) => a + b)).toBe(150);
    // The demo data is built to show every health status, and it does; it records every item's stock.
    const { no_stock: noStock, ...judged } = first.statusCounts;
    for (const [status, n] of Object.entries(judged)) expect(n, status).toBeGreaterThan(0);
    expect(noStock).toBe(0);
    const classes = sqlite(store).prepare('SELECT abc || xyz FROM item_results WHERE result_set = ?').pluck();
    const seen = new Set((classes.all((await store.runs.get(first.runId))!.resultSet) as string[]).join(''));
    for (const c of 'ABCXYZ') expect(seen.has(c), c).toBe(true);
    for (const stage of STAGES) {
      const last = events.filter((e) => e.stage === stage).at(-1);
      expect(last, stage).toBeDefined();
      expect(last!.done).toBe(last!.total);
    }
    const run = (await store.runs.get(first.runId))!;
    expect(run).toMatchObject({ status: 'completed', origin: 'cli', itemsDone: 150, itemsTotal: 150, key: first.key });
    expect(run.endedAt! >= run.startedAt).toBe(true);
    expect(await readLockHolder(store.dir)).toBeNull();

    const cached = await runPipeline({ store, origin: 'server', pool });
    expect(cached).toMatchObject({ cached: true, runId: first.runId, key: first.key });
    const forced = await runPipeline({ store, origin: 'server', pool, force: true });
    expect(forced.cached).toBeUndefined();
    expect(forced.runId).not.toBe(first.runId);
    expect(await rowsOf(store, (await store.runs.get(forced.runId))!.resultSet!)).toEqual(
      await rowsOf(store, (await store.runs.get(first.runId))!.resultSet!),
    );
  });

  it('a cancelled run keeps its finished batches; the next run resumes them and ends identical to a clean run', async () => {
    // The clean run on one thread in default chunks; the interrupted one on two threads in chunks of 4.
    const single = createPool({ threads: 1 });
    const clean = await runPipeline({ store, origin: 'cli', pool: single, force: true, params: { period: 'month' } }).finally(() =>
      single.destroy(),
    );
    const cleanRows = await rowsOf(store, (await store.runs.get(clean.runId))!.resultSet!);
    // Same data in a second store: cancel half-way, then resume.
    const other = await demoStore(path.join(tmp.dir, 'resume'), DEMO);
    try {
      // Cancel when the fifth chunk comes back: that one and any later are dropped.
      const stop = new AbortController();
      let chunks = 0;
      const counting: WorkerPool = {
        threads: pool.threads,
        destroy: async () => {},
        async run<R>(task: Parameters<WorkerPool['run']>[0], options?: Parameters<WorkerPool['run']>[1]) {
          const result = await pool.run<R>(task, options);
          if (task.kind === 'forecast' && ++chunks === 5) stop.abort(new Error('enough'));
          return result;
        },
      };
      const cancelled = runPipeline({
        store: other,
        origin: 'cli',
        pool: counting,
        params: { period: 'month' },
        chunkSize: 4,
        signal: stop.signal,
      });
      await expect(cancelled).rejects.toBeInstanceOf(RunCancelledError);
      const [stopped] = (await other.runs.list());
      expect(stopped).toMatchObject({ status: 'cancelled' });
      expect(stopped!.itemsDone).toBeGreaterThanOrEqual(4);
      expect(stopped!.itemsDone).toBeLessThanOrEqual(16);
      expect(await readLockHolder(other.dir)).toBeNull();

      const resumes: unknown[] = [];
      const resumed = await runPipeline({ store: other, origin: 'cli', pool, params: { period: 'month' }, onResume: (r) => resumes.push(r) });
      expect(resumes).toEqual([{ runId: resumed.runId, resumedFrom: stopped!.id, done: stopped!.itemsDone, total: 150 }]);
      expect(resumed.computed).toBe(150 - stopped!.itemsDone);
      expect(resumed.resumedFrom).toEqual({ runId: stopped!.id, itemsDone: stopped!.itemsDone });
      expect(await rowsOf(other, (await other.runs.get(resumed.runId))!.resultSet!)).toEqual(cleanRows);
      expect(resumed.statusCounts).toEqual(clean.statusCounts);
    } finally {
      other.close();
    }
  });

  it('reads again when an import commits while the sales are being read, and runs on the new version', async () => {
    const changing = await demoStore(path.join(tmp.dir, 'changing'), { items: 20, days: 120 });
    try {
      const before = await changing.dataVersion();
      let intruded = false;
      const intruding: WorkerPool = {
        threads: pool.threads,
        destroy: async () => {},
        run<R>(task: Parameters<WorkerPool['run']>[0], options?: Parameters<WorkerPool['run']>[1]) {
          if (task.kind === 'load' && !intruded) {
            intruded = true; // an import commits just before the first chunk is read
            sqlite(changing).transaction(() => {
              sqlite(changing).prepare(`INSERT INTO sales (item, day, quantity, uom) SELECT item, day, 1, uom FROM sales LIMIT 1`).run();
              bumpDataVersion(sqlite(changing));
            })();
          }
          return pool.run<R>(task, options);
        },
      };
      const summary = await runPipeline({ store: changing, origin: 'cli', pool: intruding });
      expect(intruded).toBe(true);
      expect(summary.dataVersion).toBe(before + 1);
      expect(summary.key).toBe(runKey(before + 1, { period: 'week', horizon: 26 }));
      expect(summary.salesRows).toBe(sqlite(changing).prepare('SELECT count(*) FROM sales').pluck().get());
      expect((await changing.runs.get(summary.runId))).toMatchObject({ key: summary.key, dataVersion: before + 1, status: 'completed' });
    } finally {
      changing.close();
    }
  });

  it('refuses while another holder has the lock, or waits and can be cancelled while waiting', async () => {
    const other = await acquireRunLock(new FileRunLock(store.dir), { runId: 'someone-else', command: 'test' }, { wait: 'fail' });
    try {
      const runsBefore = (await store.runs.list()).length;
      await expect(runPipeline({ store, origin: 'cli', pool, force: true })).rejects.toBeInstanceOf(LockBusyError);
      const stop = new AbortController();
      const waits: string[] = [];
      const waiting = runPipeline({
        store,
        origin: 'server',
        pool,
        force: true,
        lockWait: 'wait',
        signal: stop.signal,
        onLockWait: (holder) => {
          waits.push(holder.runId);
          stop.abort(new Error('gave up'));
        },
      });
      await expect(waiting).rejects.toThrow('pipeline run cancelled: while waiting for the lock (gave up)');
      expect(waits).toEqual(['someone-else']);
      expect((await store.runs.list()).length).toBe(runsBefore); // nothing started, nothing recorded
    } finally {
      await other.release();
    }
  });

  it('fails naming item and unit when a sale has no factor, records the failure and releases the lock', async () => {
    // The import refuses such rows; one written behind its back must still not become a silent zero.
    const broken = await demoStore(path.join(tmp.dir, 'broken'), { items: 5, days: 60 });
    try {
      const [key, code, base] = sqlite(broken).prepare(`SELECT id, item_id, base_uom FROM items ORDER BY id LIMIT 1 OFFSET 1`).raw().get() as [number, string, string];
      sqlite(broken).transaction(() => {
        const crate = sqlite(broken).prepare(`INSERT INTO uom_codes (code) VALUES ('CRATE')`).run().lastInsertRowid;
        sqlite(broken).prepare(`INSERT INTO sales (item, day, quantity, uom) VALUES (?, 20000, 1, ?)`).run(key, crate);
        bumpDataVersion(sqlite(broken));
      })();
      const failed = runPipeline({ store: broken, origin: 'cli', pool });
      await expect(failed).rejects.toBeInstanceOf(PipelineDataError);
      await expect(failed).rejects.toThrow(`sales of item ${code} is recorded in unit CRATE, which has no factor to its base unit ${base}`);
      expect((await broken.runs.list())[0]).toMatchObject({ status: 'failed' });
      expect((await broken.runs.list())[0]!.error).toContain('CRATE');
      expect(await readLockHolder(broken.dir)).toBeNull();
    } finally {
      broken.close();
    }
  });

  it('stores what the item page needs: history, fit, forecast with bands, projection and leaderboard', async () => {
    const summary = await runPipeline({ store, origin: 'cli', pool, params: { period: 'week', horizon: 8 } });
    const set = (await store.results.get((await store.runs.get(summary.runId))!.resultSet!))!;
    expect(set.complete).toBe(true);
    expect(set.meta).toMatchObject({ period: 'week', horizon: 8, levels: [80, 95], itemsTotal: 150 });
    // the best-selling item
    const items = [];
    for await (const r of store.results.iterate(set.id)) items.push(r);
    const regular = items.sort((a, b) => b.annualValue - a.annualValue)[0]!;
    expect(regular.history.length).toBeGreaterThan(50);
    expect(regular.fitted.length).toBe(regular.history.length);
    // The demo's sales start on a Thursday: its history starts the Monday after, not with a part-week.
    const firstDay = sqlite(store).prepare('SELECT min(day) FROM sales').pluck().get() as number;
    expect(periodStart('week', regular.historyStart!)).toBeGreaterThan(firstDay);
    expect(periodStart('week', regular.historyStart!) - firstDay).toBeLessThan(7);
    for (const series of [regular.point, regular.lo80, regular.hi80, regular.lo95, regular.hi95, regular.sigma, regular.projected]) {
      expect(series.length).toBe(8);
    }
    for (let k = 0; k < 8; k++) {
      expect(regular.lo95[k]!).toBeLessThanOrEqual(regular.lo80[k]!);
      expect(regular.lo80[k]!).toBeLessThanOrEqual(regular.point[k]!);
      expect(regular.point[k]!).toBeLessThanOrEqual(regular.hi80[k]!);
      expect(regular.hi80[k]!).toBeLessThanOrEqual(regular.hi95[k]!);
    }
    expect(regular.leaderboard.length).toBeGreaterThan(1);
    // every scored model, best first; the winner among them (the engine prefers its core combination)
    expect(regular.leaderboard.map((e) => e.model)).toContain(regular.model);
    const errors = regular.leaderboard.map((e) => e.error!);
    expect(errors).toEqual([...errors].sort((a, b) => a - b));
    expect(regular.safetyStock).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(store.dir, 'pipeline.lock'))).toBe(false);
  });

  it('leaves a sale typed a century early out of its item’s history, and names the item', async () => {
    const options = { items: 20, days: 400 };
    const clean = await demoStore(path.join(tmp.dir, 'clean'), options);
    const typed = await demoStore(path.join(tmp.dir, 'typed'), options);
    onTestFinished(() => (clean.close(), typed.close()));
    // The best seller's first sale again, its year typed 1925 for 2025.
    const [key, code, day, quantity, uom] = sqlite(typed)
      .prepare(
        `SELECT s.item, i.item_id, s.day, s.quantity, s.uom FROM sales s JOIN items i ON i.id = s.item
          WHERE s.item = (SELECT item FROM sales GROUP BY item ORDER BY sum(quantity) DESC LIMIT 1) ORDER BY s.day LIMIT 1`,
      )
      .raw()
      .get() as [number, string, number, number, number];
    sqlite(typed).transaction(() => {
      sqlite(typed).prepare('INSERT INTO sales (item, day, quantity, uom) VALUES (?, ?, ?, ?)').run(key, day - 36_524, quantity, uom);
      bumpDataVersion(sqlite(typed));
    })();
    const params = { period: 'week' as const, horizon: 8 };
    const itemOf = async (s: Store, runId: string) => {
      const set = (await s.runs.get(runId))!.resultSet!;
      for await (const r of s.results.iterate(set)) if (r.itemId === code) return r;
      throw new Error(`no result for ${code}`);
    };
    const cleanRun = await runPipeline({ store: clean, origin: 'cli', pool, params });
    const typedRun = await runPipeline({ store: typed, origin: 'cli', pool, params });
    expect(cleanRun.setAside).toBeUndefined();
    expect(typedRun.setAside).toEqual({ items: 1, itemIds: [code] });
    // Every item forecast as without the typed sale, to the bit: the typed item from its sales of
    // the last months, as a steady seller, and every item from the data's first whole week still.
    const rowsOfRun = async (s: Store, runId: string) => rowsOf(s, (await s.runs.get(runId))!.resultSet!);
    expect(await rowsOfRun(typed, typedRun.runId)).toEqual(await rowsOfRun(clean, cleanRun.runId));
    expect(typedRun.pool).toEqual(cleanRun.pool);
    const got = await itemOf(typed, typedRun.runId);
    expect(periodStart('week', got.historyStart!) - day).toBeLessThan(7);
  });

  it('leaves a quantity typed wrong in the last week out of its item’s forecast and classes, and names the item, the week and the demand', async () => {
    const options = { items: 20, days: 400 };
    const clean = await demoStore(path.join(tmp.dir, 'clean-quantity'), options);
    const typed = await demoStore(path.join(tmp.dir, 'typed-quantity'), options);
    onTestFinished(() => (clean.close(), typed.close()));
    const params = { period: 'week' as const, horizon: 8 };
    const lastDay = sqlite(typed).prepare('SELECT max(day) FROM sales').pluck().get() as number;
    const lastWeek = lastCompletePeriod('week', lastDay);
    // The best seller's largest sale of the last whole week, typed with three digits too many.
    const [rowid, code] = sqlite(typed)
      .prepare(
        `SELECT s.rowid, i.item_id FROM sales s JOIN items i ON i.id = s.item
          WHERE s.item = (SELECT item FROM sales GROUP BY item ORDER BY sum(quantity) DESC LIMIT 1) AND s.day >= ? AND s.day < ?
          ORDER BY s.quantity DESC LIMIT 1`,
      )
      .raw()
      .get(periodStart('week', lastWeek), periodStart('week', lastWeek + 1)) as [number, string];
    sqlite(typed).transaction(() => {
      sqlite(typed).prepare('UPDATE sales SET quantity = quantity * 1000 WHERE rowid = ?').run(rowid);
      bumpDataVersion(sqlite(typed));
    })();
    const cleanRun = await runPipeline({ store: clean, origin: 'cli', pool, params });
    const typedRun = await runPipeline({ store: typed, origin: 'cli', pool, params });
    expect(cleanRun.outliers).toBeUndefined();
    const resultsOf = async (s: Store, runId: string) => {
      const rows = new Map<string, Awaited<ReturnType<typeof s.results.readItem>> & object>();
      for await (const r of s.results.iterate((await s.runs.get(runId))!.resultSet!)) rows.set(r.itemId, r);
      return rows;
    };
    const [before, after] = [await resultsOf(clean, cleanRun.runId), await resultsOf(typed, typedRun.runId)];
    const was = before.get(code)!;
    const got = after.get(code)!;
    // The week as stored (what was sold) and what stood in for it: the weeks around it.
    const typedWeek = got.history[got.history.length - 1]!;
    expect(typedWeek).toBeGreaterThan(100 * was.history[was.history.length - 1]!);
    expect(typedRun.outliers!.items).toBe(1);
    const [listed] = typedRun.outliers!.listed;
    expect(listed).toMatchObject({ itemId: code, day: dayToIso(periodStart('week', lastWeek)), demand: typedWeek });
    const around = Array.from(was.history.slice(-5, -1)).sort((a, b) => a - b);
    expect(listed!.typical).toBe((around[1]! + around[2]!) / 2);
    // The item is forecast and classed as without the typo. Every other item is forecast as before:
    // the catalogue's seasonal profile, which small categories share, moves by what stood in for the
    // week against what was sold, in the sixth digit.
    expect([got.abc, got.xyz]).toEqual([was.abc, was.xyz]);
    for (let k = 0; k < 8; k++) {
      expect(got.point[k]! / was.point[k]!).toBeGreaterThan(0.8);
      expect(got.point[k]! / was.point[k]!).toBeLessThan(1.25);
    }
    expect(got.safetyStock / was.safetyStock).toBeLessThan(1.25);
    for (const [id, r] of before) {
      if (id === code) continue;
      const other = after.get(id)!;
      expect([other.status, other.abc, other.xyz, other.model], id).toEqual([r.status, r.abc, r.xyz, r.model]);
      for (let k = 0; k < 8; k++) expect(Math.abs(other.point[k]! - r.point[k]!), id).toBeLessThanOrEqual(1e-4 * Math.abs(r.point[k]!));
    }
  });

  it('by day, the seasonal lines keep their year (their category’s, by week): the forecast moves as the season does', async () => {
    // Two years of history: a year's profile needs a whole cycle on either side of the weeks it measures.
    const days = await demoStore(path.join(tmp.dir, 'days'), { items: 150, days: 730 });
    onTestFinished(() => days.close());
    const H = 91;
    const summary = await runPipeline({ store: days, origin: 'cli', pool, params: { period: 'day', horizon: H } });
    const set = (await days.results.get((await days.runs.get(summary.runId))!.resultSet!))!;
    const mean = (values: ArrayLike<number>, from: number) => Array.from({ length: 30 }, (_, d) => values[from + d]!).reduce((a, b) => a + b) / 30;
    const agree: string[] = [];
    const disagree: string[] = [];
    for await (const r of days.results.iterate(set.id)) {
      const item = demoItem(DEMO_SEED, Number(r.itemId.slice(4)) - 1);
      if (item.season < 0.3 || (item.movement !== 'fast' && item.movement !== 'medium') || item.sellingFor !== Infinity) continue;
      const first = r.historyStart! + r.history.length;
      const season = Float64Array.from({ length: H }, (_, d) => seasonFactor(item, yearDayOf(first + d)));
      const expected = mean(season, H - 30) / mean(season, 0);
      if (Math.abs(expected - 1) < 0.25) continue;
      const moved = mean(r.point, H - 30) / mean(r.point, 0);
      (Math.sign(moved - 1) === Math.sign(expected - 1) && Math.abs(moved - 1) >= 0.05 ? agree : disagree).push(`${r.itemId} ${r.category}`);
    }
    expect(agree.length + disagree.length).toBeGreaterThanOrEqual(5);
    expect(disagree.length, disagree.join(', ')).toBeLessThanOrEqual(Math.floor(0.2 * (agree.length + disagree.length)));
  });

  it('decides the member pool once from the run’s history, stores it with the results, and one thread decides exactly as two', async () => {
    const params = { period: 'week', horizon: 8 } as const;
    const metaOf = async (runId: string) => (await store.results.get((await store.runs.get(runId))!.resultSet!))!;
    const summary = await runPipeline({ store, origin: 'cli', pool, params, force: true });
    expect(summary.poolSeconds).toBeGreaterThan(0);
    const two = await metaOf(summary.runId);
    const decided = two.meta.pool!;
    // The run's summary (the runs page) carries the same decision.
    expect(summary.pool).toEqual(decided);
    expect(decided.series).toBeGreaterThanOrEqual(POOL_MIN_SERIES);
    expect(decided.ratio).toHaveLength(MEMBER_NAMES.length);
    for (const r of decided.ratio) expect(r).toBeGreaterThan(0);
    // The demo's weekly items suit every member: the pool keeps the combination of all four, and
    // every regular item the tournament forecast is forecast by it.
    expect(decided.members).toEqual([...MEMBER_NAMES]);
    const models = new Set<string>();
    for await (const r of store.results.iterate(two.id)) models.add(r.model);
    expect([...models].filter((m) => m.startsWith('combo('))).toEqual([`combo(${MEMBER_NAMES.join('+')})`]);
    const single = createPool({ threads: 1 });
    try {
      const one = await metaOf((await runPipeline({ store, origin: 'cli', pool: single, params, force: true })).runId);
      expect(one.meta.pool).toEqual(decided);
    } finally {
      await single.destroy();
    }
  });

  it('keeps the three newest complete result sets and deletes the rows of the others, also rows a stopped prune left', async () => {
    const small = await demoStore(path.join(tmp.dir, 'prune'), { items: 20, days: 120 });
    try {
      const db = sqlite(small);
      const itemRows = (set: number) => db.prepare('SELECT count(*) FROM item_results WHERE result_set = ?').pluck().get(set);
      const runs = [];
      for (let k = 0; k < 4; k++) runs.push(await runPipeline({ store: small, origin: 'cli', pool, force: true }));
      const sets = await Promise.all(runs.map(async (r) => (await small.runs.get(r.runId))!.resultSet!));
      // Rows of a set whose row is gone, as a prune stopped half-way leaves them.
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?) WHERE name <> ?').pluck().all('item_results', 'result_set') as string[]).join(', ');
      db.prepare(`INSERT INTO item_results (result_set, ${columns}) SELECT 999, ${columns} FROM item_results WHERE result_set = ?`).run(sets[3]);
      expect(itemRows(sets[0]!)).toBe(0); // pruned by the fourth run
      expect((await small.results.get(sets[0]!))).toBeNull();
      expect(sets.slice(1).map(itemRows)).toEqual([20, 20, 20]);

      const fifth = await runPipeline({ store: small, origin: 'cli', pool, force: true });
      const kept = [...sets.slice(2), (await small.runs.get(fifth.runId))!.resultSet!];
      expect(db.prepare('SELECT id FROM result_sets ORDER BY id').pluck().all()).toEqual(kept);
      expect(db.prepare('SELECT DISTINCT result_set FROM item_results ORDER BY result_set').pluck().all()).toEqual(kept);
      expect(kept.map(itemRows)).toEqual([20, 20, 20]);
    } finally {
      small.close();
    }
  });
});
