/** Sets in the shared format from any folder (`loadSetFiles`): what the reports read, and the errors they name. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { m4ToSharedFormat } from './m4-to-csv';
import { holdBack, loadSetFiles } from './sets';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-sets-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function writeSet(name: string, test: string, meta = 'series_id,frequency,horizon,type\nA,4,2,MICRO\nB,4,2,MICRO\n'): string {
  const prefix = path.join(dir, name);
  const train = ['series_id,t,value', ...[1, 2, 3, 4, 5].map((t) => `A,${t},${10 * t}`), ...[1, 2, 3].map((t) => `B,${t},${t}`)].join('\n');
  fs.writeFileSync(`${prefix}_train.csv`, `${train}\n`);
  fs.writeFileSync(`${prefix}_test.csv`, test);
  fs.writeFileSync(`${prefix}_meta.csv`, meta);
  return prefix;
}

describe('loadSetFiles', () => {
  it('reads the histories, the held-out tails aligned with them, season and horizon', () => {
    const set = loadSetFiles(writeSet('tiny_quarterly', 'series_id,t,value\nB,4,4\nB,5,5\nA,6,60\nA,7,70\n'));
    expect(set.name).toBe('tiny_quarterly');
    expect(set.train.ids).toEqual(['A', 'B']);
    expect([...set.actual]).toEqual([60, 70, 4, 5]);
    expect(set.settings).toMatchObject({ horizon: 2, season: 4, levels: [80, 95], nonNegative: false });
    expect(set.intermittent).toBe(false);
    const back = holdBack(set);
    expect([...back.actual]).toEqual([40, 50, 2, 3]);
    expect([...back.train.batch.offsets]).toEqual([0, 3, 4]);
  });

  it('names the series whose test tail is shorter than the horizon', () => {
    const prefix = writeSet('short_tail', 'series_id,t,value\nA,6,60\nA,7,70\nB,4,4\n');
    expect(() => loadSetFiles(prefix)).toThrow('short_tail: B has 1 test rows, fewer than the horizon 2');
  });

  it('names the meta file when it gives no usable season or horizon', () => {
    const prefix = writeSet('bad_meta', 'series_id,t,value\nA,6,60\nA,7,70\nB,4,4\nB,5,5\n', 'series_id,frequency,horizon\nA,quarterly,2\n');
    expect(() => loadSetFiles(prefix)).toThrow(`${prefix}_meta.csv: row 2 must give a whole frequency and horizon from 1`);
  });
});

describe('m4ToSharedFormat', () => {
  // The M4 files' layout: quoted header V1..Vk, one row per series, padded with empty fields.
  const train = '"V1","V2","V3","V4","V5"\n"H1","605","586","586","559"\n"H2","3124","2990","",""\n';
  const test = '"V1","V2","V3","V4"\n"H2","3000","3010","2990"\n"H1","600","610","590"\n';

  it('writes the histories, their tails (first horizon values) and meta that loadSetFiles reads back', () => {
    const out = m4ToSharedFormat(train, test, 24, 2);
    const prefix = path.join(dir, 'm4_tiny');
    for (const part of ['train', 'test', 'meta'] as const) fs.writeFileSync(`${prefix}_${part}.csv`, out[part]);
    const set = loadSetFiles(prefix);
    expect(set.train.ids).toEqual(['H1', 'H2']);
    expect([...set.train.batch.values]).toEqual([605, 586, 586, 559, 3124, 2990]);
    expect([...set.actual]).toEqual([600, 610, 3000, 3010]);
    expect(set.settings).toMatchObject({ horizon: 2, season: 24 });
    expect(out.test.split('\n')[1]).toBe('H1,5,600');
  });

  it('names the file, row, column and series of a value that is not a number', () => {
    expect(() => m4ToSharedFormat(train.replace('"586","559"', '"586","x"'), test, 24, 2, { train: 'Hourly-train.csv', test: 'Hourly-test.csv' })).toThrow(
      'Hourly-train.csv: row 2, column 5 (H1): "x" is not a number',
    );
  });

  it('names a series without a test row, or with a tail shorter than the horizon', () => {
    expect(() => m4ToSharedFormat(train, test.replace(/"H2".*\n/, ''), 24, 2)).toThrow('test: no row for series H2 of train');
    expect(() => m4ToSharedFormat(train, test, 24, 4)).toThrow('test: series H1 has 3 values, fewer than the horizon 4');
  });
});
