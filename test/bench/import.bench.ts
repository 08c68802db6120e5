import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { writeDemoFiles } from '../../lib/demo/files';
import { commitImport, importFiles, prepareImport } from '../../lib/ingest/import';
import { IssueList } from '../../lib/ingest/issues';
import { fileSource } from '../../lib/ingest/source';
import { importUpload } from '../../lib/ingest/thread-client';
import { runShutdown } from '../../lib/runtime/shutdown';
import { openStore, type Store } from '../../lib/store';
import type { BenchContext } from './types';
import { sqlite } from '../helpers/sqlite';

/**
 * Import throughput on the demo sales file (10,000 items × 3 years; --quick: 1,000 × 1 year):
 * parse (read, hash, decode, check and convert into typed columns), store (checks against the
 * store, multi-row INSERTs in one transaction, commit with synchronous=FULL) and both together
 * through importFiles (a parsing thread streams batches into the open transaction, so the two
 * overlap), each on a fresh store holding the demo's items and units; then the same
 * file as an upload on the import thread, with the longest time the event loop went without a
 * turn meanwhile. Side by side: papaparse alone on the same file (fast mode, chunked, rows as
 * arrays of strings, no checks).
 */
const rate = (rows: number, ms: number) => `${((rows / ms) * 1000 / 1e6).toFixed(2)}M rows/s`;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
/** CPU time of the whole process (all its threads), ms: beside wall time it shows what a busy machine took away. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

function freshStore(root: string, name: string): Store {
  const dir = path.join(root, name);
  fs.rmSync(dir, { recursive: true, force: true });
  return openStore(dir);
}

/** Longest stretch the event loop went without a turn while `work` ran. */
async function longestBlock<T>(work: () => Promise<T>): Promise<{ value: T; blockMs: number }> {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    const value = await work();
    worst = Math.max(worst, performance.now() - last);
    return { value, blockMs: worst };
  } finally {
    clearInterval(timer);
  }
}

