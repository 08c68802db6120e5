import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { demoStore } from '../unit/pipeline/demo-store';

/**
 * A pinned model against a real server, store and pipeline: it is data, so every run forecasts
 * the item with it (Refresh, a forced rerun), the leaderboard says the analyst pinned it, and
 * unpinning gives the tournament's choice back.
 */

interface ItemForecast {
  model: string;
  point: number[];
  leaderboard: { model: string; winner: boolean; pinned: boolean }[];
  choice: { pinned: boolean };
}

const ITEM = 'SKU-000001';

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

async function item(url: string): Promise<ItemForecast & { dataVersion: number }> {
  const res = await fetch(`${url}/api/items/${ITEM}`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { dataVersion: number; forecast: ItemForecast };
  return { ...body.forecast, dataVersion: body.dataVersion };
}

describe('a pinned model through Refresh and reruns on a real server', () => {
  const tmp = tempDir();
  let server: RunningServer;

  beforeAll(async () => {
    const dir = path.join(tmp.dir, 'data');
    fs.mkdirSync(dir);
    (await demoStore(dir, { items: 40, days: 400 })).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir });
  }, 180_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('forecasts the item with the pinned model in every run until it is unpinned, then the tournament chooses again', async () => {
    const url = server.url;
    expect(await refreshed(url)).toBe('started');
    const base = await item(url);
    expect(base.choice.pinned).toBe(false);
    // Naive is fitted for every kind of demand; pin something else if the tournament chose it.
    const model = base.model === 'naive' ? base.leaderboard.find((r) => !r.winner)!.model : 'naive';

    // Bad input changes nothing: an unknown model, an unknown item, a missing reason, a form post.
    const unknownModel = await send(`${url}/api/overrides/pins`, 'PUT', { item_id: ITEM, model: 'prophet', reason: 'x' });
    expect(unknownModel.status).toBe(422);
    expect(((await unknownModel.json()) as { error: { details: { column: string }[] } }).error.details.map((d) => d.column)).toEqual(['model']);
    expect((await send(`${url}/api/overrides/pins`, 'PUT', { item_id: 'NOPE', model, reason: 'x' })).status).toBe(422);
    expect((await send(`${url}/api/overrides/pins`, 'PUT', { item_id: ITEM, model })).status).toBe(422);
    expect((await send(`${url}/api/overrides/pins`, 'PUT', `item_id=${ITEM}&model=${model}`, 'application/x-www-form-urlencoded')).status).toBe(415);
    expect((await item(url)).dataVersion).toBe(base.dataVersion);

    const pinned = await send(`${url}/api/overrides/pins`, 'PUT', { item_id: ITEM, model, reason: 'the tournament over-reacts', author: 'Ana' });
    expect(pinned.status).toBe(201);
    const answer = (await pinned.json()) as { dataVersion: number; pin: { model: string; author: string } };
    expect(answer.pin).toMatchObject({ model, author: 'Ana' });
    expect(answer.dataVersion).toBeGreaterThan(base.dataVersion);
    // Sent again as it is (a script re-applying its pins), it changes nothing: 200, same data version.
    const again = await send(`${url}/api/overrides/pins`, 'PUT', { item_id: ITEM, model, reason: 'the tournament over-reacts', author: 'Script' });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { dataVersion: number; pin: { author: string } })).toMatchObject({ dataVersion: answer.dataVersion, pin: { author: 'Ana' } });

    expect(await refreshed(url)).toBe('started');
    const withPin = await item(url);
    expect(withPin.model).toBe(model);
    expect(withPin.choice.pinned).toBe(true);
    expect(withPin.leaderboard.filter((r) => r.pinned).map((r) => [r.model, r.winner])).toEqual([[model, true]]);
    expect(withPin.point).not.toEqual(base.point);

    // The cache answers the same key with the pinned result; a forced rerun pins again.
    expect(await refreshed(url)).toBe('cached');
    expect(await refreshed(url, { force: true })).toBe('started');
    const forced = await item(url);
    expect(forced.model).toBe(model);
    expect(forced.point).toEqual(withPin.point);

    const listed = (await (await fetch(`${url}/api/overrides/pins?item=${ITEM}`)).json()) as {
      pins: { model: string; reason: string; author: string }[];
      history: { action: string; author: string }[];
    };
    expect(listed.pins).toMatchObject([{ model, reason: 'the tournament over-reacts', author: 'Ana' }]);
    expect(listed.history.map((c) => [c.action, c.author])).toEqual([['set', 'Ana']]);

    const unpinned = await send(`${url}/api/overrides/pins?item=${ITEM}`, 'DELETE', { author: 'Ben' });
    expect(unpinned.status).toBe(200);
    expect(((await unpinned.json()) as { dataVersion: number }).dataVersion).toBeGreaterThan(forced.dataVersion);
    expect((await send(`${url}/api/overrides/pins?item=${ITEM}`, 'DELETE', {})).status).toBe(404);
    const unnamed = await send(`${url}/api/overrides/pins`, 'DELETE', {});
    expect(unnamed.status).toBe(400);
    expect(((await unnamed.json()) as { error: { message: string } }).error.message).toContain('?item=ID');
    expect(await refreshed(url)).toBe('started');
    const after = await item(url);
    expect(after.model).toBe(base.model);
    expect(after.choice.pinned).toBe(false);
    expect(after.point).toEqual(base.point);
  }, 300_000);
});
