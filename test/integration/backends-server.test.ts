import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store';
import { tempDatabase } from '../helpers/postgres';
import { startServer, type RunningServer } from '../helpers/server';
import { BACKENDS, type Backend } from '../helpers/stores';
import { tempDir } from '../helpers/tmp';
import { postEvents, sale } from '../unit/events/fixtures';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';

/**
 * The same server on each store: an embedded SQLite file, and a PostgreSQL database named by
 * STOCKCAST_DATABASE_URL. Both hold the same demo data; refreshes, events and imports must
 * behave the same, and the results must be the same.
 */
const DEMO = { items: 60, days: 400 };

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, unknown> });

describe('the server on both stores', () => {
  const tmp = tempDir();
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  const servers = {} as Record<Backend, RunningServer>;

  beforeAll(async () => {
    database = await tempDatabase();
    await Promise.all(
      BACKENDS.map(async (backend) => {
        const dataDir = path.join(tmp.dir, backend);
        const url = backend === 'postgres' ? database.url : null;
        const store = openStore(dataDir, url);
        await importFiles(store, demoSources(DEMO).sources);
        await store.close();
        servers[backend] = await startServer({ STOCKCAST_DATA_DIR: dataDir, ...(url ? { STOCKCAST_DATABASE_URL: url } : {}) });
      }),
    );
  });
  afterAll(async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    await database?.drop();
    tmp.cleanup();
  });

  const refresh = async (url: string) =>
    (await json(await fetch(`${url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }))).body as {
      runId: string;
      status: string;
    };
  const version = async (url: string) => ((await json(await fetch(`${url}/api/health`))).body as { dataVersion: number }).dataVersion;

  it('joins concurrent refreshes into one run on each store, and both show the same overview', async () => {
    const overviews: Record<string, unknown> = {};
    for (const backend of BACKENDS) {
      const { url } = servers[backend];
      const answers = await Promise.all(Array.from({ length: 30 }, () => refresh(url)));
      expect(new Set(answers.map((a) => a.runId)).size).toBe(1);
      expect(answers.filter((a) => a.status === 'started')).toHaveLength(1);
      const run = await until(async () => {
        const r = (await json(await fetch(`${url}/api/runs/${answers[0]!.runId}`))).body as { status: string };
        return ['succeeded', 'failed', 'cancelled'].includes(r.status) ? r : undefined;
      }, `the run on ${backend}`);
      expect(run.status).toBe('succeeded');
      expect((await refresh(url)).status).toBe('cached');
      const overview = (await json(await fetch(`${url}/api/overview`))).body;
      overviews[backend] = { kpis: overview.kpis, health: overview.health, atRisk: overview.atRisk, catalogueItems: overview.catalogueItems };
    }
    expect((overviews.postgres as { catalogueItems: number }).catalogueItems).toBe(DEMO.items);
    expect(overviews.postgres).toEqual(overviews.sqlite);
  });

  it('builds the same inbox and worksheet on each store (on the actions thread, from its own connection)', async () => {
    const views: Record<string, unknown> = {};
    for (const backend of BACKENDS) {
      const { url } = servers[backend];
      const inbox = (await json(await fetch(`${url}/api/inbox?state=all&limit=1000`))).body as { runId: string | null; total: number; rows: unknown[] };
      const sheet = (await json(await fetch(`${url}/api/worksheet`))).body as { runId: string | null; lines: unknown[]; suppliers: unknown[]; total: unknown };
      expect(inbox.runId).not.toBeNull();
      expect(inbox.total).toBeGreaterThan(0);
      expect(sheet.lines.length).toBeGreaterThan(0);
      views[backend] = { inbox: { total: inbox.total, rows: inbox.rows }, sheet: { lines: sheet.lines, suppliers: sheet.suppliers, total: sheet.total } };
    }
    expect(views.postgres).toEqual(views.sqlite);
  });

  it('stores an event request once however often it is sent with the same Idempotency-Key', async () => {
    for (const backend of BACKENDS) {
      const { url } = servers[backend];
      const before = await version(url);
      const body = [sale('SKU-000001', '2026-11-02', 3), sale('SKU-000001', '2026-11-03', 4), sale('NOPE', '2026-11-02', 1)].join('\n');
      const first = await postEvents(url, body, { 'Idempotency-Key': `k-${backend}` });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ accepted: 2, rejected: [{ line: 3, error: 'unknown item "NOPE"' }] });
      const again = await postEvents(url, body, { 'Idempotency-Key': `k-${backend}` });
      expect(again.status).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await version(url)).toBe(before + 1);
    }
  });

  it('refuses an import with a bad row with 422 naming file, row and column, and stores nothing', async () => {
    for (const backend of BACKENDS) {
      const { url } = servers[backend];
      const before = await version(url);
      const form = new FormData();
      form.append('file', new Blob(['item_id,date,quantity\nSKU-000001,2026-11-05,2\nSKU-000001,2026-02-31,1\n']), 'late-sales.csv');
      const res = await json(await fetch(`${url}/api/import`, { method: 'POST', body: form }));
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ error: { code: 'invalid_data', details: [{ file: 'late-sales.csv', row: 3, column: 'date' }] } });
      expect(await version(url)).toBe(before);
    }
  });
});