async function papaparseAlone(file: string): Promise<{ rows: number; ms: number }> {
  const started = performance.now();
  let rows = 0;
  await new Promise<void>((resolve, reject) => {
    Papa.parse(fs.createReadStream(file, { highWaterMark: 1 << 20 }) as unknown as File, {
      delimiter: ',',
      fastMode: true,
      chunk: (result: Papa.ParseResult<string[]>) => {
        rows += result.data.length;
      },
      complete: () => resolve(),
      error: (err: Error) => reject(err),
    });
  });
  return { rows: rows - 1, ms: performance.now() - started };
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const items = quick ? 1000 : 10_000;
  const days = quick ? 365 : 1095;
  const rounds = quick ? 1 : 2;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-bench-import-'));
  try {
    let started = performance.now();
    const demo = writeDemoFiles(path.join(root, 'demo'), { items, days, seed: 42 });
    const sales = path.join(root, 'demo', 'sales.csv');
    const rows = demo.rows['sales.csv'];
    const mb = fs.statSync(sales).size / 1e6;
    log(`demo sales.csv: ${items.toLocaleString('en-US')} items × ${days} days = ${rows.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB (generated in ${secs(performance.now() - started)})`);
    const master = ['items.csv', 'uom.csv'].map((f) => fileSource(path.join(root, 'demo', f)));

    for (let round = 1; round <= rounds; round++) {
      const store = freshStore(root, 'store');
      await importFiles(store, master);
      const issues = new IssueList();
      let cpu = cpuMs();
      started = performance.now();
      const prepared = await prepareImport(store, [fileSource(sales)], issues);
      const parseMs = performance.now() - started;
      const parseCpu = cpuMs() - cpu;
      cpu = cpuMs();
      started = performance.now();
      await commitImport(store, prepared, issues);
      const storeMs = performance.now() - started;
      const storeCpu = cpuMs() - cpu;
      store.close();

      const whole = freshStore(root, 'store');
      await importFiles(whole, master);
      cpu = cpuMs();
      started = performance.now();
      await importFiles(whole, [fileSource(sales)], { exclusive: true, streamFromBytes: 0 });
      const togetherMs = performance.now() - started;
      const togetherCpu = cpuMs() - cpu;
      // The same file again, replacing the days it holds (every stored row); then one row's day.
      cpu = cpuMs();
      started = performance.now();
      const again = await importFiles(whole, [fileSource(sales)], { exclusive: true, streamFromBytes: 0, replaceSalesDays: true });
      const replaceMs = performance.now() - started;
      const replaceCpu = cpuMs() - cpu;
      if (again.replaced?.rows !== rows) throw new Error(`replacing removed ${again.replaced?.rows} rows, expected ${rows}`);
      const fix = path.join(root, 'fix.csv');
      fs.writeFileSync(fix, fs.readFileSync(sales, 'utf8').split('\n', 2).join('\n') + '\n');
      cpu = cpuMs();
      started = performance.now();
      const corrected = await importFiles(whole, [fileSource(fix)], { exclusive: true, replaceSalesDays: true });
      const correctMs = performance.now() - started;
      const correctCpu = cpuMs() - cpu;
      if (corrected.replaced?.itemDays !== 1) throw new Error('the one-row correction replaced more than one item-day');
      whole.close();

      const upload = freshStore(root, 'upload');
      await importFiles(upload, master);
      upload.close();
      process.env.STOCKCAST_DATA_DIR = path.join(root, 'upload');
      const boundary = 'stockcast-bench';
      const part = (name: string, bytes: Buffer) =>
        Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n\r\n`),
          bytes,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
      // Start the thread first (a server keeps it warm between uploads): the items file is skipped.
      await importUpload({ body: part('items.csv', fs.readFileSync(path.join(root, 'demo', 'items.csv'))), contentType: `multipart/form-data; boundary=${boundary}` });
      const body = part('sales.csv', fs.readFileSync(sales));
      cpu = cpuMs();
      started = performance.now();
      const threaded = await longestBlock(() => importUpload({ body, contentType: `multipart/form-data; boundary=${boundary}` }));
      const threadMs = performance.now() - started;
      const threadCpu = cpuMs() - cpu;
      await runShutdown('bench'); // closes the import thread
      if (threaded.value.imported[0]!.rows !== rows) throw new Error('the upload imported a different number of rows');

      cpu = cpuMs();
      const papa = await papaparseAlone(sales);
      const papaCpu = cpuMs() - cpu;
      if (papa.rows !== rows) throw new Error(`papaparse read ${papa.rows} rows, expected ${rows}`);

      const line = (name: string, ms: number, cpuTime: number, what: string) =>
        log(`  ${name.padEnd(9)} ${secs(ms).padStart(8)}  ${rate(rows, ms).padEnd(14)} CPU ${secs(cpuTime).padStart(8)}   ${what}`);
      log(`round ${round} (load average ${os.loadavg()[0]!.toFixed(1)} on ${os.availableParallelism()} cores):`);
      line('parse', parseMs, parseCpu, '(read, SHA-256, UTF-8 check, fields into typed columns)');
      line('store', storeMs, storeCpu, '(item and unit checks, multi-row INSERTs, one transaction, commit)');
      line('together', togetherMs, togetherCpu, '(importFiles: a parsing thread streams batches into the open transaction)');
      line('replace', replaceMs, replaceCpu, `(the same file again with replaceSalesDays: every stored row removed, ${again.replaced.itemDays.toLocaleString('en-US')} item-days) → ${(replaceMs / togetherMs).toFixed(2)}× together`);
      log(`  ${'correct'.padEnd(9)} ${secs(correctMs).padStart(8)}  ${''.padEnd(14)} CPU ${secs(correctCpu).padStart(8)}   (one row replacing its item-day among the ${rows.toLocaleString('en-US')} stored)`);
      line('upload', threadMs, threadCpu, `(multipart body through the server's import thread; longest event-loop block ${secs(threaded.blockMs)})`);
      line('papaparse', papa.ms, papaCpu, `(fast mode alone: arrays of strings, no checks) → our parse: ${(papa.ms / parseMs).toFixed(2)}× its speed`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
