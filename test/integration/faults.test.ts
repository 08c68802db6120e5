import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '@/lib/store';
import { dataVersion } from '@/lib/store/sqlite/db';
import { multipart, raw } from '../helpers/raw';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { sqlite } from '../helpers/sqlite';
import { postEvents, readStore, sale, storeWithItems } from '../unit/events/fixtures';
import { counts } from '../unit/ingest/helpers';

/** Counts and data version, read beside a running server (a killed one's WAL is recovered by the next start). */
function state(dir: string) {
  const db = readStore(dir);
  try {
    return { counts: counts(db), version: dataVersion(db) };
  } finally {
    db.close();
  }
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 1200; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const salesCsv = (rows: number) => {
  let text = 'item_id,date,quantity,uom\n';
  for (let i = 0; i < rows; i++) text += `SKU-${i % 5},2026-0${1 + (i % 9)}-${String(1 + (i % 28)).padStart(2, '0')},${1 + (i % 7)},EA\n`;
  return text;
};

function importFile(url: string, name: string, text: string) {
  const upload = multipart(name, text);
  return raw(`${url}/api/import`, { method: 'POST', headers: { 'Content-Type': upload.contentType }, body: upload.body });
}

describe('server killed (kill -9)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
  });

  it('during an import: nothing of it is stored, and retrying imports it once', async () => {
    const dir = path.join(tmp.dir, 'import');
    storeWithItems(dir, 5).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir, STOCKCAST_TEST_HOOKS: '1' });
    const before = state(dir);
    const text = salesCsv(5_000);
    // Test hook: the import stops inside its transaction, every row written, before COMMIT.
    fs.writeFileSync(path.join(dir, 'hold-next-import'), '');
    const cut = importFile(server.url, 'sales.csv', text).then(
      () => 'answered',
      () => 'cut',
    );
    await until(() => fs.existsSync(path.join(dir, 'import-held')), 'the import to reach its commit');
    server.child.kill('SIGKILL');
    await server.exited;
    expect(await cut).toBe('cut');

    server = await startServer({ STOCKCAST_DATA_DIR: dir });
    expect(state(dir)).toEqual(before);
    const retry = await importFile(server.url, 'sales.csv', text);
    expect(retry.status, retry.text).toBe(200);
    const again = await importFile(server.url, 'sales.csv', text);
    expect(JSON.parse(again.text).imported[0].skipped).toBe(true);
    const after = state(dir);
    expect(after.counts).toEqual({ ...before.counts, sales: before.counts.sales + 5_000, imports: before.counts.imports + 1 });
    expect(after.version).toBe(before.version + 1);
    await server.stop();
    server = undefined;
  });

  it('during events requests: answered ones all stored, unanswered ones all or nothing', async () => {
    const dir = path.join(tmp.dir, 'events');
    storeWithItems(dir, 20).close();
    // Each write transaction waits 300 ms (test hook), so requests are still in flight at the kill;
    // each request is staged in several batches and made visible at its end.
    server = await startServer({
      STOCKCAST_DATA_DIR: dir,
      STOCKCAST_TEST_HOOKS: '1',
      STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '300',
      STOCKCAST_EVENTS_BATCH_EVENTS: '500',
    });
    const url = server.url;
    const REQUESTS = 40;
    const EVENTS = 2_000;
    // Request i's events all carry quantity 1000 + i, so the store tells which request they came from.
    const body = (i: number) =>
      Array.from({ length: EVENTS }, (_, j) => sale(`SKU-${j % 20}`, `2026-02-${String(1 + (j % 28)).padStart(2, '0')}`, 1000 + i)).join('\n') + '\n';
    const answered = new Set<number>();
    const requests = Array.from({ length: REQUESTS }, (_, i) =>
      postEvents(url, body(i)).then(
        (a) => {
          if (a.status === 200) answered.add(i);
          return a.status;
        },
        () => 'cut' as const,
      ),
    );
    await until(() => answered.size >= 1, 'a first answered request');
    server.child.kill('SIGKILL');
    await server.exited;
    const outcomes = await Promise.all(requests);
    const unanswered = outcomes.flatMap((o, i) => (o === 'cut' ? [i] : []));
    expect(unanswered.length).toBeGreaterThan(0);
    for (const o of outcomes) expect([200, 'cut']).toContain(o);

    server = await startServer({ STOCKCAST_DATA_DIR: dir });
    const db = readStore(dir);
    try {
      const stored = (i: number) => db.prepare('SELECT COUNT(*) FROM sales WHERE quantity = ?').pluck().get(1000 + i) as number;
      for (const i of answered) expect(stored(i), `answered request ${i}`).toBe(EVENTS);
      for (const i of unanswered) expect([0, EVENTS], `unanswered request ${i}`).toContain(stored(i));
    } finally {
      db.close();
    }
    await server.stop();
    server = undefined;
  });
});

