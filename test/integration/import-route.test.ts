import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { parseIsoDay } from '@/lib/store/days';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { counts, csvToCells, GOOD, storeChecksum, xlsx } from '../unit/ingest/helpers';
import { malformedVariants } from '../unit/ingest/malformed';

describe('POST /api/import', () => {
  const tmp = tempDir();
  let server: RunningServer;
  const LIMIT_MB = 1;

  beforeAll(async () => {
    server = await startServer({ STOCKCAST_DATA_DIR: tmp.dir, STOCKCAST_UPLOAD_LIMIT_MB: String(LIMIT_MB) });
  });
  afterAll(async () => {
    await server?.stop();
    tmp.cleanup();
  });

  /** The store as the server left it, read through a second connection. */
  function snapshot() {
    const db = new Database(path.join(tmp.dir, DB_FILE), { readonly: true, fileMustExist: true });
    try {
      return { sum: storeChecksum(db), counts: counts(db), version: db.prepare(`SELECT value FROM meta WHERE key = 'data_version'`).pluck().get() };
    } finally {
      db.close();
    }
  }

  const post = (files: [string, Uint8Array | string][], fields: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [name, bytes] of files) form.append('file', new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)]), name);
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return fetch(`${server.url}/api/import`, { method: 'POST', body: form });
  };

  it('imports each kind from XLSX, one file per request', async () => {
    let version = 0;
    for (const kind of ['items', 'uom', 'sales', 'inventory'] as const) {
      const res = await post([[`${kind}.xlsx`, await xlsx(csvToCells(GOOD[kind]))]]);
      expect(res.status).toBe(200);
      const body = await res.json();
      expect(body).toEqual({ imported: [{ file: `${kind}.xlsx`, kind, rows: GOOD[kind].trim().split('\n').length - 1, skipped: false }], dataVersion: ++version });
    }
    expect(snapshot().counts).toEqual({ items: 3, uom_factors: 4, sales: 6, inventory: 3, imports: 4 });
  });

  it('imports several CSV files in one request, applied items → uom → sales → inventory', async () => {
    const res = await post([
      ['inventory.csv', GOOD.inventory],
      ['sales.csv', GOOD.sales],
      ['uom.csv', GOOD.uom],
      ['items.csv', GOOD.items],
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: [
        { file: 'items.csv', kind: 'items', rows: 3, skipped: false },
        { file: 'uom.csv', kind: 'uom', rows: 4, skipped: false },
        // The same sales as sales.xlsx above: imported, and named as repeating the days stored.
        {
          file: 'sales.csv',
          kind: 'sales',
          rows: 6,
          skipped: false,
          repeated: { rows: 6, items: 3, firstDay: parseIsoDay('2026-10-01'), lastDay: parseIsoDay('2026-10-03') },
        },
        { file: 'inventory.csv', kind: 'inventory', rows: 3, skipped: false },
      ],
      dataVersion: 5,
    });
    // Items, factors and positions updated in place; sales rows are transactions and add up.
    expect(snapshot().counts).toEqual({ items: 3, uom_factors: 4, sales: 12, inventory: 3, imports: 8 });
  });

  it('skips files imported before: same data version, same contents', async () => {
    const before = snapshot();
    const res = await post([
      ['items.csv', GOOD.items],
      ['sales-again.csv', GOOD.sales],
    ]);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: [
        { file: 'items.csv', kind: 'items', rows: 3, skipped: true },
        { file: 'sales-again.csv', kind: 'sales', rows: 6, skipped: true },
      ],
      dataVersion: 5,
    });
    expect(snapshot()).toEqual(before);
  });

  it('with the field replace = days, the sales replace the stored ones on their items’ days: the doubled days count once again', async () => {
    const corrected = GOOD.sales.replace('A-1,2026-10-01,5,EA', 'A-1,2026-10-01,6,EA');
    const res = await post([['sales-corrected.csv', corrected]], { replace: 'days' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      imported: [{ file: 'sales-corrected.csv', kind: 'sales', rows: 6, skipped: false }],
      dataVersion: 6,
      replaced: { rows: 12, itemDays: 4 },
    });
    expect(snapshot().counts).toMatchObject({ sales: 6 });
    const before = snapshot();
    const wrong = await post([['sales-other.csv', corrected.replace(',6,', ',7,')]], { replace: 'all' });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).error.message).toBe('replace must be "days" (the sales replace the stored ones on the days they hold), got "all"');
    expect(snapshot()).toEqual(before);
  });

  it('answers 422 with file, row, column, item and message, and writes nothing of any file', async () => {
    const before = snapshot();
    const res = await post([
      ['new-items.csv', 'item_id,name,category,base_uom,unit_cost,lead_time_days\nN-1,New,Snacks,EA,1,5\n'],
      ['bad-sales.csv', 'sku,date,qty,uom\nN-1,2026-10-01,3,EA\nN-1,2026-10-02,-1,EA\nQ-7,2026-10-03,1,EA\n'],
    ]);
    expect(res.status).toBe(422);
    expect(await res.json()).toEqual({
      error: {
        code: 'invalid_data',
        message: '2 problems in bad-sales.csv; nothing was imported',
        details: [
          { file: 'bad-sales.csv', row: 3, column: 'qty', item: 'N-1', message: 'quantity must not be negative, got "-1"' },
          { file: 'bad-sales.csv', row: 4, column: 'sku', item: 'Q-7', message: 'unknown item "Q-7": not in the store or in an items file of this import' },
        ],
      },
    });
    expect(snapshot()).toEqual(before);
  });

  it('takes an explicit kind in the field "kind"', async () => {
    const res = await post([['odd.csv', 'item_id,date,quantity\nA-1,2026-10-09,1\n']], { kind: 'sales' });
    expect(res.status).toBe(200);
    expect((await res.json()).imported[0]).toMatchObject({ kind: 'sales', rows: 1 });
  });

  const big = () => {
    let text = 'item_id,date,quantity,uom\n';
    while (text.length <= LIMIT_MB * 1024 * 1024) text += 'A-1,2026-10-01,1,EA\n'.repeat(1000);
    return text;
  };

  it('answers 413 to an upload whose Content-Length is over the limit', async () => {
    const before = snapshot();
    const res = await post([['big.csv', big()]]);
    expect(res.status).toBe(413);
    const body = await res.json();
    expect(body.error.code).toBe('payload_too_large');
    expect(body.error.message).toMatch(/over the upload limit of 1,048,576 bytes \(STOCKCAST_UPLOAD_LIMIT_MB\)/);
    expect(snapshot()).toEqual(before);
  });

  it('answers 413 to a streamed upload without Content-Length once it passes the limit', async () => {
    const before = snapshot();
    const boundary = 'stockcast-test-boundary';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const parts = [head, big(), `\r\n--${boundary}--\r\n`].map((s) => new TextEncoder().encode(s));
    let i = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (i < parts.length) controller.enqueue(parts[i++]!);
        else controller.close();
      },
    });
    const res = await fetch(`${server.url}/api/import`, {
      method: 'POST',
      body,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(snapshot()).toEqual(before);
  });

  it('answers 415 to a body that is not multipart and 400 to one without a file', async () => {
    const json = await fetch(`${server.url}/api/import`, { method: 'POST', body: GOOD.sales, headers: { 'content-type': 'text/csv' } });
    expect(json.status).toBe(415);
    const form = new FormData();
    form.append('other', 'x');
    const empty = await fetch(`${server.url}/api/import`, { method: 'POST', body: form });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/no file in the field "file"/);
  });

  it('answers each of 200 malformed files with a clear 422 and keeps the store as it was', async () => {
    const before = snapshot();
    for (const v of malformedVariants(200)) {
      const res = await post([[v.name, v.bytes]]);
      const body = await res.json();
      expect(res.status, `${v.name}: ${JSON.stringify(body)}`).toBe(422);
      expect(body.error.code).toBe('invalid_data');
      expect(body.error.details.length).toBeGreaterThan(0);
      for (const d of body.error.details) expect(Object.keys(d).filter((k) => k !== 'item').sort()).toEqual(['column', 'file', 'message', 'row']);
      expect(body.error.details[0].file).toBe(v.name);
    }
    expect(snapshot()).toEqual(before);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('lists the imported files and the data version (GET /api/import)', async () => {
    const res = await fetch(`${server.url}/api/import`);
    const body = await res.json();
    expect(body.dataVersion).toBe(snapshot().version);
    expect(body.imports[0]).toMatchObject({ name: 'odd.csv', kind: 'sales', rows: 1 });
    expect(body.imports).toHaveLength(10);
  });

  it('stops cleanly on SIGTERM, its import thread included', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).not.toMatch(/import-thread failed|import thread exited/);
  });
});
