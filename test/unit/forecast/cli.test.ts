/** `stockcast forecast`: the command-line contract of issue 3, run as a real process. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { cycles } from './catalogues';

const root = path.resolve(import.meta.dirname, '../../..');
const { dir, cleanup } = tempDir('stockcast-forecast-cli-');
afterAll(cleanup);

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

function stockcast(...args: string[]) {
  return stockcastWith({}, ...args);
}

function stockcastWith(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/stockcast.mjs'), 'forecast', ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const rows = (n: number, id: string, f: (t: number) => number) => Array.from({ length: n }, (_, t) => `${id},${t + 1},${f(t)}`);
const good = write(
  'good.csv',
  ['series_id,t,value', ...rows(30, 'b', (t) => 50 + (t % 4) * 10 + t).reverse(), ...rows(20, '"a,1"', (t) => 100 + 2 * t), 'c,1,7'].join('\n') + '\n',
);

describe('stockcast forecast', () => {
  it('writes the contract header and H rows per series in order of first appearance', () => {
    const r = stockcast('--input', good, '--horizon', '5', '--season', '4');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('series_id,h,point,lo80,hi80,lo95,hi95,model');
    expect(lines.length).toBe(1 + 3 * 5);
    expect(lines.slice(1, 6).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['b,1', 'b,2', 'b,3', 'b,4', 'b,5']);
    expect(lines[6].startsWith('"a,1",1,')).toBe(true);
    expect(lines[11].startsWith('c,1,7,')).toBe(true);
    for (const line of lines.slice(1)) {
      const f = line.replace('"a,1"', 'a').split(',');
      const [point, lo80, hi80, lo95, hi95] = f.slice(2, 7).map(Number);
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThanOrEqual(point);
      expect(point).toBeLessThanOrEqual(hi80);
      expect(hi80).toBeLessThanOrEqual(hi95);
      expect(f[7]).toMatch(/^([a-z_]+|combo\([a-z_+]+\))$/);
    }
    expect(r.stderr).toMatch(/forecast: 3 series done/);
    expect(r.stderr).toMatch(/forecast: regular demand is forecast by the combination of auto_ets, auto_arima, auto_theta, theta/);
  });

  it('names the series whose value far beyond all its others it set aside, with its period and value, and forecasts it as without', () => {
    const steady = (t: number) => 20 + (t % 5);
    const typed = write('typed.csv', ['series_id,t,value', ...rows(30, 'typed', (t) => (t === 29 ? 900 : steady(t))), ...rows(30, 'clean', steady)].join('\n') + '\n');
    const r = stockcast('--input', typed, '--horizon', '3', '--season', '1');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "forecast: a value over 8 times its series' busy periods and twice any other period set aside as a quantity typed wrong in 1 series: typed t=30 (900)\n",
    );
    const points = (id: string) => r.stdout.split('\n').filter((l) => l.startsWith(`${id},`)).map((l) => Number(l.split(',')[2]));
    for (const p of points('typed')) expect(p).toBeLessThan(30);
    expect(stockcast('--input', good, '--horizon', '5', '--season', '4').stderr).not.toContain('typed wrong');
  });

  it('decides the member pool on the whole input: a catalogue where one method is clearly ahead is forecast by it alone, and says so', () => {
    const catalogue = write('cycles.csv', ['series_id,t,value', ...cycles(40, 7).flatMap((y, i) => rows(y.length, `s${i}`, (t) => y[t]))].join('\n') + '\n');
    const r = stockcast('--input', catalogue, '--horizon', '4', '--season', '1');
    expect(r.code).toBe(0);
    const models = new Set(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[7]));
    expect([...models]).toEqual(['auto_arima']);
    expect(r.stderr).toMatch(/forecast: auto_arima forecasts regular demand alone \(held-back error over the combination's on 40 series: .*auto_arima 0\.\d\d/);
  });

  it('forecasts a catalogue of 100 series or more on worker threads, writing what one thread writes', () => {
    let seed = 7;
    const noise = () => ((seed = (Math.imul(seed, 48271) + 11) >>> 0) / 4294967296 - 0.5) * 10;
    const series = Array.from({ length: 120 }, (_, i) => {
      const kind = i % 4;
      const f = (t: number) =>
        kind === 0 ? 100 + i + t * (i % 7) + noise() : kind === 1 ? 50 + 20 * Math.sin((2 * Math.PI * t) / 12) + noise() : kind === 2 ? (t % 5 === i % 5 ? 3 : 0) : Math.exp(0.05 * t) * (10 + i);
      return rows(24 + (i % 17), `s${i}`, (t) => Math.round(f(t) * 1000) / 1000);
    });
    const catalogue = write('catalogue.csv', ['series_id,t,value', ...series.flat()].join('\n') + '\n');
    const args = ['--input', catalogue, '--horizon', '6', '--season', '12'];
    const one = stockcastWith({ STOCKCAST_WORKERS: '1' }, ...args);
    const three = stockcastWith({ STOCKCAST_WORKERS: '3' }, ...args);
    expect([one.code, three.code]).toEqual([0, 0]);
    expect(one.stderr).not.toMatch(/worker threads/);
    expect(three.stderr).toMatch(/forecast: 3 worker threads/);
    expect(three.stderr).toMatch(/forecast: 120 series done/);
    const decision = (stderr: string) => stderr.split('\n').find((l) => l.includes('held-back error'));
    expect(decision(three.stderr)).toBe(decision(one.stderr));
    expect(three.stdout.split('\n')).toHaveLength(1 + 120 * 6 + 1);
    expect(three.stdout).toBe(one.stdout);
  });

  it('takes other levels and --out, and the file equals stdout', () => {
    const out = path.join(dir, 'out.csv');
    const r = stockcast('--input', good, '--horizon', '3', '--season', '1', '--levels', '50,90', '--out', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = fs.readFileSync(out, 'utf8');
    expect(text.split('\n')[0]).toBe('series_id,h,point,lo50,hi50,lo90,hi90,model');
    expect(stockcast('--input', good, '--horizon', '3', '--season', '1', '--levels', '50,90').stdout).toBe(text);
  });

  it.each([
    [['--horizon', '3', '--season', '1'], /--input is required/],
    [['--input', good, '--season', '1'], /--horizon is required/],
    [['--input', good, '--horizon', '0', '--season', '1'], /--horizon must be a positive integer/],
    [['--input', good, '--horizon', '3', '--season', 'x'], /--season must be a positive integer/],
    [['--input', good, '--horizon', '3', '--season', '1', '--levels', '80,100'], /--levels/],
    [['--input', good, '--horizon', '3', '--season', '1', '--levels', '80,95,80.0'], /--levels names a level twice/],
    [['--input', good, '--horizon', '3', '--season', '1', '--bogus'], /bogus/],
    [['--input', path.join(dir, 'missing.csv'), '--horizon', '3', '--season', '1'], /cannot read --input/],
    [['--input', good, '--horizon', '3', '--season', '1', '--out', path.join(dir, 'no-such-folder', 'out.csv')], /cannot write --out .*: ENOENT/],
  ])('exits 64 on bad flags %#', (args, message) => {
    const r = stockcast(...args);
    expect(r.code).toBe(64);
    expect(r.stderr).toMatch(message);
  });

  it('refuses an --out it cannot write before reading the input, and leaves no file behind a refused input', () => {
    const cannot = stockcast('--input', path.join(dir, 'missing.csv'), '--horizon', '3', '--season', '1', '--out', path.join(dir, 'no-such-folder', 'out.csv'));
    expect([cannot.code, cannot.stderr]).toEqual([64, expect.stringMatching(/cannot write --out/)]);
    const out = path.join(dir, 'refused', 'out.csv');
    fs.mkdirSync(path.dirname(out));
    const refused = stockcast('--input', write('refused.csv', 'series_id,t,value\na,1,x\n'), '--horizon', '3', '--season', '1', '--out', out);
    expect(refused.code).toBe(65);
    expect(fs.readdirSync(path.dirname(out))).toEqual([]);
  });

  it.each([
    ['missing header column', 'series_id,t,val\na,1,2\n', /line 1, column 4: missing header column "value"/],
    ['non-numeric value', 'series_id,t,value\na,1,2\na,2,lots\n', /line 3, column 3: value must be a number, got "lots"/],
    ['non-integer t', 'series_id,t,value\na,1.5,2\n', /line 2, column 2: t must be an integer/],
    ['duplicate (series_id,t)', 'series_id,t,value\na,1,2\nb,1,3\na,1,4\n', /line 4, column 2: duplicate \(series_id, t\) = \("a", 1\)/],
    ['empty file', '', /line 1, column 1: missing header column "series_id"/],
  ])('exits 65 naming line and column: %s', (name, text, message) => {
    const file = write(`${name.replace(/\W+/g, '-')}.csv`, text);
    const r = stockcast('--input', file, '--horizon', '3', '--season', '1');
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(file);
    expect(r.stderr).toMatch(message);
  });
});
