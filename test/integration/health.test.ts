import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

describe('server start-up', () => {
  const tmp = tempDir();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: path.join(tmp.dir, 'nested', 'data') });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('creates the data folder and answers health with the data version', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', dataVersion: 0 });
    expect(fs.existsSync(path.join(tmp.dir, 'nested', 'data', 'stockcast.db'))).toBe(true);
  });

  it('exits 0 on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
  });
});

describe('unwritable data folder', () => {
  it('fails at start-up with an error naming the folder', async () => {
    const tmp = tempDir();
    const blocker = path.join(tmp.dir, 'file-not-folder');
    fs.writeFileSync(blocker, '');
    try {
      await expect(startServer({ STOCKCAST_DATA_DIR: path.join(blocker, 'data') })).rejects.toThrow(
        new RegExp(`data folder ${blocker}/data is not writable`),
      );
    } finally {
      tmp.cleanup();
    }
  });
});
