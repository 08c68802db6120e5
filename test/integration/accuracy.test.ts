import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accuracyReport } from '@/lib/accuracy/report';
import { importFiles } from '@/lib/ingest/import';
import { bytesSource } from '@/lib/ingest/source';
import { periodOf, periodStart } from '@/lib/inventory/periods';
import { createPool, runPipeline, type WorkerPool } from '@/lib/pipeline';
import { dayToIso } from '@/lib/store/days';
import type { Store } from '@/lib/store';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

/**
 * Snapshots of completed runs and accuracy across runs on the real store and pipeline: each run
 * keeps its final and statistical forecast, retention drops the oldest, and once sales arrive for
 * periods an earlier run forecast, the lag errors compare that forecast with what happened.
 */
describe('forecast snapshots and accuracy across runs', () => {
  const tmp = tempDir();
  let store: Store;
  let pool: WorkerPool;
  const keep = process.env.STOCKCAST_SNAPSHOTS;

  beforeAll(async () => {
    store = await demoStore(path.join(tmp.dir, 'data'), { items: 20, days: 300 });
    pool = createPool({ threads: 2 });
  });
  afterAll(async () => {
    if (keep === undefined) delete process.env.STOCKCAST_SNAPSHOTS;
    else process.env.STOCKCAST_SNAPSHOTS = keep;
    await pool.destroy();
    store.close();
    tmp.cleanup();
  });

  it('keeps each run, drops beyond the retention, and scores earlier forecasts against the sales that came after', async () => {
    process.env.STOCKCAST_SNAPSHOTS = '3';
    await runPipeline({ store, origin: 'cli', pool });
    const [first] = await store.snapshots.list('week');
    expect(first).toMatchObject({ count: 20, horizon: 26 });
    expect([...first!.statistical]).toEqual([...first!.final]);

    // An override: the next snapshot keeps both forecasts for that item.
    const who = { author: 'test', at: Date.now() };
    await store.overrides.add([{ itemId: 'SKU-000001', startDay: 0, endDay: 100_000, kind: 'quantity', value: 70, reason: 'test', untilDay: null }], who);
    await runPipeline({ store, origin: 'cli', pool });
    const second = (await store.snapshots.list('week'))[1]!;
    const row = second.item.indexOf(first!.item[0]!);
    expect(second.final[row * 26]).toBe(70);
    expect(second.statistical[row * 26]).toBe(first!.final[row * 26]);

    // Nothing has happened yet that any snapshot forecast.
    expect((await accuracyReport(store)).lags.every((l) => l.n === 0)).toBe(true);

    // Three more weeks of sales for SKU-000001 (7 a day) arrive; the next run scores the earlier ones.
    // SKU-000002's one sale in them is keyed a million: a quantity typed wrong, left out of accuracy.
    const { lastDay } = await store.reads.salesSummary();
    const lines = Array.from({ length: 21 }, (_, k) => `SKU-000001,${dayToIso(lastDay! + 1 + k)},7,EA`);
    lines.push(`SKU-000002,${dayToIso(lastDay! + 8)},1000000,KG`);
    await importFiles(store, [bytesSource('late.csv', new TextEncoder().encode(`item_id,date,quantity,uom\n${lines.join('\n')}\n`))]);
    await runPipeline({ store, origin: 'cli', pool });
    await runPipeline({ store, origin: 'cli', pool, force: true });
    expect(await store.snapshots.list('week')).toHaveLength(3); // four runs, three kept

    const report = await accuracyReport(store, 'SKU-000001');
    const { actual, forecasts } = report.item!;
    const sold = (p: number) => actual.values[p - actual.startPeriod];
    // The week after the original last sale is a full week of 7 a day.
    expect(sold(periodOf('week', lastDay!) + 1)).toBe(49);
    // Lag 1 by hand from the item's own past forecasts whose first period has happened.
    const pairs = forecasts.filter((f) => sold(f.startPeriod) !== undefined).map((f) => [f.final[0]!, f.statistical[0]!, sold(f.startPeriod)!]);
    expect(pairs.length).toBeGreaterThan(0);
    const lag1 = report.lags[0]!;
    expect(lag1.n).toBe(pairs.length);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(lag1.maeFinal).toBeCloseTo(mean(pairs.map(([f, , a]) => Math.abs(f - a))), 1);
    expect(lag1.biasFinal).toBeCloseTo(mean(pairs.map(([f, , a]) => f - a)), 1);
    expect(lag1.fvaOverrides).toBeCloseTo(mean(pairs.map(([f, s, a]) => Math.abs(s - a) - Math.abs(f - a))), 1);
    expect(await store.snapshots.bytes()).toBeGreaterThan(0);

    // Over time: each kept run's error, bias and value added over its periods now known, by hand.
    expect(report.runs.map((r) => r.runId)).toEqual(forecasts.map((f) => f.runId));
    const scored = report.runs.filter((r) => r.n > 0);
    expect(scored.length).toBeGreaterThan(0);
    for (const run of report.runs) {
      const f = forecasts.find((x) => x.runId === run.runId)!;
      const known = f.final.map((x, k) => [x, f.statistical[k]!, sold(f.startPeriod + k)] as const).filter(([, , a]) => a !== undefined) as [number, number, number][];
      expect(run.n).toBe(known.length);
      if (known.length === 0) continue;
      const demand = known.reduce((t, [, , a]) => t + a, 0);
      const sum = (g: (p: [number, number, number]) => number) => known.reduce((t, p) => t + g(p), 0) / demand;
      expect(run.startDay).toBe(periodStart('week', f.startPeriod));
      expect(run.errorFinal).toBeCloseTo(sum(([x, , a]) => Math.abs(x - a)), 2);
      expect(run.biasFinal).toBeCloseTo(sum(([x, , a]) => x - a), 2);
      expect(run.fvaOverrides).toBeCloseTo(sum(([x, st, a]) => Math.abs(st - a) - Math.abs(x - a)), 2);
    }
    expect(report.typedWrong).toBe(0);
    expect(report.item!.typedWrong).toBeNull();

    // The typed week is named, and scored in no figure: every figure as by hand without it.
    const overall = await accuracyReport(store);
    expect(overall.typedWrong).toBe(1);
    const typo = await accuracyReport(store, 'SKU-000002');
    const typedWeek = periodOf('week', lastDay! + 8);
    expect(typo.item!.typedWrong).toMatchObject({ startDay: periodStart('week', typedWeek), demand: typo.item!.actual.values[typedWeek - typo.item!.actual.startPeriod] });
    expect(typo.item!.typedWrong!.demand).toBeGreaterThanOrEqual(1_000_000);
    expect(typo.item!.typedWrong!.typical).toBeLessThan(1000);
    const inHorizon = typo.item!.forecasts.filter((f) => typedWeek >= f.startPeriod && typedWeek < f.startPeriod + f.final.length);
    expect(inHorizon.length).toBeGreaterThan(0);
    for (const run of typo.runs) {
      const f = typo.item!.forecasts.find((x) => x.runId === run.runId)!;
      const known = f.final.filter((_, k) => f.startPeriod + k < typo.item!.actual.startPeriod + typo.item!.actual.values.length && f.startPeriod + k !== typedWeek);
      expect(run.n).toBe(known.length);
    }
    const scoredLags = typo.lags.filter((l) => l.n > 0);
    expect(scoredLags.length).toBeGreaterThan(0);
    for (const l of scoredLags) expect(l.maeFinal).toBeLessThan(1000);
  });
});
