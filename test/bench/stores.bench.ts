import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeDemoFiles } from '../../lib/demo/files';
import { DEMO_FILES } from '../../lib/demo/generate';
import { importFiles } from '../../lib/ingest/import';
import { fileSource } from '../../lib/ingest/source';
import { createPool, runPipeline } from '../../lib/pipeline';
import { openStore, type Store } from '../../lib/store';
import type { BenchContext } from './types';

/**
 * The two stores side by side in one process, on the same demo files: an import of all four
 * files (SQLite: multi-row INSERTs; PostgreSQL: COPY for sales), a pipeline run (2 worker
 * threads; on PostgreSQL the workers read sales windows over the network protocol), and reading
 * every result back as the export does; after the import, one sales row replacing its item-day
 * (a correction: the stored sales are scanned for the day, there is no index on it). PostgreSQL
 * is the local server at 127.0.0.1:5432 (STOCKCAST_BENCH_POSTGRES_URL to change), in a database
 * made for the bench and dropped after.
 * Sizes: import 10,000 items × 3 years, pipeline 2,000 items × 1 year (--quick: 1,000 × 1 year
 * and 500 × 1 year).
 */
const ADMIN_URL = process.env.STOCKCAST_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Measured {
  importS: number;
  rows: number;
  /** One sales row replacing its item-day among all the stored ones (replaceSalesDays). */
  correctS?: number;
  runS?: number;
  readS?: number;
}

async function measure(store: Store, files: string, pipelineItems: number | null): Promise<Measured> {
  const sources = DEMO_FILES.map((f) => fileSource(path.join(files, f), undefined, `demo/${f}`));
  let t = performance.now();
  await importFiles(store, sources, { exclusive: true });
  const importS = (performance.now() - t) / 1000;
  const rows = (await store.reads.salesSummary()).rows;
  if (pipelineItems === null) {
    const fix = path.join(files, 'correction.csv');
    fs.writeFileSync(fix, fs.readFileSync(path.join(files, 'sales.csv'), 'utf8').split('\n', 2).join('\n') + '\n');
    t = performance.now();
    const corrected = await importFiles(store, [fileSource(fix)], { exclusive: true, replaceSalesDays: true });
    if (corrected.replaced?.itemDays !== 1) throw new Error('the correction replaced more than one item-day');
    return { importS, rows, correctS: (performance.now() - t) / 1000 };
  }
  const pool = createPool({ threads: 2 });
  try {
    t = performance.now();
    await runPipeline({ store, params: { period: 'week', horizon: 13 }, origin: 'cli', pool });
    const runS = (performance.now() - t) / 1000;
    const set = (await store.runs.latestCompleted())!.resultSet!;
    t = performance.now();
    let read = 0;
    for await (const r of store.results.iterate(set)) read += r.point.length;
    if (read === 0) throw new Error('no forecasts were read back');
    return { importS, rows, runS, readS: (performance.now() - t) / 1000 };
  } finally {
    await pool.destroy();
  }
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-stores-'));
  const db = `stockcast_bench_${process.pid}`;
  const url = new URL(ADMIN_URL);
  try {
    for (const [what, items, days, pipeline] of [
      ['import', quick ? 1_000 : 10_000, quick ? 365 : 1_095, false],
      ['pipeline', quick ? 500 : 2_000, 365, true],
    ] as const) {
      const files = path.join(root, `${what}-files`);
      fs.mkdirSync(files);
      writeDemoFiles(files, { items, days, seed: 7 });
      for (const backend of ['sqlite', 'postgres'] as const) {
        await admin(`DROP DATABASE IF EXISTS ${db}_${what}`);
        await admin(`CREATE DATABASE ${db}_${what}`);
        url.pathname = `/${db}_${what}`;
        const store = openStore(path.join(root, `${what}-${backend}`), backend === 'postgres' ? url.toString() : null);
        try {
          const m = await measure(store, files, pipeline ? items : null);
          const perS = (m.rows / m.importS / 1e6).toFixed(2);
          log(
            `${backend.padEnd(8)} ${items.toLocaleString('en-US')} items × ${days} days: import ${m.rows.toLocaleString('en-US')} sales rows in ${m.importS.toFixed(2)} s (${perS}M rows/s)` +
              (m.correctS === undefined ? '' : `; one row replacing its item-day ${m.correctS.toFixed(2)} s`) +
              (m.runS === undefined ? '' : `; pipeline ${m.runS.toFixed(2)} s (${(items / m.runS).toFixed(0)} items/s); read back ${m.readS!.toFixed(2)} s`),
          );
        } finally {
          await store.close();
          await admin(`DROP DATABASE IF EXISTS ${db}_${what} WITH (FORCE)`);
        }
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
