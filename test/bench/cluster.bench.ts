import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { writeDemoFiles } from '../../lib/demo/files';
import { DEMO_FILES } from '../../lib/demo/generate';
import { importFiles } from '../../lib/ingest/import';
import { fileSource } from '../../lib/ingest/source';
import { createPool, runPipeline, type RunSummary } from '../../lib/pipeline';
import { openStore, type Store } from '../../lib/store';
import { metricValue, startWorker, type RunningWorker } from '../helpers/worker';
import type { BenchContext } from './types';

/**
 * Database mode against the embedded store on the same data, on this one machine: a cold run of
 * 100,000 items × 1 year of daily sales (--quick: 5,000) embedded (every core), then on
 * PostgreSQL with 1, 2 and 3 `stockcast worker` processes (real processes, the cores shared
 * out between them) and a coordinator that computes nothing itself. Items per second; the load
 * phase (reading the sales) and the forecast phase (the chunks) apart; the queue's overhead per
 * chunk as the forecast phase's wall time with one worker over embedded's, per chunk (the same
 * threads do the same work; the rest is queueing, inputs, claims and commits over the network);
 * and the mean wait of a job from queued to claimed (mostly its turn in the queue). PostgreSQL is
 * the local server (STOCKCAST_BENCH_POSTGRES_URL to change), in a database made for the bench.
 */
const ADMIN_URL = process.env.STOCKCAST_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAYS = 365;

async function admin(sql: string, url = ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function measure(store: Store, threads: number, workChunks?: number): Promise<{ summary: RunSummary; seconds: number }> {
  const pool = createPool({ threads });
  try {
    const t = performance.now();
    const summary = await runPipeline({ store, origin: 'cli', pool, force: true, command: 'bench', workChunks });
    return { summary, seconds: (performance.now() - t) / 1000 };
  } finally {
    await pool.destroy();
  }
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const items = quick ? 5_000 : 100_000;
  const cores = os.availableParallelism();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-cluster-'));
  const name = `stockcast_bench_cluster_${process.pid}`;
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  await admin(`DROP DATABASE IF EXISTS ${name}`);
  await admin(`CREATE DATABASE ${name}`);
  const embedded = openStore(path.join(root, 'embedded'), null);
  const database = openStore(path.join(root, 'database'), url.toString());
  try {
    let t = performance.now();
    const files = path.join(root, 'files');
    writeDemoFiles(files, { items, days: DAYS, seed: 11 });
    const sources = () => DEMO_FILES.map((f) => fileSource(path.join(files, f), undefined, `demo/${f}`));
    await importFiles(embedded, sources(), { exclusive: true });
    await importFiles(database, sources(), { exclusive: true });
    const rows = (await database.reads.salesSummary()).rows;
    log(`(data: ${items.toLocaleString('en-US')} items × ${DAYS} days, ${rows.toLocaleString('en-US')} sales rows, generated and imported into both stores in ${((performance.now() - t) / 1000).toFixed(0)} s)`);

    const base = await measure(embedded, cores);
    const line = (label: string, m: { seconds: number; summary: RunSummary }, extra = '') =>
      log(
        `${label.padEnd(34)} ${m.seconds.toFixed(1).padStart(6)} s  ${Math.round(items / m.seconds).toLocaleString('en-US').padStart(6)} items/s` +
          ` (load ${m.summary.stageSeconds.load.toFixed(1)} s, forecast ${m.summary.forecastSeconds.toFixed(1)} s)${extra}`,
      );
    line(`embedded (SQLite), ${cores} threads`, base);

    for (const count of [1, 2, 3]) {
      const threads = Math.max(1, Math.floor(cores / count));
      const workers: RunningWorker[] = [];
      try {
        for (let k = 0; k < count; k++) workers.push(await startWorker(url.toString(), { STOCKCAST_DATA_DIR: path.join(root, `worker-${k}`) }, ['--threads', String(threads)]));
        // The coordinator loads and prepares on its own threads (as a server would), then only waits.
        const m = await measure(database, cores, 0);
        let latencySum = 0;
        let claims = 0;
        for (const w of workers) {
          latencySum += await metricValue(w.metricsUrl, 'stockcast_chunk_claim_latency_seconds_sum');
          claims += await metricValue(w.metricsUrl, 'stockcast_chunk_claim_latency_seconds_count');
        }
        const chunks = Math.ceil(items / Math.max(16, Math.min(256, Math.ceil(items / (cores * 8)))));
        const overhead = ((m.summary.forecastSeconds - base.summary.forecastSeconds) / chunks) * 1000;
        const perChunk = count === 1 ? `; queue overhead ${overhead.toFixed(0)} ms per chunk` : '';
        line(
          `database, ${count} worker${count > 1 ? 's' : ''} × ${threads} thread${threads > 1 ? 's' : ''}`,
          m,
          `; ${(m.seconds / base.seconds).toFixed(2)}× embedded's time; ${chunks} chunks, mean wait queued → claimed ${(latencySum / Math.max(1, claims)).toFixed(1)} s${perChunk}`,
        );
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
      }
    }
  } finally {
    await embedded.close();
    await database.close();
    await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    fs.rmSync(root, { recursive: true, force: true });
  }
}
