import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';
import { sqlite } from '../helpers/sqlite';
import { periodStart } from '@/lib/inventory/periods';
import { lastCompletePeriod } from '@/lib/pipeline/demand';
import { dayToIso } from '@/lib/store/days';
import { openStore } from '@/lib/store';

interface Cli {
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stderr(): string;
}

function cli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited, stderr: () => stderr };
}

/** Polls until `check` returns a value (not undefined). */
async function until<T>(check: () => T | undefined, what: string, context: () => string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${context()}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function runRows(dir: string): { id: string; status: string; started_at: number; ended_at: number | null; items_done: number }[] {
  const db = new Database(path.join(dir, 'stockcast.db'), { readonly: true });
  try {
    return db.prepare('SELECT id, status, started_at, ended_at, items_done FROM runs ORDER BY started_at').all() as never;
  } finally {
    db.close();
  }
}

/** A seeded data folder, copied from a template so identical data is cheap to have twice. */
function dataDir(template: string, name: string): string {
  const dir = path.join(path.dirname(template), name);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(template, 'stockcast.db'), path.join(dir, 'stockcast.db'));
  return dir;
}

async function seeded(dir: string, items: number, days: number): Promise<string> {
  const store = await demoStore(dir, { items, days });
  sqlite(store).pragma('wal_checkpoint(TRUNCATE)');
  store.close();
  return dir;
}

