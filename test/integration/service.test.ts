import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSse, type SseClient } from '../helpers/sse';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

/**
 * The singleton backend against a real server, a real store and the real pipeline. Runs are
 * slowed by the test-only chunk delay (STOCKCAST_TEST_HOOKS=1) so that requests can arrive while
 * one is in flight; nothing here measures speed.
 */
const SLOW = { STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '150' };
/** Long enough for a second process to start (tsx compiles on load) while a run is in flight. */
const SLOWER = { STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '700' };

interface RunJson {
  runId: string;
  key: string;
  status: string;
  stage: string;
  done: number;
  total: number;
  origin: string;
  error?: string;
  waitingFor?: { pid: number; host: string; since: string; command: string };
  summary?: { resumedFrom?: { runId: string | null; itemsDone: number }; computed?: number; items?: number; cached?: boolean };
}

async function seeded(dir: string, items = 160, days = 400): Promise<string> {
  const store = await demoStore(dir, { items, days });
  store.close();
  return dir;
}

async function refresh(url: string, body: object = {}) {
  const res = await fetch(`${url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { http: res.status, ...((await res.json()) as { runId: string; status: string; key: string }) };
}

async function getRun(url: string, id: string): Promise<RunJson> {
  const res = await fetch(`${url}/api/runs/${id}`);
  expect(res.status).toBe(200);
  return (await res.json()) as RunJson;
}

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const finished = (url: string, id: string) =>
  until(async () => {
    const run = await getRun(url, id);
    return ['succeeded', 'failed', 'cancelled'].includes(run.status) ? run : undefined;
  }, `run ${id} to finish`);

/** Items counted in the forecast stages (not sales rows of the load) are committed in the same turn. */
const FORECAST_STAGES = ['tournament', 'confidence', 'inventory', 'persist'];
const inTournament = (url: string, id: string) =>
  until(async () => {
    const run = await getRun(url, id);
    return run.status === 'running' && FORECAST_STAGES.includes(run.stage) && run.done > 0 ? run : undefined;
  }, `run ${id} to commit its first batch`);

async function metric(url: string, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

let salesFileCounter = 0;
/** A real data change: a small sales file through the import API (each one distinct). */
async function importSales(url: string): Promise<number> {
  salesFileCounter++;
  const form = new FormData();
  const csv = `item_id,date,quantity,uom\nSKU-000001,2026-10-30,${salesFileCounter},EA\n`;
  form.append('file', new Blob([csv], { type: 'text/csv' }), `late-sales-${salesFileCounter}.csv`);
  const res = await fetch(`${url}/api/import`, { method: 'POST', body: form });
  const body = (await res.json()) as { dataVersion: number };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.dataVersion;
}

function serverRuns(dir: string): { id: string; status: string; origin: string; items_done: number; resumed_from: string | null }[] {
  const db = new Database(path.join(dir, 'stockcast.db'), { readonly: true });
  try {
    return db.prepare('SELECT id, status, origin, items_done, resumed_from FROM runs ORDER BY started_at').all() as never;
  } finally {
    db.close();
  }
}

function cli(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, exited };
}

describe('single-flight refresh on one server', () => {
  const tmp = tempDir();
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await seeded(path.join(tmp.dir, 'data'));
    server = await startServer({ STOCKCAST_DATA_DIR: dir, ...SLOW });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('runs once for 200 concurrent refreshes, then answers from the cache, and runs again for new data', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, () => refresh(server.url)));
    const runId = answers[0]!.runId;
    expect(new Set(answers.map((a) => a.runId))).toEqual(new Set([runId]));
    expect(answers.filter((a) => a.status === 'started')).toHaveLength(1);
    // The rest joined the run in flight (or, arriving after it finished, got its cached result).
    const joined = answers.filter((a) => a.status === 'joined').length;
    const late = answers.filter((a) => a.status === 'cached').length;
    expect(joined).toBeGreaterThan(0);
    expect(joined + late).toBe(199);

    expect((await finished(server.url, runId)).status).toBe('succeeded');
    expect(await metric(server.url, 'stockcast_pipeline_runs_started_total')).toBe(1);
    expect(await metric(server.url, 'stockcast_pipeline_runs_finished_total', '{status="succeeded"}')).toBe(1);
    expect(await metric(server.url, 'stockcast_refresh_requests_total', '{outcome="joined"}')).toBe(joined);
    expect(serverRuns(dir).map((r) => r.id)).toEqual([runId]);

    const cached = await refresh(server.url);
    expect(cached).toMatchObject({ http: 200, status: 'cached', runId, key: answers[0]!.key });

    await importSales(server.url);
    const second = await refresh(server.url);
    expect(second).toMatchObject({ http: 202, status: 'started' });
    expect(second.key).not.toBe(answers[0]!.key);

    // New data arrive while the second run computes: 50 askers share one follow-up.
    await inTournament(server.url, second.runId);
    await importSales(server.url);
    const queued = await Promise.all(Array.from({ length: 50 }, () => refresh(server.url)));
    expect(queued.every((a) => a.status === 'queued' && a.http === 202)).toBe(true);
    expect(new Set(queued.map((a) => a.runId)).size).toBe(1);
    expect(await metric(server.url, 'stockcast_refresh_queue_depth')).toBe(1);

    expect((await finished(server.url, second.runId)).status).toBe('succeeded');
    expect((await finished(server.url, queued[0]!.runId)).status).toBe('succeeded');
    expect(await metric(server.url, 'stockcast_pipeline_runs_started_total')).toBe(3);
    expect(await metric(server.url, 'stockcast_pipeline_runs_finished_total', '{status="succeeded"}')).toBe(3);
    expect(serverRuns(dir).map((r) => r.id)).toEqual([runId, second.runId, queued[0]!.runId]);
    expect((await refresh(server.url)).status).toBe('cached');
  });

  it('reports a failed run to every waiter, releases the lock, caches nothing, and starts afresh', async () => {
    await importSales(server.url);
    const subscribers = await Promise.all([1, 2, 3].map(() => openSse(`${server.url}/api/progress`)));
    fs.writeFileSync(path.join(dir, 'fail-next-run'), '');
    const failing = await refresh(server.url);
    expect(failing.status).toBe('started');
    for (const sub of subscribers) {
      const e = await sub.waitFor((ev) => ev.event === 'error' && (ev.data as RunJson).runId === failing.runId);
      expect(e.data).toMatchObject({ status: 'failed', error: expect.stringContaining('injected fault') });
      sub.close();
    }
    const run = await getRun(server.url, failing.runId);
    expect(run).toMatchObject({ status: 'failed', error: expect.stringContaining('injected fault') });
    expect(fs.existsSync(path.join(dir, 'pipeline.lock'))).toBe(false);
    expect(await metric(server.url, 'stockcast_pipeline_runs_finished_total', '{status="failed"}')).toBe(1);

    const again = await refresh(server.url);
    expect(again.status).toBe('started'); // not cached: the failure left nothing behind
    expect(again.runId).not.toBe(failing.runId);
    expect((await finished(server.url, again.runId)).status).toBe('succeeded');
  });

  it('keeps running when 99 of 100 subscribers leave; an explicit cancel reaches everyone', async () => {
    await importSales(server.url);
    const subs: SseClient[] = await Promise.all(Array.from({ length: 100 }, () => openSse(`${server.url}/api/progress`)));
    const run = await refresh(server.url);
    await Promise.all(subs.map((s) => s.waitFor((e) => e.event === 'progress' && (e.data as RunJson).runId === run.runId)));
    subs.slice(0, 99).forEach((s) => s.close());
    await until(async () => ((await metric(server.url, 'stockcast_progress_subscribers')) === 1 ? true : undefined), 'subscribers to leave');
    expect((await getRun(server.url, run.runId)).status).toBe('running');
    const done = await subs[99]!.waitFor((e) => e.event === 'done' && (e.data as RunJson).runId === run.runId);
    expect(done.data).toMatchObject({ status: 'succeeded' });
    subs[99]!.close();

    const watchers = await Promise.all(Array.from({ length: 10 }, () => openSse(`${server.url}/api/progress`)));
    const doomed = await refresh(server.url, { force: true });
    expect(doomed.status).toBe('started');
    await inTournament(server.url, doomed.runId);
    const cancel = await fetch(`${server.url}/api/runs/${doomed.runId}/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
    expect(cancel.status).toBe(202);
    for (const w of watchers) {
      const e = await w.waitFor((ev) => ev.event === 'done' && (ev.data as RunJson).runId === doomed.runId);
      expect(e.data).toMatchObject({ status: 'cancelled' });
      w.close();
    }
    expect((await getRun(server.url, doomed.runId)).status).toBe('cancelled');
    expect(fs.existsSync(path.join(dir, 'pipeline.lock'))).toBe(false);

    // Cancelling a run that has ended is a conflict, not a server error.
    for (const ended of [doomed.runId, run.runId]) {
      const again = await fetch(`${server.url}/api/runs/${ended}/cancel`, { method: 'POST', headers: { 'Content-Type': 'application/json' } });
      expect(again.status).toBe(409);
      expect(((await again.json()) as { error: { message: string } }).error.message).toMatch(/already (cancelled|succeeded)/);
    }
  });

  it('refuses bad run parameters with 400 naming the parameter, and starts nothing', async () => {
    const runsBefore = serverRuns(dir).length;
    for (const [params, message] of [
      [{ period: 'year' }, 'period must be one of day, week, month, got "year"'],
      [{ horizon: -1 }, 'horizon'],
      [{ period: 'day', extra: 1 }, 'unknown parameter "extra" in params'],
      ['week', '"params" must be an object'],
    ] as const) {
      const res = await fetch(`${server.url}/api/refresh`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ params }) });
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain(message);
    }
    expect(serverRuns(dir)).toHaveLength(runsBefore);
  });
});

