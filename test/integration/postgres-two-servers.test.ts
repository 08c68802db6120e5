import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '@/lib/demo/files';
import { importFiles } from '@/lib/ingest/import';
import type { RunJson } from '@/lib/service';
import { openStore, type Store } from '@/lib/store';
import { tempDatabase } from '../helpers/postgres';
import { openSse } from '../helpers/sse';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';

/**
 * Two servers with data folders of their own (as on two machines) on one PostgreSQL database:
 * refreshes sent to both at once compute the pipeline once, under one run id that every answer
 * names, and the tabs of both servers follow that run's progress; a run whose server is killed is
 * taken over and resumed by the next refresh on the other.
 */
describe('two servers on one PostgreSQL database', () => {
  const tmp = tempDir();
  let database: Awaited<ReturnType<typeof tempDatabase>>;
  let store: Store;
  let servers: RunningServer[] = [];

  beforeAll(async () => {
    database = await tempDatabase();
    store = openStore(path.join(tmp.dir, 'test'), database.url);
    await importFiles(store, demoSources({ items: 60, days: 400 }).sources);
    servers = await Promise.all(
      ['a', 'b'].map((name) =>
        startServer({
          STOCKCAST_DATA_DIR: path.join(tmp.dir, name),
          STOCKCAST_DATABASE_URL: database.url,
          STOCKCAST_TEST_HOOKS: '1',
          STOCKCAST_TEST_CHUNK_DELAY_MS: '400',
        }),
      ),
    );
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await store.close();
    await database.drop();
    tmp.cleanup();
  });

  const refresh = async (url: string, body: unknown = {}) =>
    (await (await fetch(`${url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as {
      runId: string;
      status: string;
    };
  const finished = async (url: string, id: string) => {
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
      const run = (await (await fetch(`${url}/api/runs/${id}`)).json()) as { status: string };
      if (['succeeded', 'failed', 'cancelled'].includes(run.status)) return run;
    }
    throw new Error(`run ${id} did not finish`);
  };

  it('gives 200 refreshes spread over both servers one run id, runs the pipeline once, and shows its progress on both', async () => {
    const tabs = await Promise.all(servers.map((s) => openSse(`${s.url}/api/progress`)));
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => refresh(servers[i % 2]!.url)));
    const runIds = new Set(answers.map((a) => a.runId));
    expect(runIds.size).toBe(1);
    const [runId] = [...runIds] as [string];
    expect(answers.filter((a) => a.status === 'started')).toHaveLength(1);
    // Both servers answer for the run while it goes and after: the run row is the record.
    for (const server of servers) expect((await finished(server.url, runId)).status).toBe('succeeded');

    // Every tab, on either server, saw the run's items committed as they went, and its end (the
    // server not running it hears of each commit from the database: LISTEN/NOTIFY).
    for (const tab of tabs) {
      await tab.waitFor((e) => {
        const run = e.data as RunJson;
        return e.event === 'progress' && run.runId === runId && run.status === 'running' && run.done > 0 && run.done < 60;
      });
      const done = await tab.waitFor((e) => e.event === 'done' && (e.data as RunJson).runId === runId);
      expect(done.data).toMatchObject({ status: 'succeeded' });
      tab.close();
    }

    // One pipeline run in the database.
    const runs = await store.runs.list();
    expect(runs.map((r) => [r.id, r.status])).toEqual([[runId, 'completed']]);
    expect(runs[0]!.itemsDone).toBe(60);
    expect(await store.runLock!.read()).toBeNull();
    for (const server of servers) expect(await refresh(server.url)).toMatchObject({ runId, status: 'cached' });
  });

  it('resumes a run whose server was killed: the next refresh on the other server takes it over', async () => {
    const params = { params: { horizon: 12 } };
    const first = await refresh(servers[0]!.url, params);
    expect(first.status).toBe('started');
    for (const deadline = Date.now() + 120_000; ((await store.runs.get(first.runId))?.itemsDone ?? 0) === 0; await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > deadline) throw new Error('the first run committed nothing');
    }
    servers[0]!.child.kill('SIGKILL');
    await servers[0]!.exited;

    // Its lock names a process gone from this host: the other server takes the run over at once.
    const second = await refresh(servers[1]!.url, params);
    expect(second.status).toBe('started');
    expect(second.runId).not.toBe(first.runId);
    expect((await finished(servers[1]!.url, second.runId)).status).toBe('succeeded');
    expect((await store.runs.get(first.runId))?.status).toBe('interrupted');
    const resumed = (await store.runs.get(second.runId))!;
    expect(resumed).toMatchObject({ status: 'completed', itemsDone: 60, resumedFrom: first.runId });
    const summary = resumed.summary as { computed: number; resumedFrom: { runId: string; itemsDone: number } };
    expect(summary.resumedFrom.runId).toBe(first.runId);
    // What the killed server committed is kept, not computed again.
    expect(summary.computed).toBe(60 - summary.resumedFrom.itemsDone);
    expect(summary.resumedFrom.itemsDone).toBeGreaterThan(0);
  });
});
