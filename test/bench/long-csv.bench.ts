/**
 * `stockcast forecast`'s input read in pieces (`readLongCsv`) against the whole file read as one
 * string (`parseLongCsv`, as before): side by side on a file both can read, then on one past the
 * longest string Node can hold (512 MiB), which only the pieces read.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseLongCsv, readLongCsv } from '../../lib/ingest/long-format';
import type { BenchContext } from './types';

/** A long CSV of `series` × `periods` rows, written in blocks; returns its size in MB. */
function writeLongCsv(file: string, series: number, periods: number): number {
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, 'series_id,t,value\n');
    for (let s = 0; s < series; s++) {
      let block = '';
      for (let t = 1; t <= periods; t++) block += `FOODS_3_${s}_CA_1,${t},${(s * 31 + t * 7) % 97}\n`;
      fs.writeSync(fd, block);
    }
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size / 1e6;
}

async function seconds<T>(read: () => Promise<T> | T): Promise<{ s: number; value?: T; error?: string }> {
  const started = performance.now();
  try {
    const value = await read();
    return { s: (performance.now() - started) / 1000, value };
  } catch (err) {
    return { s: (performance.now() - started) / 1000, error: (err as NodeJS.ErrnoException).code ?? String(err) };
  }
}

export async function run({ quick, log }: BenchContext): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-long-csv-'));
  try {
    const periods = 1_200;
    const sizes = quick ? [500, 2_500] : [5_000, 25_000];
    for (const series of sizes) {
      const file = path.join(dir, `${series}.csv`);
      const mb = writeLongCsv(file, series, periods);
      const rows = series * periods;
      const whole = await seconds(() => parseLongCsv(fs.readFileSync(file, 'utf8')));
      const pieces = await seconds(() => readLongCsv(file));
      const rate = (r: { s: number }) => `${r.s.toFixed(1)} s (${((rows / r.s) / 1e6).toFixed(2)}M rows/s)`;
      log(
        `${series.toLocaleString('en-US')} series × ${periods} periods (${(rows / 1e6).toFixed(0)}M rows, ${mb.toFixed(0)} MB): ` +
          `in pieces ${pieces.error ?? rate(pieces)}; as one string ${whole.error ? `fails: ${whole.error}` : rate(whole)}` +
          (whole.value && pieces.value ? `; ${(pieces.s / whole.s).toFixed(2)}× the time` : ''),
      );
      fs.rmSync(file);
    }
    log(`peak RSS of the bench process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
