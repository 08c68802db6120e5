import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeDemoFiles } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import { fileSource } from '@/lib/ingest/source';
import { createPool, runPipeline } from '@/lib/pipeline';
import { openStore, type OverrideInput } from '@/lib/store';
import type { BenchContext } from './types';

/**
 * What overrides cost a run: the whole pipeline (forced, so nothing is cached or resumed) on
 * 10,000 demo items with none and with 1,000 items carrying an override (half set a quantity,
 * half scale by a percentage, each over the whole horizon), side by side on one worker pool,
 * alternating, best of three each. The same data set twice: one store file copied.
 */
export async function run({ quick, log }: BenchContext): Promise<void> {
  const items = quick ? 2_000 : 10_000;
  const withOverrides = items / 10;
  const days = 365;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-overrides-'));
  try {
    const plain = path.join(tmp, 'none');
    const files = path.join(tmp, 'files');
    writeDemoFiles(files, { items, days });
    const base = openStore(plain);
    await importFiles(base, fs.readdirSync(files).map((f) => fileSource(path.join(files, f))));
    base.close();
    const overridden = path.join(tmp, 'overrides');
    fs.mkdirSync(overridden);
    fs.copyFileSync(path.join(plain, 'stockcast.db'), path.join(overridden, 'stockcast.db'));
    const store = openStore(overridden);
    const list: OverrideInput[] = Array.from({ length: withOverrides }, (_, k) => ({
      itemId: `SKU-${String(k * 10 + 1).padStart(6, '0')}`,
      startDay: 0,
      endDay: 100_000,
      kind: k % 2 === 0 ? 'quantity' : 'percent',
      value: k % 2 === 0 ? 25 : 15,
      reason: 'bench',
      untilDay: null,
    }));
    await store.overrides.add(list, { author: 'bench', at: Date.now() });
    store.close();

    const pool = createPool();
    const seconds: Record<string, number[]> = { none: [], overrides: [] };
    try {
      for (let round = 0; round < 3; round++) {
        for (const [name, dir] of [
          ['none', plain],
          ['overrides', overridden],
        ] as const) {
          const s = openStore(dir);
          try {
            const summary = await runPipeline({ store: s, origin: 'cli', pool, force: true });
            seconds[name]!.push(summary.seconds);
            if (name === 'overrides' && round === 0) log(`(run applied ${summary.overrides?.active} overrides)`);
          } finally {
            s.close();
          }
        }
      }
    } finally {
      await pool.destroy();
    }
    const best = (xs: number[]) => Math.min(...xs);
    log(`run of ${items.toLocaleString('en-US')} items × ${days} days, ${pool.threads} threads, best of 3:`);
    log(`  no overrides                 ${best(seconds.none!).toFixed(2)} s`);
    log(`  ${withOverrides.toLocaleString('en-US')} items with overrides   ${best(seconds.overrides!).toFixed(2)} s`);
    log(`  ratio (overrides / none)     ${(best(seconds.overrides!) / best(seconds.none!)).toFixed(3)}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
