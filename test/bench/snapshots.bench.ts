import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accuracyReport } from '@/lib/accuracy/report';
import { typedWrongPeriods } from '@/lib/accuracy/typed-wrong';
import { writeDemoFiles } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { fileSource } from '@/lib/ingest/source';
import { createPool, runPipeline } from '@/lib/pipeline';
import { openStore } from '@/lib/store';
import { readSnapshotAt } from '@/lib/store/scan';
import type { BenchContext } from './types';
import { sqlite } from '../helpers/sqlite';

/**
 * The store's size after a year of weekly runs: one real weekly run of 10,000 demo items (1,000
 * with an override), then its snapshot recorded 52 times under new run ids, as 52 weekly runs
 * would (a snapshot's size depends on items × horizon and the overridden rows, not on the
 * history). Reports the snapshots' bytes, the database file's growth and the time to record one.
 */
export async function run({ quick, log }: BenchContext): Promise<void> {
  const items = quick ? 2_000 : 10_000;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-snapshots-'));
  try {
    const files = path.join(tmp, 'files');
    writeDemoFiles(files, { items, days: 120 });
    const dir = path.join(tmp, 'data');
    const store = openStore(dir);
    try {
      await importFiles(store, fs.readdirSync(files).map((f) => fileSource(path.join(files, f))));
      await store.overrides.add(
        Array.from({ length: items / 10 }, (_, k) => ({
          itemId: `SKU-${String(k * 10 + 1).padStart(6, '0')}`,
          startDay: 0,
          endDay: 100_000,
          kind: 'percent' as const,
          value: 20,
          reason: 'bench',
          untilDay: null,
        })),
        { author: 'bench', at: Date.now() },
      );
      const pool = createPool();
      const summary = await runPipeline({ store, origin: 'cli', pool }).finally(() => pool.destroy());
      const db = sqlite(store);
      const fileBytes = () => {
        db.pragma('wal_checkpoint(TRUNCATE)');
        return fs.statSync(store.location).size;
      };
      const before = fileBytes() - (await store.snapshots.bytes());
      const resultSet = (await store.runs.get(summary.runId))!.resultSet!;
      // Packing reads every result (the pipeline does it on a worker thread); recording writes one row.
      const packStarted = performance.now();
      const packed = (await readSnapshotAt(store.location, resultSet))!;
      const packMs = performance.now() - packStarted;
      const started = performance.now();
      for (let week = 1; week <= 52; week++) {
        await store.snapshots.record({ runId: `week-${week}`, createdAt: Date.now() + week, packed, keep: 104 });
      }
      const perSnapshotMs = (performance.now() - started) / 52;
      const snapshotBytes = await store.snapshots.bytes();
      const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
      log(`52 weekly snapshots of ${items.toLocaleString('en-US')} items × ${summary.params.horizon} weeks (${(items / 10).toLocaleString('en-US')} overridden):`);
      log(`  snapshot columns      ${mib(snapshotBytes)} (${mib(snapshotBytes / 53)} a run)`);
      log(`  database file growth  ${mib(fileBytes() - before)}`);
      log(`  packing one (worker)  ${packMs.toFixed(1)} ms`);
      log(`  recording one         ${perSnapshotMs.toFixed(1)} ms (on the store's connection, in the completion's transaction)`);
      // What GET /api/accuracy costs over all of them, and the share of finding quantities typed wrong.
      const reportMs = await bestOf(3, () => accuracyReport(store));
      const actuals = await store.snapshots.actuals(resultSet);
      const typedWrongMs = await bestOf(3, async () => typedWrongPeriods(actuals));
      log(`  accuracy report       ${reportMs.toFixed(0)} ms over the 53 snapshots (quantities typed wrong found in ${typedWrongMs.toFixed(0)} ms of it)`);
    } finally {
      store.close();
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

async function bestOf(runs: number, work: () => Promise<unknown>): Promise<number> {
  let best = Infinity;
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    await work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}
