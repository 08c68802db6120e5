import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrations } from '@/lib/store/sqlite/migrations';
import { DataDirError, openStore } from '@/lib/store';
import { dayToIso, parseIsoDay } from '@/lib/store/days';
import { tempDir } from '../helpers/tmp';
import { bumpDataVersion, sqlite } from '../helpers/sqlite';

describe('store', () => {
  const tmp = tempDir();
  afterEach(() => tmp.cleanup());

  it('creates the folder, migrates and uses WAL', async () => {
    const store = openStore(path.join(tmp.dir, 'a', 'b'));
    expect(sqlite(store).pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite(store).pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(await store.dataVersion()).toBe(0);
    store.close();
  });

  it('keeps the data version across reopen and raises it only on commit', async () => {
    const dir = path.join(tmp.dir, 'v');
    const store = openStore(dir);
    sqlite(store).transaction(() => bumpDataVersion(sqlite(store)))();
    expect(() =>
      sqlite(store).transaction(() => {
        bumpDataVersion(sqlite(store));
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    store.close();
    const again = openStore(dir);
    expect(await again.dataVersion()).toBe(1);
    again.close();
  });

  it('names an unwritable folder', () => {
    fs.mkdirSync(tmp.dir, { recursive: true });
    const blocker = path.join(tmp.dir, 'plain-file');
    fs.writeFileSync(blocker, '');
    expect(() => openStore(path.join(blocker, 'data'))).toThrow(DataDirError);
    expect(() => openStore(path.join(blocker, 'data'))).toThrow(`data folder ${blocker}/data is not writable`);
  });
});

describe('days', () => {
  it('round-trips ISO dates and rejects impossible ones', () => {
    expect(parseIsoDay('1970-01-02')).toBe(1);
    expect(dayToIso(parseIsoDay('2024-02-29'))).toBe('2024-02-29');
    expect(parseIsoDay('2023-02-29')).toBeNaN();
    expect(parseIsoDay('2023-13-01')).toBeNaN();
    expect(parseIsoDay('2023/01/01')).toBeNaN();
    expect(parseIsoDay('2023-01-01T10:00:00Z')).toBe(parseIsoDay('2023-01-01'));
  });
});