describe('the server and the command line share one lock', () => {
  const tmp = tempDir();
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = await seeded(path.join(tmp.dir, 'data'));
    server = await startServer({ STOCKCAST_DATA_DIR: dir, ...SLOWER });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('a command-line run during a server run exits 75 naming the holder, or with --wait uses its result', async () => {
    const run = await refresh(server.url);
    await inTournament(server.url, run.runId);
    const busy = await cli(['run', '--data', dir]).exited;
    expect(busy.code).toBe(75);
    expect(busy.stderr).toMatch(
      new RegExp(`another pipeline run is in progress: pid ${server.child.pid} on \\S+ since \\S+ \\(lock ${dir}/pipeline.lock\\)`),
    );
    const waited = await cli(['run', '--wait', '--data', dir]).exited;
    expect(waited.code, waited.stderr).toBe(0);
    expect((await getRun(server.url, run.runId)).status).toBe('succeeded');
    expect(serverRuns(dir)).toHaveLength(1); // the waiting command line used the server's result
  });

  it('a server refresh during a command-line run is queued naming the holder, is shown to tabs, then runs', async () => {
    const sub = await openSse(`${server.url}/api/progress`);
    const background = cli(['run', '--force', '--data', dir], SLOWER);
    await until(async () => (fs.existsSync(path.join(dir, 'pipeline.lock')) ? true : undefined), 'the command line to take the lock');
    const cliRun = await sub.waitFor((e) => e.event === 'progress' && (e.data as RunJson).origin === 'cli');
    expect((cliRun.data as RunJson).status).toBe('running');

    const answer = await refresh(server.url, { force: true });
    expect(answer.status).toBe('queued');
    const waiting = await getRun(server.url, answer.runId);
    expect(waiting.status).toBe('queued');
    expect(waiting.waitingFor).toMatchObject({ pid: background.child.pid, command: expect.stringContaining('stockcast run') });

    expect((await background.exited).code).toBe(0);
    await sub.waitFor((e) => e.event === 'done' && (e.data as RunJson).runId === (cliRun.data as RunJson).runId);
    expect((await finished(server.url, answer.runId)).status).toBe('succeeded');
    const rows = serverRuns(dir);
    expect(rows.at(-2)).toMatchObject({ origin: 'cli', status: 'completed' });
    expect(rows.at(-1)).toMatchObject({ id: answer.runId, origin: 'server', status: 'completed' });
    sub.close();
  });
});

