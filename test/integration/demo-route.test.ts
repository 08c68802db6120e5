import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { counts, storeChecksum } from '../unit/ingest/helpers';

/** Small demo sizes from the environment, as an operator would set them. */
const SMALL = { STOCKCAST_DEMO_ITEMS: '12', STOCKCAST_DEMO_DAYS: '90' };

interface ImportAnswer {
  imported: { file: string; kind: string; rows: number; skipped: boolean }[];
  dataVersion: number;
}

/** The store as the server left it, read through a second connection. */
function snapshot(dir: string) {
  const db = new Database(path.join(dir, DB_FILE), { readonly: true, fileMustExist: true });
  try {
    return { sum: storeChecksum(db), counts: counts(db) };
  } finally {
    db.close();
  }
}

const postDemo = (url: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/demo`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe('POST /api/demo', () => {
  describe('on an empty store', () => {
    const tmp = tempDir();
    let server: RunningServer;

    beforeAll(async () => {
      server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir, ...SMALL });
    });
    afterAll(async () => {
      await server?.stop();
      tmp.cleanup();
    });

    it('loads the demo once however many ask at the same moment, then refuses with 409 and writes nothing', async () => {
      const answers = await Promise.all([postDemo(server.url), postDemo(server.url)]);
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
      const loaded = answers.find((r) => r.status === 200)!;
      const body = (await loaded.json()) as ImportAnswer;
      expect(body.dataVersion).toBeGreaterThan(0);
      expect(body.imported.map((f) => [f.file, f.kind, f.skipped])).toEqual([
        ['demo/items.csv', 'items', false],
        ['demo/uom.csv', 'uom', false],
        ['demo/sales.csv', 'sales', false],
        ['demo/inventory.csv', 'inventory', false],
      ]);
      expect(body.imported[0]!.rows).toBe(12);
      const refused = await errorOf(answers.find((r) => r.status === 409)!);
      expect(refused.code).toBe('not_empty');
      expect(refused.message).toMatch(/only into an empty store/);
      expect(snapshot(tmp.dir).counts).toMatchObject({ items: 12, imports: 4 });
      expect((await (await fetch(`${server.url}/api/health`)).json()).dataVersion).toBe(body.dataVersion);

      // The server started a refresh for the new data; wait for it so the store holds still.
      const { runs } = (await (await fetch(`${server.url}/api/runs?limit=5`)).json()) as { runs: { runId: string; requestedBy: string }[] };
      const run = runs.find((r) => r.requestedBy === 'demo');
      expect(run).toBeDefined();
      let status = 'queued';
      while (status === 'queued' || status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 200));
        status = ((await (await fetch(`${server.url}/api/runs/${run!.runId}`)).json()) as { status: string }).status;
      }
      expect(status).toBe('succeeded');
      const overview = (await (await fetch(`${server.url}/api/overview`)).json()) as { results: { dataVersion: number } | null };
      expect(overview.results?.dataVersion).toBe(body.dataVersion);

      const before = snapshot(tmp.dir);
      const again = await postDemo(server.url, { items: 3 });
      expect(again.status).toBe(409);
      expect((await errorOf(again)).message).toMatch(/12 items, 4 imported files/);
      expect(snapshot(tmp.dir)).toEqual(before);
    });
  });

  describe('with STOCKCAST_TOKEN set', () => {
    const tmp = tempDir();
    let server: RunningServer;
    const token = 'demo-token-5678';

    beforeAll(async () => {
      server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir, STOCKCAST_TOKEN: token, ...SMALL });
      // Next.js runs instrumentation.ts (which opens and migrates the store) beside listening: the
      // first answer from the store says it is open.
      await fetch(`${server.url}/api/health`, { headers: { Authorization: `Bearer ${token}` } });
    });
    afterAll(async () => {
      await server?.stop();
      tmp.cleanup();
    });

    it('refuses a missing or wrong token with 401 and bad sizes with 400, writing nothing', async () => {
      const empty = snapshot(tmp.dir);
      const attempts: Record<string, string>[] = [{}, { Authorization: 'Bearer wrong-token-0000' }, { Authorization: token }];
      for (const headers of attempts) {
        const res = await postDemo(server.url, undefined, headers);
        expect(res.status).toBe(401);
        expect((await errorOf(res)).code).toBe('unauthorized');
      }
      const auth = { Authorization: `Bearer ${token}` };
      for (const [body, field] of [
        [{ items: 0 }, 'items'],
        [{ items: 2.5 }, 'items'],
        [{ days: 100_000 }, 'days'],
        [{ days: '30' }, 'days'],
        [{ items: 5, colour: 'red' }, 'colour'],
      ] as const) {
        const res = await postDemo(server.url, body, auth);
        expect(res.status).toBe(400);
        expect((await errorOf(res)).message).toContain(`"${field}"`);
      }
      const malformed = await fetch(`${server.url}/api/demo`, { method: 'POST', headers: { ...auth, 'Content-Type': 'application/json' }, body: '{items:' });
      expect(malformed.status).toBe(400);
      expect(snapshot(tmp.dir)).toEqual(empty);
      expect(empty.counts).toEqual({ items: 0, uom_factors: 0, sales: 0, inventory: 0, imports: 0 });
    });

    it('loads a demo of the size the body asks for with the right token', async () => {
      const res = await postDemo(server.url, { items: 7, days: 40 }, { Authorization: `Bearer ${token}` });
      expect(res.status).toBe(200);
      const body = (await res.json()) as ImportAnswer;
      expect(body.dataVersion).toBe(1);
      expect(snapshot(tmp.dir).counts).toMatchObject({ items: 7, imports: 4 });
      const data = (await (await fetch(`${server.url}/api/data/sales`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
        firstDay: number;
        lastDay: number;
      };
      expect(data.lastDay - data.firstDay + 1).toBe(40);
    });
  });
});
