import { spawn } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboxModel } from '@/lib/actions/inbox';
import { DB_FILE } from '@/lib/store';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { storeChecksum } from '../unit/ingest/helpers';

/**
 * The inbox over HTTP on a constructed catalogue: 120 days of 10 a day for three items (their
 * as-of day is 2026-11-01), one item never sold with 500 on hand.
 */
const ITEMS =
  'item_id,name,category,base_uom,unit_cost,lead_time_days,supplier,unit_price,holding_cost_rate,lead_time_sd_days\n' +
  'BIG,Big seller,Tools,EA,40,7,Acme,100,,1\n' + // out of stock: ~70 short × 100 ≈ 7,000
  'SMALL,Small seller,Tools,EA,0.5,7,Acme,1,,\n' + // out of stock: ~70 short × 1 ≈ 70
  'DEAD,Dead stock,Tools,EA,2,7,Bolt,,0.1,\n' + // 500 on hand × 2 × 10% = 100 exactly
  'LATE,Late order,Tools,EA,3,14,Bolt,5,,\n'; // 300 due Oct 20, not arrived: (~140 − 5) × 5 ≈ 675
const INVENTORY =
  'item_id,on_hand,on_order,uom,as_of,on_order_due\n' +
  'BIG,0,0,EA,2026-10-31,\nSMALL,0,0,EA,2026-10-31,\nDEAD,500,0,EA,2026-10-31,\nLATE,5,300,EA,2026-10-31,2026-10-20\n';
function sales(): string {
  const lines = ['item_id,date,quantity'];
  const last = Date.UTC(2026, 9, 31);
  for (let d = 119; d >= 0; d--) {
    const day = new Date(last - d * 86_400_000).toISOString().slice(0, 10);
    for (const item of ['BIG', 'SMALL', 'LATE']) lines.push(`${item},${day},10`);
  }
  return `${lines.join('\n')}\n`;
}