describe('data folder on a full disk', () => {
  const tmp = tempDir();
  const dir = path.join(tmp.dir, 'small-disk');
  let server: RunningServer | undefined;
  afterAll(async () => {
    await server?.stop('SIGKILL');
    // Unmounted even when the test failed; a lazy unmount if a process still holds a file there.
    if (fs.existsSync(dir) && fs.readFileSync('/proc/mounts', 'utf8').includes(` ${dir} `)) {
      execFileSync('umount', ['-l', dir]);
    }
    tmp.cleanup();
  });

  it('refuses the write that does not fit with a clear error naming the folder, and keeps every acknowledged one', async () => {
    fs.mkdirSync(dir);
    // A 3 MiB file system of its own (CI runs as root).
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir]);
    storeWithItems(dir, 20).close();
    server = await startServer({ STOCKCAST_DATA_DIR: dir });
    let acknowledged = 0;
    let refused: { status: number; body: unknown } | undefined;
    for (let i = 0; i < 400 && !refused; i++) {
      const lines = Array.from({ length: 2_000 }, (_, j) => sale(`SKU-${j % 20}`, `2026-03-${String(1 + (j % 28)).padStart(2, '0')}`, 1 + (i % 50)));
      const answer = await postEvents(server.url, lines.join('\n') + '\n');
      if (answer.status === 200) acknowledged += (answer.body as { accepted: number }).accepted;
      else refused = { status: answer.status, body: answer.body };
    }
    expect(refused).toMatchObject({ status: 507, body: { error: { code: 'disk_full' } } });
    expect((refused!.body as { error: { message: string } }).error.message).toContain(`the data folder ${dir} is full`);
    expect(acknowledged).toBeGreaterThan(0);

    const upload = await importFile(server.url, 'sales.csv', salesCsv(50_000));
    expect(upload.status, upload.text).toBe(507);
    expect(JSON.parse(upload.text).error.message).toContain(`the data folder ${dir} is full`);
    expect(state(dir).counts.sales).toBe(acknowledged);

    expect(await server.stop()).toBe(0);
    server = await startServer({ STOCKCAST_DATA_DIR: dir });
    expect(state(dir).counts.sales).toBe(acknowledged);
    expect((await raw(`${server.url}/api/health`)).status).toBe(200);
  });
});

describe('damaged database file at start', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());

  function startAndExit(dir: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [path.join(ROOT, 'bin/server.mjs')], {
        cwd: ROOT,
        env: { ...process.env, HOST: '127.0.0.1', PORT: '0', STOCKCAST_DATA_DIR: dir, STOCKCAST_DEMO: '0', STOCKCAST_LOG_LEVEL: 'warn' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c));
      child.stderr.on('data', (c: Buffer) => (output += c));
      child.on('exit', (code) => resolve({ code, output }));
    });
  }
  const digest = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

  it.each([
    ['a garbled header', (file: string) => fs.writeFileSync(file, Buffer.alloc(100, 0x5a), { flag: 'r+' })],
    ['a garbled schema page', (file: string) => {
      const fd = fs.openSync(file, 'r+');
      fs.writeSync(fd, Buffer.alloc(3_000, 0xa5), 0, 3_000, 100);
      fs.closeSync(fd);
    }],
  ])('with %s: a clear start-up error, exit 1, the file left untouched', async (what, damage) => {
    const dir = path.join(tmp.dir, what.replace(/\W+/g, '-'));
    const store = storeWithItems(dir, 5);
    // The fixture's own connection too: an open connection would keep its write-ahead log.
    sqlite(store).close();
    store.close();
    const file = path.join(dir, DB_FILE);
    damage(file);
    const sum = digest(file);
    const { code, output } = await startAndExit(dir);
    expect(code).toBe(1);
    expect(output).toContain(`stockcast: cannot start: the store ${file} is not a readable SQLite database`);
    expect(output).toContain('it was left as it is for recovery');
    expect(digest(file)).toBe(sum);
    // SQLite's read-only look may leave an empty write-ahead log beside it, never content.
    const wal = path.join(dir, `${DB_FILE}-wal`);
    expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
  });
});