describe('stockcast run on the demo data: crash, resume and the lock, across processes', () => {
  const tmp = tempDir();
  let big: string;
  let small: string;

  beforeAll(async () => {
    big = await seeded(path.join(tmp.dir, 'big-template'), 5000, 200);
    small = await seeded(path.join(tmp.dir, 'small-template'), 30, 120);
  });
  afterAll(() => tmp.cleanup());

  it('kill -9 mid-tournament: the next run takes the lock over, resumes, computes only the rest, and exports what a clean run exports', async () => {
    const crashed = dataDir(big, 'crashed');
    const clean = dataDir(big, 'clean');

    const first = cli(['run', '--data', crashed]);
    const committed = await until(() => {
      const run = fs.existsSync(path.join(crashed, 'stockcast.db')) ? runRows(crashed)[0] : undefined;
      return run && run.items_done > 0 ? run.items_done : undefined;
    }, 'the first committed batch', first.stderr);
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    expect(committed).toBeLessThan(5000);
    const left = JSON.parse(fs.readFileSync(path.join(crashed, 'pipeline.lock'), 'utf8'));
    expect(left.pid).toBe(first.child.pid);

    const second = await cli(['run', '--data', crashed]).exited;
    expect(second.code, second.stderr).toBe(0);
    const before = runRows(crashed)[0]!;
    const resume = /resuming run (\S+): (\d+) of (\d+) items already done/.exec(second.stderr);
    expect(resume, second.stderr).not.toBeNull();
    expect(resume![1]).toBe(before.id);
    const already = Number(resume![2]);
    expect(already).toBeGreaterThanOrEqual(committed);
    expect(already).toBeLessThan(5000);
    expect(resume![3]).toBe('5000');
    expect(second.stderr).toContain(`taking over stale pipeline lock ${path.join(crashed, 'pipeline.lock')}: its owner pid ${first.child.pid} is gone`);
    expect(second.stdout).toContain(`computed ${5000 - already}\n`);
    expect(runRows(crashed).map((r) => r.status)).toEqual(['interrupted', 'completed']);

    const reference = await cli(['run', '--data', clean]).exited;
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stdout).toContain('computed 5000\n');
    const counts = (out: string) => out.split('\n').filter((l) => /^(stockout|at_risk|healthy|excess|no_demand|no_stock) /.test(l));
    expect(counts(second.stdout)).toEqual(counts(reference.stdout));

    for (const [dir, out] of [
      [crashed, path.join(tmp.dir, 'out-crashed')],
      [clean, path.join(tmp.dir, 'out-clean')],
    ] as const) {
      const exported = await cli(['export', '--data', dir, '--out', out]).exited;
      expect(exported.code, exported.stderr).toBe(0);
    }
    for (const file of ['forecasts.csv', 'inventory.csv']) {
      const a = fs.readFileSync(path.join(tmp.dir, 'out-crashed', file), 'utf8');
      const b = fs.readFileSync(path.join(tmp.dir, 'out-clean', file), 'utf8');
      expect(a.length).toBeGreaterThan(1000);
      expect(a === b, `${file} differs`).toBe(true);
    }
    const onAFile = await cli(['export', '--data', clean, '--out', path.join(tmp.dir, 'out-clean', 'forecasts.csv')]).exited;
    expect([onAFile.code, onAFile.stderr]).toEqual([64, expect.stringContaining('cannot write --out')]);
    const header = fs.readFileSync(path.join(tmp.dir, 'out-clean', 'inventory.csv'), 'utf8').split('\n')[0];
    expect(header).toBe(
      'item_id,status,abc,xyz,on_hand,on_order,safety_stock,reorder_point,days_of_supply,stockout_date,excess_units,excess_value,model,mase,confidence,forecast',
    );
    expect(fs.readFileSync(path.join(tmp.dir, 'out-clean', 'forecasts.csv'), 'utf8').split('\n')[0]).toBe(
      'item_id,period_start,point,lo80,hi80,lo95,hi95,model,statistical',
    );
  });

  it('a second run while one holds the lock exits 75 naming the holder; SIGTERM stops the holder and releases the lock', async () => {
    const dir = dataDir(big, 'busy');
    const lockFile = path.join(dir, 'pipeline.lock');
    const holder = cli(['run', '--period', 'day', '--data', dir]); // daily: long enough to stop half-way
    const lock = await until(() => {
      if (!fs.existsSync(lockFile)) return undefined;
      const l = JSON.parse(fs.readFileSync(lockFile, 'utf8'));
      return runRows(dir)[0]?.items_done ? l : undefined;
    }, 'the first run to hold the lock and commit', holder.stderr);
    expect(lock).toMatchObject({ pid: holder.child.pid, host: os.hostname() });

    const refused = await cli(['run', '--force', '--data', dir]).exited;
    expect(refused.code).toBe(75);
    expect(refused.stderr).toBe(
      `another pipeline run is in progress: pid ${holder.child.pid} on ${os.hostname()} since ${lock.startedAt} (lock ${lockFile})\n`,
    );

    holder.child.kill('SIGTERM');
    const stopped = await holder.exited;
    expect(stopped.code).toBe(143);
    expect(fs.existsSync(lockFile)).toBe(false);
    const [run] = runRows(dir);
    expect(run).toMatchObject({ status: 'cancelled' });
    expect(run!.items_done).toBeGreaterThan(0);
    expect(run!.items_done).toBeLessThan(5000);
    // (a cancelled run resumes like a killed one: test/unit/pipeline/pipeline.test.ts)
  });

  it('--wait waits for the holder, then uses its result when it was for the same key', async () => {
    const dir = dataDir(small, 'wait');
    // The test-only chunk delay keeps the holder busy while the waiter starts.
    const holder = cli(['run', '--data', dir], { STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '1500' });
    await until(() => (fs.existsSync(path.join(dir, 'pipeline.lock')) ? true : undefined), 'the lock', holder.stderr);
    const waiter = await cli(['run', '--wait', '--data', dir]).exited;
    const first = await holder.exited;
    expect(first.code, first.stderr).toBe(0);
    expect(waiter.code, waiter.stderr).toBe(0);
    expect(waiter.stderr).toMatch(new RegExp(`^waiting for the pipeline lock: pid ${holder.child.pid} on ${os.hostname()} since \\S+ \\(run \\S+, stockcast run --data `, 'm'));
    const firstId = /^run (\S+) completed$/m.exec(first.stdout)![1];
    expect(waiter.stdout).toContain(`run ${firstId} cached\n`);
    expect(runRows(dir).length).toBe(1);
  });

  it('bad flags exit 64; exporting before any completed run exits 65 saying so', async () => {
    const empty = path.join(tmp.dir, 'empty');
    const bad = await cli(['run', '--period', 'year', '--data', empty]).exited;
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('--period must be one of day, week, month, got "year"');
    const tooFar = await cli(['run', '--horizon', '500', '--data', empty]).exited;
    expect(tooFar.code).toBe(64);
    expect(tooFar.stderr).toContain('horizon must be a whole number of weeks from 1 to 156, got 500');
    const aFile = path.join(tmp.dir, 'a-file');
    fs.writeFileSync(aFile, '');
    const onAFile = await cli(['run', '--data', aFile]).exited;
    expect([onAFile.code, onAFile.stderr]).toEqual([64, expect.stringMatching(/^stockcast run: data folder .* is not writable: EEXIST[^\n]*\n$/)]);
    // A data folder that holds no store is a mistyped path: named, and nothing created there.
    const mistyped = path.join(tmp.dir, 'no', 'such', 'data');
    for (const args of [['export', '--out', path.join(tmp.dir, 'nothing')], ['overrides', 'export'], ['pins', 'export']]) {
      const typo = await cli([...args, '--data', mistyped]).exited;
      expect([typo.code, typo.stderr], args[0]).toEqual([64, `stockcast ${args[0]}: no Stockcast data in ${mistyped}: check --data or STOCKCAST_DATA_DIR (an import creates it)\n`]);
    }
    expect(fs.existsSync(path.join(tmp.dir, 'no'))).toBe(false);
    expect(fs.existsSync(path.join(tmp.dir, 'nothing'))).toBe(false);
    await openStore(empty).close();
    const nothing = await cli(['export', '--out', path.join(tmp.dir, 'nothing'), '--data', empty]).exited;
    expect(nothing.code).toBe(65);
    expect(nothing.stderr).toContain('no completed pipeline run to export yet');
  });

  it('names the item whose sale, imported with its year typed a century early, it left out', async () => {
    const dir = dataDir(small, 'typed-year');
    const sale = path.join(tmp.dir, 'typed-year.csv');
    const db = new Database(path.join(dir, 'stockcast.db'), { readonly: true });
    const unit = db.prepare(`SELECT base_uom FROM items WHERE item_id = 'SKU-000002'`).pluck().get() as string;
    db.close();
    fs.writeFileSync(sale, `item_id,date,quantity,uom\nSKU-000002,1926-03-02,4,${unit}\n`);
    const imported = await cli(['import', sale, '--data', dir]).exited;
    expect(imported.code, imported.stderr).toBe(0);
    const run = await cli(['run', '--data', dir]).exited;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain(
      'sales before a silence of a year or more left out (a relaunch, or a year typed wrong; each history starts when the item sold again): SKU-000002\n',
    );
  });

  it('names the item, the week and the demand of a quantity typed wrong, which it left out of the forecast', async () => {
    const dir = dataDir(small, 'typed-quantity');
    const sale = path.join(tmp.dir, 'typed-quantity.csv');
    const db = new Database(path.join(dir, 'stockcast.db'), { readonly: true });
    const unit = db.prepare(`SELECT base_uom FROM items WHERE item_id = 'SKU-000002'`).pluck().get() as string;
    const lastDay = db.prepare('SELECT max(day) FROM sales').pluck().get() as number;
    db.close();
    const week = lastCompletePeriod('week', lastDay);
    fs.writeFileSync(sale, `item_id,date,quantity,uom\nSKU-000002,${dayToIso(periodStart('week', week) + 2)},1000000,${unit}\n`);
    const imported = await cli(['import', sale, '--data', dir]).exited;
    expect(imported.code, imported.stderr).toBe(0);
    const run = await cli(['run', '--data', dir]).exited;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(
      new RegExp(
        `^a week's demand over 8 times the item's busy weeks and twice any other week left out of its forecast \\(a quantity typed wrong\\? import the corrected sales with --replace-days\\): ` +
          `SKU-000002 week of ${dayToIso(periodStart('week', week))} \\(1000\\d{3}(\\.\\d+)?, about \\d+(\\.\\d+)? around it\\)$`,
        'm',
      ),
    );
  });

  it('runs started together never overlap (checked in the run table over many attempts)', async () => {
    const dir = dataDir(small, 'together');
    const attempts = 6;
    for (let a = 0; a < attempts; a++) {
      const pair = [cli(['run', '--force', '--wait', '--data', dir]), cli(['run', '--force', '--wait', '--data', dir])];
      const results = await Promise.all(pair.map((p) => p.exited));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
    }
    const runs = runRows(dir);
    expect(runs.length).toBe(2 * attempts);
    for (const r of runs) expect(r.status).toBe('completed');
    for (let i = 1; i < runs.length; i++) {
      expect(runs[i]!.started_at, `run ${runs[i]!.id} started before ${runs[i - 1]!.id} ended`).toBeGreaterThanOrEqual(
        runs[i - 1]!.ended_at!,
      );
    }
  });
});
