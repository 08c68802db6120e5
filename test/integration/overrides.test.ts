import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '@/lib/store';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

/**
 * Overrides against a real server, store and pipeline: they are data, so every run applies them
 * (Refresh, a forced rerun, a run resumed after kill -9), inventory follows the final forecast,
 * and the cache never answers with results from before an override changed.
 */

interface ItemJson {
  dataVersion: number;
  forecast: { point: number[]; statistical: number[] | null; reorderPoint: number; demandOverLeadTime: number; results: { runId: string } };
}

const ITEM = 'SKU-000001';
/** Wider than any forecast: every period of the horizon is covered. */
const ALWAYS = { period_start: '2000-01-03', period_end: '2100-12-31' };

async function until<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function send(url: string, method: string, body: unknown, contentType = 'application/json') {
  return fetch(url, { method, headers: { 'Content-Type': contentType }, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Refresh and wait for it; resolves with how the refresh was answered (started, cached, ...). */
async function refreshed(url: string, body: object = {}): Promise<string> {
  const res = await send(`${url}/api/refresh`, 'POST', body);
  const answer = (await res.json()) as { runId: string; status: string };
  expect(res.status, JSON.stringify(answer)).toBeLessThan(300);
  await until(async () => {
    const run = (await (await fetch(`${url}/api/runs/${answer.runId}`)).json()) as { status: string; error?: string };
    if (run.status === 'failed') throw new Error(run.error);
    return run.status === 'succeeded' ? run : undefined;
  }, `run ${answer.runId}`);
  return answer.status;
}

async function item(url: string, id = ITEM): Promise<ItemJson['forecast'] & { dataVersion: number }> {
  const res = await fetch(`${url}/api/items/${id}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as ItemJson;
  return { ...body.forecast, dataVersion: body.dataVersion };
}

describe('overrides through Refresh, reruns and edits on a real server', () => {
  const tmp = tempDir();
  let server: RunningServer;
  let dir: string;

  beforeAll(async () => {
    dir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dir);
    (await demoStore(dir, { items: 60, days: 400 })).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('applies an override in every run until it is removed, and inventory follows the final forecast', async () => {
    expect(await refreshed(server.url)).toBe('started');
    const base = await item(server.url);
    expect(base.statistical).toBeNull();
    const quantity = Math.ceil(Math.max(...base.point) * 10) + 100;

    // Bad input changes nothing: a missing reason, a wrong type, an unknown item.
    const bad = await send(`${server.url}/api/overrides`, 'POST', { item_id: ITEM, ...ALWAYS, quantity });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { details: { column: string }[] } }).error.details).toEqual([{ column: 'reason', message: 'is required: say briefly why' }]);
    expect((await send(`${server.url}/api/overrides`, 'POST', `item_id=${ITEM}`, 'application/x-www-form-urlencoded')).status).toBe(415);
    const unknown = await send(`${server.url}/api/overrides`, 'POST', { item_id: 'NOPE', ...ALWAYS, quantity, reason: 'x' });
    expect(unknown.status).toBe(422);
    const misspelt = await send(`${server.url}/api/overrides`, 'POST', { item_id: ITEM, ...ALWAYS, quantity, reason: 'x', untill: '2030-01-01' });
    expect(misspelt.status).toBe(400);
    expect(((await misspelt.json()) as { error: { message: string } }).error.message).toBe(
      'unknown field "untill"; an override has item_id, period_start, period_end, quantity, percent, reason, until and author',
    );
    expect((await item(server.url)).dataVersion).toBe(base.dataVersion);

    const created = await send(`${server.url}/api/overrides`, 'POST', { item_id: ITEM, ...ALWAYS, quantity, reason: 'promotion', author: 'Ana' });
    expect(created.status).toBe(201);
    const { override, dataVersion } = (await created.json()) as { override: { id: number; author: string }; dataVersion: number };
    expect(override.author).toBe('Ana');
    // A new data version: the cache cannot answer with the result from before the override.
    expect(dataVersion).toBeGreaterThan(base.dataVersion);
    expect(await refreshed(server.url)).toBe('started');
    const overridden = await item(server.url);
    expect(overridden.point.every((x) => x === quantity)).toBe(true);
    expect(overridden.statistical).toEqual(base.point);
    expect(overridden.demandOverLeadTime).toBeGreaterThan(base.demandOverLeadTime);
    expect(overridden.reorderPoint).toBeGreaterThan(base.reorderPoint);

    // Refresh again: the same key, answered from the cache, still with the override.
    expect(await refreshed(server.url)).toBe('cached');
    // A forced rerun recomputes and applies it again.
    expect(await refreshed(server.url, { force: true })).toBe('started');
    const forced = await item(server.url);
    expect(forced.point).toEqual(overridden.point);
    expect(forced.reorderPoint).toBe(overridden.reorderPoint);

    // An edit is a new data version too; the next run uses the new figure.
    const edited = await send(`${server.url}/api/overrides/${override.id}`, 'PUT', { item_id: ITEM, ...ALWAYS, percent: 50, reason: 'smaller promotion', author: 'Ben' });
    expect(edited.status).toBe(200);
    expect(await refreshed(server.url)).toBe('started');
    const scaled = await item(server.url);
    // (the item JSON rounds to cents)
    scaled.point.forEach((x, k) => expect(x).toBeCloseTo(base.point[k]! * 1.5, 1));
    expect(scaled.statistical).toEqual(base.point);

    // Removing it restores the statistical figures.
    expect((await send(`${server.url}/api/overrides/${override.id}`, 'DELETE', {})).status).toBe(200);
    expect((await send(`${server.url}/api/overrides/${override.id}`, 'DELETE', {})).status).toBe(404);
    expect(await refreshed(server.url)).toBe('started');
    const restored = await item(server.url);
    expect(restored.statistical).toBeNull();
    expect(restored.point).toEqual(base.point);
    expect(restored.reorderPoint).toBe(base.reorderPoint);

    const listed = (await (await fetch(`${server.url}/api/overrides?item=${ITEM}`)).json()) as { overrides: unknown[]; history: { action: string; author: string }[] };
    expect(listed.overrides).toEqual([]);
    expect(listed.history.map((h) => [h.action, h.author])).toEqual([
      ['remove', 'api'],
      ['edit', 'Ben'],
      ['set', 'Ana'],
    ]);
  });
});

function cli(args: string[]) {
  const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, exited, stderr: () => stderr };
}

describe('stockcast overrides import and export', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('rejects a file with a bad row naming file, row and column, writing nothing; imports a good one; exports what it holds', async () => {
    const dir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dir);
    (await demoStore(dir, { items: 20, days: 120 })).close();
    const version = async () => {
      const store = openStore(dir);
      try {
        return await store.dataVersion();
      } finally {
        await store.close();
      }
    };
    const before = await version();
    const bad = path.join(tmp.dir, 'bad.csv');
    fs.writeFileSync(
      bad,
      'item_id,period_start,period_end,quantity,percent,reason,until\n' +
        'SKU-000001,2026-01-05,2026-03-01,120,,promotion,\n' +
        'SKU-000002,2026-01-05,2026-03-01,,-120,customer lost,\n' +
        'SKU-999999,2026-01-05,2026-03-01,5,,new shop,\n',
    );
    const rejected = await cli(['overrides', 'import', bad, '--data', dir]).exited;
    expect(rejected.code).toBe(65);
    expect(rejected.stderr).toBe(
      'stockcast overrides: 2 problem(s), nothing written:\n' +
        '  bad.csv: row 3, column percent, item SKU-000002: -120 is outside -100 … 1000\n' +
        '  bad.csv: row 4, column item_id, item SKU-999999: no item "SKU-999999"\n',
    );
    expect(await version()).toBe(before);

    const good = path.join(tmp.dir, 'good.csv');
    fs.writeFileSync(good, 'item_id,period_start,period_end,percent,reason,until\nSKU-000002,2026-01-05,2026-03-01,-40,"customer lost, partly",2026-02-01\n');
    const imported = await cli(['overrides', 'import', good, '--author', 'Ana', '--data', dir]).exited;
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('imported 1 overrides\n');
    expect(await version()).toBe(before + 1);

    const exported = await cli(['overrides', 'export', '--data', dir]).exited;
    expect(exported.code, exported.stderr).toBe(0);
    const [header, row, ...rest] = exported.stdout.split('\n');
    expect(header).toBe('item_id,period_start,period_end,quantity,percent,reason,until,author,updated_at');
    expect(row).toMatch(/^SKU-000002,2026-01-05,2026-03-01,,-40,"customer lost, partly",2026-02-01,Ana,\d{4}-/);
    expect(rest).toEqual(['']);
    const toFile = path.join(tmp.dir, 'overrides-out.csv');
    expect((await cli(['overrides', 'export', '--out', toFile, '--data', dir]).exited).code).toBe(0);
    expect(fs.readFileSync(toFile, 'utf8')).toBe(exported.stdout);

    // Paths it cannot read or write: one line naming them, exit 64, nothing changed.
    const folder = await cli(['overrides', 'import', tmp.dir, '--data', dir]).exited;
    expect([folder.code, folder.stderr]).toEqual([64, `stockcast overrides: cannot read ${tmp.dir}: EISDIR\n`]);
    const nowhere = path.join(tmp.dir, 'no-such-folder', 'out.csv');
    const unwritable = await cli(['overrides', 'export', '--out', nowhere, '--data', dir]).exited;
    expect([unwritable.code, unwritable.stderr]).toEqual([64, `stockcast overrides: cannot write --out ${nowhere}: ENOENT\n`]);
    expect(await version()).toBe(before + 1);
  });
});

describe('stockcast pins import and export', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  it('rejects a bad file naming file, row and column, writing nothing; pins a good one; exports; --replace removes the unnamed', async () => {
    const dir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dir);
    (await demoStore(dir, { items: 20, days: 120 })).close();
    const stored = async () => {
      const store = openStore(dir);
      try {
        return { version: await store.dataVersion(), pins: (await store.overrides.pins()).map((p) => `${p.itemId}:${p.model}:${p.author}`) };
      } finally {
        await store.close();
      }
    };
    const before = await stored();
    const bad = path.join(tmp.dir, 'bad-pins.csv');
    fs.writeFileSync(
      bad,
      'item_id,model,reason\n' +
        'SKU-000001,auto_ets,steady seller\n' +
        'SKU-000002,prophet,we like it\n' +
        'SKU-999999,naive,new shop\n' +
        'SKU-000001,naive,again\n' +
        'SKU-000003,tsb,\n',
    );
    const rejected = await cli(['pins', 'import', bad, '--data', dir]).exited;
    expect(rejected.code).toBe(65);
    expect(rejected.stderr).toMatch(/^stockcast pins: 4 problem\(s\), nothing written:\n/);
    expect(rejected.stderr).toContain('  bad-pins.csv: row 3, column model, item SKU-000002: "prophet" is not a model; expected one of naive, snaive, auto_ets');
    expect(rejected.stderr).toContain('  bad-pins.csv: row 4, column item_id, item SKU-999999: no item "SKU-999999"\n');
    expect(rejected.stderr).toContain('  bad-pins.csv: row 5, column item_id, item SKU-000001: "SKU-000001" is pinned on row 2 already: one model per item\n');
    expect(rejected.stderr).toContain('  bad-pins.csv: row 6, column reason, item SKU-000003: is required: say briefly why\n');
    expect(await stored()).toEqual(before);

    const good = path.join(tmp.dir, 'pins.csv');
    fs.writeFileSync(good, 'item_id,model,reason\nSKU-000001,auto_ets,"steady, no trend"\nSKU-000002,combo(auto_ets+auto_theta),ARIMA overreacts\n');
    const imported = await cli(['pins', 'import', good, '--author', 'Ana', '--data', dir]).exited;
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('pinned 2 new, changed 0, removed 0, unchanged 0\n');
    const after = await stored();
    expect(after.version).toBeGreaterThan(before.version);
    expect(after.pins).toEqual(['SKU-000001:auto_ets:Ana', 'SKU-000002:combo(auto_ets+auto_theta):Ana']);

    const exported = await cli(['pins', 'export', '--data', dir]).exited;
    expect(exported.code, exported.stderr).toBe(0);
    const [header, first, second, ...rest] = exported.stdout.split('\n');
    expect(header).toBe('item_id,model,reason,author,updated_at');
    expect(first).toMatch(/^SKU-000001,auto_ets,"steady, no trend",Ana,\d{4}-/);
    expect(second).toMatch(/^SKU-000002,combo\(auto_ets\+auto_theta\),ARIMA overreacts,Ana,\d{4}-/);
    expect(rest).toEqual(['']);
    // An exported file imports as it is, and changes nothing: the data version stays.
    const roundTrip = path.join(tmp.dir, 'exported.csv');
    fs.writeFileSync(roundTrip, exported.stdout);
    expect((await cli(['pins', 'import', roundTrip, '--data', dir]).exited).stdout).toContain(`pinned 0 new, changed 0, removed 0, unchanged 2\ndata version ${after.version}\n`);

    fs.writeFileSync(good, 'item_id,model,reason\nSKU-000003,naive,"launch, no history"\n');
    const replaced = await cli(['pins', 'import', good, '--replace', '--data', dir]).exited;
    expect(replaced.code, replaced.stderr).toBe(0);
    expect(replaced.stdout).toContain('pinned 1 new, changed 0, removed 2, unchanged 0\n');
    expect((await stored()).pins.map((p) => p.split(':').slice(0, 2).join(':'))).toEqual(['SKU-000003:naive']);
  });
});

describe('an override in a run killed with SIGKILL and resumed', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  const itemsDone = (dir: string): number => {
    const db = new Database(path.join(dir, 'stockcast.db'), { readonly: true });
    try {
      return (db.prepare('SELECT max(items_done) FROM runs').pluck().get() as number | null) ?? 0;
    } finally {
      db.close();
    }
  };

  it('applies overrides and pinned models to the items computed before the kill and to those computed after it, and reports an override for a missing item', async () => {
    const dir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dir);
    const store = await demoStore(dir, { items: 3000, days: 200 });
    const who = { author: 'test', at: Date.now() };
    await store.overrides.add(
      [
        { itemId: 'SKU-000001', startDay: 10_957, endDay: 47_847, kind: 'quantity', value: 777, reason: 'first item', untilDay: null },
        { itemId: 'SKU-003000', startDay: 10_957, endDay: 47_847, kind: 'quantity', value: 555, reason: 'last item', untilDay: null },
        { itemId: 'GONE-1', startDay: 10_957, endDay: 47_847, kind: 'quantity', value: 1, reason: 'item since dropped', untilDay: null },
        { itemId: 'SKU-000002', startDay: 10_957, endDay: 10_958, kind: 'quantity', value: 1, reason: 'long past', untilDay: null },
      ],
      who,
    );
    // Pins too: one item early in the run's order, one late (computed before and after the kill).
    await store.overrides.pin({ itemId: 'SKU-000003', model: 'naive', reason: 'early item' }, who);
    await store.overrides.pin({ itemId: 'SKU-002999', model: 'naive', reason: 'late item' }, who);
    store.close();

    const first = cli(['run', '--data', dir]);
    await until(async () => (fs.existsSync(path.join(dir, 'stockcast.db')) && itemsDone(dir) > 0 ? true : undefined), 'the first committed batch');
    first.child.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    const committed = itemsDone(dir);
    expect(committed).toBeLessThan(3000);

    const second = await cli(['run', '--data', dir]).exited;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/resuming run \S+: \d+ of 3000 items already done/);
    expect(second.stdout).toContain('overrides 2\nexpired_overrides 1\n');
    expect(second.stderr).toContain('overrides for items not in the item list (not applied): GONE-1\n');

    const reopened = openStore(dir);
    try {
      const current = (await reopened.reads.currentRun())!;
      const firstItem = (await reopened.results.readItem(current.resultSet, 'SKU-000001'))!;
      const lastItem = (await reopened.results.readItem(current.resultSet, 'SKU-003000'))!;
      const untouched = (await reopened.results.readItem(current.resultSet, 'SKU-000002'))!;
      expect([...firstItem.point].every((x) => x === 777)).toBe(true);
      expect([...lastItem.point].every((x) => x === 555)).toBe(true);
      expect(firstItem.statistical.length).toBe(current.meta.horizon);
      expect(lastItem.statistical.length).toBe(current.meta.horizon);
      expect(untouched.statistical.length).toBe(0);
      for (const id of ['SKU-000003', 'SKU-002999']) expect((await reopened.results.readItem(current.resultSet, id))!.model, id).toBe('naive');
    } finally {
      reopened.close();
    }

    // The exports say which items carry an override or a pinned model (columns added at the end).
    const out = path.join(tmp.dir, 'out');
    const exported = await cli(['export', '--out', out, '--data', dir]).exited;
    expect(exported.code, exported.stderr).toBe(0);
    const rows = (file: string) => fs.readFileSync(path.join(out, file), 'utf8').trim().split('\n').map((line) => line.split(','));
    const inventory = new Map(rows('inventory.csv').map((r) => [r[0], r.at(-1)]));
    expect(inventory.get('item_id')).toBe('forecast');
    expect([inventory.get('SKU-000001'), inventory.get('SKU-000002'), inventory.get('SKU-000003'), inventory.get('SKU-002999')]).toEqual([
      'override',
      'statistical',
      'pinned model',
      'pinned model',
    ]);
    const forecasts = rows('forecasts.csv');
    expect(forecasts[0]!.at(-1)).toBe('statistical');
    const statisticalOf = (id: string) => forecasts.filter((r) => r[0] === id).map((r) => r.at(-1));
    expect(statisticalOf('SKU-000001').every((v) => v !== '' && Number(v) !== 777)).toBe(true);
    expect(statisticalOf('SKU-000002').every((v) => v === '')).toBe(true);
  }, 300_000);
});
