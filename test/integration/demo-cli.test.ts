import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

function stockcast(args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
      cwd: ROOT,
      env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const FILES = ['items.csv', 'uom.csv', 'sales.csv', 'inventory.csv'];

describe('stockcast demo', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  const out = (name: string) => path.join(tmp.dir, name);
  const read = (dir: string) => FILES.map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));

  it('writes the four files, the same bytes for the same flags, and they import cleanly', async () => {
    const a = await stockcast(['demo', '--items', '30', '--days', '90', '--seed', '3', '--out', out('a')]);
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/^wrote .*a \(seed 3, 2026-08-03 to 2026-10-31/);
    expect((await stockcast(['demo', '--items', '30', '--days', '90', '--seed', '3', '--out', out('b')])).code).toBe(0);
    expect((await stockcast(['demo', '--items', '30', '--days', '90', '--seed', '4', '--out', out('c')])).code).toBe(0);
    expect(read(out('b'))).toEqual(read(out('a')));
    expect(read(out('c'))[2]).not.toEqual(read(out('a'))[2]);
    expect(read(out('a'))[0]!.split('\n')).toHaveLength(32); // header, 30 items, final line break

    const imported = await stockcast(['import', out('a'), '--data', out('data')]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported {2}items\.csv .* 30 rows\n(.*\n){3}data version 1\n$/);
  });

  it('exits 64 on bad flags', async () => {
    for (const args of [[], ['--items', '10', '--days', '10'], ['--items', '0', '--days', '10', '--out', out('x')], ['--items', '10', '--days', 'ten', '--out', out('x')], ['--items', '10', '--days', '10', '--seed', '-1', '--out', out('x')]]) {
      const r = await stockcast(['demo', ...args]);
      expect(r.code, args.join(' ')).toBe(64);
    }
    fs.writeFileSync(out('a-file'), '');
    const underAFile = await stockcast(['demo', '--items', '10', '--days', '10', '--out', path.join(out('a-file'), 'demo')]);
    expect([underAFile.code, underAFile.stderr]).toEqual([64, expect.stringMatching(/cannot write --out .*a-file\/demo: ENOTDIR/)]);
  });
});
