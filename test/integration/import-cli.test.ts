import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { ROOT } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { counts, GOOD, storeChecksum } from '../unit/ingest/helpers';
import { malformedVariants, MUTATION_NAMES } from '../unit/ingest/malformed';

/** Runs `stockcast ARGS` as an operator would. */
function stockcast(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('stockcast import', () => {
  const tmp = tempDir();
  const data = path.join(tmp.dir, 'data');
  const files = path.join(tmp.dir, 'files');
  const file = (name: string, text: string | Buffer) => {
    const p = path.join(files, name);
    fs.writeFileSync(p, text);
    return p;
  };
  const snapshot = () => {
    const db = new Database(path.join(data, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      return { sum: storeChecksum(db), counts: counts(db) };
    } finally {
      db.close();
    }
  };

  beforeAll(() => {
    fs.mkdirSync(path.join(files, 'good'), { recursive: true });
    for (const kind of ['items', 'uom', 'sales', 'inventory'] as const) file(`good/${kind}.csv`, GOOD[kind]);
  });
  afterAll(() => tmp.cleanup());

  it('imports a folder of all four kinds into a fresh data folder (--data), then skips it', async () => {
    const first = await stockcast(['import', path.join(files, 'good'), '--data', data]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout.trim().split('\n')).toEqual([
      'imported  items.csv      items                 3 rows',
      'imported  uom.csv        uom                   4 rows',
      'imported  sales.csv      sales                 6 rows',
      'imported  inventory.csv  inventory             3 rows',
      'data version 1',
    ]);
    const before = snapshot();
    const again = await stockcast(['import', path.join(files, 'good', 'sales.csv')], { STOCKCAST_DATA_DIR: data });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe('skipped   sales.csv  sales                 6 rows  (same file imported before)\ndata version 1\n');
    expect(snapshot()).toEqual(before);
  });

  it('imports a re-export that repeats stored sales days, and warns that those days now count twice', async () => {
    const repeat = file('sales-again.csv', `${GOOD.sales}A-1,2026-10-04,2,EA\n`);
    const r = await stockcast(['import', repeat, '--data', data]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^imported {2}sales-again\.csv {2}sales {17}7 rows\ndata version \d+\n$/);
    expect(r.stderr).toBe(
      'warning: sales-again.csv: 6 rows fall on days their items already had sales for (3 items, 2026-10-01 to 2026-10-03); ' +
        'sales rows add up, so if this file repeats an earlier extract, those days now count twice (import it again with --replace-days to count them once)\n',
    );
    // The next days alone repeat nothing.
    const next = await stockcast(['import', file('sales-next.csv', 'item_id,date,quantity,uom\nA-1,2026-10-05,1,EA\n'), '--data', data]);
    expect([next.code, next.stderr]).toEqual([0, '']);
  });

  it('with --replace-days, a corrected extract replaces the stored sales on the days it holds, without a warning', async () => {
    const sold = (where: string) => {
      const db = new Database(path.join(data, DB_FILE), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(`SELECT coalesce(sum(s.quantity), 0) FROM sales s JOIN items i ON i.id = s.item WHERE ${where}`).pluck().get() as number;
      } finally {
        db.close();
      }
    };
    const otherDays = sold(`NOT (i.item_id = 'A-1' AND s.day = unixepoch('2026-10-04') / 86400)`);
    // The re-export above sold A-1 2 on Oct 4; the corrected extract says 3.
    expect(sold(`i.item_id = 'A-1' AND s.day = unixepoch('2026-10-04') / 86400`)).toBe(2);
    const fixed = file('sales-fixed.csv', 'item_id,date,quantity,uom\nA-1,2026-10-04,3,EA\n');
    const r = await stockcast(['import', fixed, '--replace-days', '--data', data]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^imported {2}sales-fixed\.csv {2}sales {17}1 rows\nreplaced 1 stored sales row on 1 item-day\ndata version \d+\n$/);
    expect(sold(`i.item_id = 'A-1' AND s.day = unixepoch('2026-10-04') / 86400`)).toBe(3);
    expect(sold(`NOT (i.item_id = 'A-1' AND s.day = unixepoch('2026-10-04') / 86400)`)).toBe(otherDays);
  });

  it('exits 65 on invalid data, lists file, row and column, and writes nothing of any file', async () => {
    const before = snapshot();
    const items = file('more-items.csv', 'item_id,name,category,base_uom,unit_cost,lead_time_days\nM-1,More,Snacks,EA,2,5\n');
    const sales = file('bad-sales.csv', 'item_id;date;quantity;uom\nM-1;2026-10-01;4;EA\nM-1;01.10.2026;4;EA\n');
    const r = await stockcast(['import', items, sales, '--data', data]);
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'stockcast import: 1 problem in bad-sales.csv; nothing was imported\n' +
        '  bad-sales.csv: row 3, column date, item M-1: expected a date as YYYY-MM-DD, got "01.10.2026"\n',
    );
    expect(snapshot()).toEqual(before);
  });

  it('exits 64 on bad flags and paths', async () => {
    for (const args of [['import'], ['import', '--kind', 'orders', path.join(files, 'good')], ['import', '--nope', 'x'], ['import', path.join(files, 'missing.csv')]]) {
      const r = await stockcast([...args, '--data', data]);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.stderr).toMatch(/^stockcast import: /);
    }
  });

  it('exits 65 for malformed files of every kind of damage, never crashing or writing', async () => {
    const before = snapshot();
    const variants = malformedVariants(MUTATION_NAMES.length, 99);
    const paths = variants.map((v) => file(v.name, v.bytes));
    // Three commands at a time: each is mostly process start-up.
    for (let from = 0; from < paths.length; from += 3) {
      const batch = paths.slice(from, from + 3);
      const results = await Promise.all(batch.map((p) => stockcast(['import', p, '--data', data])));
      results.forEach((r, k) => {
        const name = variants[from + k]!.name;
        expect(r.code, `${name}: ${r.stderr}`).toBe(65);
        expect(r.stderr).toContain(`  ${name}: row `);
      });
    }
    expect(snapshot()).toEqual(before);
  }, 300_000);
});
