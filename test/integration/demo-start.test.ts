import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { startServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

const small = { STOCKCAST_DEMO_ITEMS: '25', STOCKCAST_DEMO_DAYS: '60', STOCKCAST_LOG_LEVEL: 'info' };

function items(dir: string): number {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM items').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('first start', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('loads the demo data into an empty data folder, once', async () => {
    const dir = path.join(tmp.dir, 'demo');
    const server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_DEMO: '1', ...small });
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', dataVersion: 1 });
      const imports = (await (await fetch(`${server.url}/api/import`)).json()).imports.map((f: { name: string }) => f.name);
      expect(imports.sort()).toEqual(['demo/inventory.csv', 'demo/items.csv', 'demo/sales.csv', 'demo/uom.csv']);
      expect(server.output()).toMatch(/loaded demo data into an empty store/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(items(dir)).toBe(25);

    const again = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_DEMO: '1', ...small });
    try {
      expect(await (await fetch(`${server.url.replace(String(server.port), String(again.port))}/api/health`)).json()).toEqual({ status: 'ok', dataVersion: 1 });
      expect(again.output()).not.toMatch(/loaded demo data/);
    } finally {
      await again.stop();
    }
  });

  it('leaves the data folder empty with STOCKCAST_DEMO=0', async () => {
    const dir = path.join(tmp.dir, 'empty');
    const server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_DEMO: '0', ...small });
    try {
      expect(await (await fetch(`${server.url}/api/health`)).json()).toEqual({ status: 'ok', dataVersion: 0 });
    } finally {
      await server.stop();
    }
    expect(items(dir)).toBe(0);
  });
});