describe('SIGTERM during a run', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('exits 0 promptly, releases the lock, keeps the committed batches, and the next start resumes', async () => {
    const dir = await seeded(path.join(tmp.dir, 'data'));
    const server = await startServer({ STOCKCAST_DATA_DIR: dir, ...SLOW });
    const run = await refresh(server.url);
    await inTournament(server.url, run.runId);
    const signalled = Date.now();
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(15_000); // "within a few seconds", not a speed figure
    expect(fs.existsSync(path.join(dir, 'pipeline.lock'))).toBe(false);
    const [stopped] = serverRuns(dir);
    expect(stopped).toMatchObject({ id: run.runId, status: 'cancelled' });
    expect(stopped!.items_done).toBeGreaterThan(0);

    const restarted = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_STARTUP_REFRESH: '1' });
    try {
      const resumed = await until(async () => {
        const rows = serverRuns(dir);
        return rows.length === 2 && rows[1]!.status === 'completed' ? rows[1] : undefined;
      }, 'the start-up run to complete');
      expect(resumed.resumed_from).toBe(run.runId);
      // The row commits a moment before the server's own record of the run settles.
      const json = await finished(restarted.url, resumed.id);
      expect(json.status).toBe('succeeded');
      expect(json.summary?.resumedFrom?.itemsDone).toBe(stopped!.items_done);
      expect(json.summary?.computed).toBe((json.summary?.items ?? 0) - stopped!.items_done);
    } finally {
      await restarted.stop();
    }
  });
});