describe('exceptions inbox over HTTP', () => {
  const tmp = tempDir();
  let server: RunningServer;

  const snapshot = () => {
    const db = new Database(path.join(tmp.dir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      return { sum: storeChecksum(db), version: db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() as number };
    } finally {
      db.close();
    }
  };
  const upload = (name: string, text: string) => {
    const form = new FormData();
    form.append('file', new Blob([text]), name);
    return fetch(`${server.url}/api/import`, { method: 'POST', body: form });
  };
  const inbox = async (state = 'open'): Promise<InboxModel> => {
    const res = await fetch(`${server.url}/api/inbox?state=${state}`);
    expect(res.status).toBe(200);
    return (await res.json()) as InboxModel;
  };
  const send = (method: 'POST' | 'PUT', url: string, body: unknown) =>
    fetch(`${server.url}${url}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  /** Refreshes and waits until the inbox shows a run other than `previous`. */
  async function refreshed(previous: string | null): Promise<InboxModel> {
    const res = await send('POST', '/api/refresh', { force: true });
    expect([200, 202]).toContain(res.status);
    for (let i = 0; i < 600; i++) {
      const model = await inbox();
      if (model.runId !== null && model.runId !== previous) return model;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the refresh did not complete in 120 s');
  }

  /** Result sets this server ranked for the inbox, by what asked (lib/actions/inbox-model.ts). */
  const rankings = async (trigger: 'run' | 'start' | 'request') => {
    const text = await (await fetch(`${server.url}/api/metrics`)).text();
    return Number(new RegExp(`^stockcast_inbox_rankings_total\\{trigger="${trigger}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  };
  const until = async (what: string, done: () => Promise<boolean>) => {
    for (let i = 0; i < 600; i++) {
      if (await done()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`waited 120 s for ${what}`);
  };
  const latestCliRun = () => {
    const db = new Database(path.join(tmp.dir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      return db.prepare(`SELECT id FROM runs WHERE origin = 'cli' ORDER BY started_at DESC LIMIT 1`).pluck().get() as string;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
    for (const [name, text] of [['items.csv', ITEMS], ['sales.csv', sales()], ['inventory.csv', INVENTORY]] as const) {
      expect((await upload(name, text)).status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  it('ranks the constructed catalogue by money at stake, each row with its reason', { timeout: 180_000 }, async () => {
    const model = await refreshed(null);
    expect(model.rows.map((r) => [r.itemId, r.kind])).toEqual([
      ['BIG', 'stockout'],
      ['LATE', 'overdue_order'],
      ['DEAD', 'no_demand'],
      ['SMALL', 'stockout'],
    ]);
    const [big, late, dead, small] = model.rows;
    expect(big!.stake).toBeGreaterThan(5_000);
    expect(big!.stake).toBeLessThan(9_000);
    expect(big!.reason).toMatch(/^on hand 0, nothing on order, demand to then \d+(\.\d)?: short \d+(\.\d)? by Nov 8; lost sales [\d,]+ at price$/);
    expect(big!.action).toMatch(/^order [\d,.]+ EA from Acme now$/);
    expect(late!.reason).toMatch(/^300 on order was due Oct 20 and has not arrived \(12 days late\); on hand 5, demand to then \d+(\.\d)?: short \d+(\.\d)? by Nov 15 if it never comes; lost sales [\d,]+ at price$/);
    expect(late!.action).toBe('chase Bolt for the order');
    expect(dead!.stake).toBeCloseTo(100, 9);
    expect(dead!.reason).toBe('never sold and none forecast: 500 EA on hand worth 1,000');
    expect(small!.stake).toBeGreaterThan(50);
    expect(small!.stake).toBeLessThan(90);
    expect(model.counts).toEqual({ open: 4, handled: 0, snoozed: 0 });
  });

  it('keeps handled and snoozed marks, with who and when, across a refresh', { timeout: 180_000 }, async () => {
    const before = Date.now();
    expect((await send('POST', '/api/inbox/marks', { itemId: 'BIG', kind: 'stockout', state: 'handled', by: 'Dana' })).status).toBe(200);
    expect((await send('POST', '/api/inbox/marks', { itemId: 'DEAD', kind: 'no_demand', state: 'snoozed', days: 7, by: 'Lee' })).status).toBe(200);
    const first = await inbox();
    expect(first.rows.map((r) => r.itemId)).toEqual(['LATE', 'SMALL']);

    const after = await refreshed(first.runId);
    expect(after.runId).not.toBe(first.runId);
    expect(after.rows.map((r) => r.itemId)).toEqual(['LATE', 'SMALL']);
    expect(after.counts).toEqual({ open: 2, handled: 1, snoozed: 1 });
    const [handledRow] = (await inbox('handled')).rows;
    expect(handledRow).toMatchObject({ itemId: 'BIG', state: 'handled', mark: { markedBy: 'Dana', untilDay: null } });
    expect(handledRow!.mark!.markedAt).toBeGreaterThanOrEqual(before);
    const [snoozedRow] = (await inbox('snoozed')).rows;
    expect(snoozedRow).toMatchObject({ itemId: 'DEAD', state: 'snoozed', mark: { markedBy: 'Lee' } });
    // Seven days from the day it was snoozed, which may be either side of a midnight (UTC) the test crossed.
    const day = (ms: number) => Math.floor(ms / 86_400_000);
    expect(snoozedRow!.mark!.untilDay).toBeGreaterThanOrEqual(day(before) + 7);
    expect(snoozedRow!.mark!.untilDay).toBeLessThanOrEqual(day(Date.now()) + 7);

    expect((await send('POST', '/api/inbox/marks', { itemId: 'BIG', kind: 'stockout', state: 'open', by: 'Dana' })).status).toBe(200);
    expect((await inbox()).rows.map((r) => r.itemId)).toEqual(['BIG', 'LATE', 'SMALL']);
  });

  it('ranks a completed run for the inbox before anyone asks: the first request after it does not rank', { timeout: 180_000 }, async () => {
    const [warmBefore, askedBefore] = [await rankings('run'), await rankings('request')];
    const res = await send('POST', '/api/refresh', { force: true });
    expect([200, 202]).toContain(res.status);
    const { runId } = (await res.json()) as { runId: string };
    // Wait for the run and then its warm-up, asking nothing of the inbox meanwhile.
    for (let i = 0; i < 600 && (await rankings('run')) === warmBefore; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await rankings('run')).toBe(warmBefore + 1);
    const run = (await (await fetch(`${server.url}/api/runs/${runId}`)).json()) as { status: string };
    expect(run.status).toBe('succeeded');

    const model = await inbox();
    expect(model.runId).toBe(runId);
    expect(await rankings('request')).toBe(askedBefore);
  });

  it('ranks a command-line run as the server sees it complete, and stored results when a server starts', { timeout: 180_000 }, async () => {
    const [warmBefore, askedBefore] = [await rankings('run'), await rankings('request')];
    // A chunk delay keeps the command line's run in sight of the server's watcher (it polls the lock).
    const cli = spawn(process.execPath, [path.resolve(import.meta.dirname, '../../bin/stockcast.mjs'), 'run', '--force', '--data', tmp.dir], {
      env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: '1500' },
      stdio: 'ignore',
    });
    expect(await new Promise((resolve) => cli.on('exit', resolve))).toBe(0);
    await until('the ranking of the command-line run', async () => (await rankings('run')) > warmBefore);
    expect(await rankings('run')).toBe(warmBefore + 1);
    const runId = latestCliRun();
    expect((await inbox()).runId).toBe(runId);
    expect(await rankings('request')).toBe(askedBefore);

    await server.stop();
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir });
    await until('the ranking at start-up', async () => (await rankings('start')) === 1);
    expect((await inbox()).runId).toBe(runId);
    expect(await rankings('request')).toBe(0);
  });

  it('refuses a malformed mark, policy or supplier column with a clear error, writing nothing', async () => {
    const before = snapshot();
    const mark = await send('POST', '/api/inbox/marks', { itemId: 'BIG', kind: 'stockout', state: 'snoozed', days: 0, by: 'Dana' });
    expect(mark.status).toBe(400);
    expect((await mark.json()).error.message).toMatch(/"days" must be a whole number of days from 1 to 365/);
    const nobody = await send('POST', '/api/inbox/marks', { itemId: 'NO-SUCH-ITEM', kind: 'excess', state: 'handled', by: 'Dana' });
    expect(nobody.status).toBe(404);
    expect((await nobody.json()).error).toEqual({ code: 'not_found', message: 'no item "NO-SUCH-ITEM"' });

    const policy = await send('PUT', '/api/policy', {
      policy: { A: { X: 0.99, Y: 0.98, Z: 0.97 }, B: { X: 0.96, Y: 0.95, Z: 0.94 }, C: { X: 0.93, Y: 1.5, Z: 0.9 } },
    });
    expect(policy.status).toBe(400);
    expect((await policy.json()).error.message).toBe('service level of class CY must be a number between 0 and 1 (0.95), got 1.5');

    const items = await upload('items-bad.csv', ITEMS.replace('DEAD,Dead stock,Tools,EA,2,7,Bolt,,0.1,', 'DEAD,Dead stock,Tools,EA,2,7,Bolt,,ten percent,'));
    expect(items.status).toBe(422);
    const detail = (await items.json()).error.details[0];
    expect(detail).toMatchObject({ file: 'items-bad.csv', row: 4, column: 'holding_cost_rate' });
    expect(detail.message).toMatch(/holding cost rate between 0 and 1/);
    expect(snapshot()).toEqual(before);
  });

  it('stores a valid policy, raising the data version so the next refresh recomputes', async () => {
    const start = await (await fetch(`${server.url}/api/policy`)).json();
    expect(start.custom).toBe(false);
    expect(start.policy.B.Y).toBe(0.95);
    const version = snapshot().version;
    const policy = { A: { X: 0.99, Y: 0.98, Z: 0.97 }, B: { X: 0.96, Y: 0.95, Z: 0.94 }, C: { X: 0.93, Y: 0.92, Z: 0.9 } };
    const res = await send('PUT', '/api/policy', { policy });
    expect(res.status).toBe(200);
    expect((await res.json()).dataVersion).toBe(version + 1);
    expect(await (await fetch(`${server.url}/api/policy`)).json()).toEqual({ policy, custom: true });
  });
});
