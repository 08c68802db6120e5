import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import { readStore, sale, storeWithItems } from '../unit/events/fixtures';

/** Runs `stockcast ingest ...` as an operator would; resolves with exit code and output. */
function ingest(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/stockcast.mjs'), 'ingest', ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('stockcast ingest', () => {
  const tmp = tempDir();
  const dataDir = path.join(tmp.dir, 'data');
  const TOKEN = 'cli-token';
  let server: RunningServer;
  let busy: RunningServer;

  const file = (name: string, lines: string[]) => {
    const p = path.join(tmp.dir, name);
    fs.writeFileSync(p, `${lines.join('\n')}\n`);
    return p;
  };
  const stored = (tag: number) => {
    const db = readStore(dataDir);
    try {
      return db.prepare('SELECT COUNT(*) FROM sales WHERE quantity = ?').pluck().get(tag) as number;
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    storeWithItems(dataDir, 10).close();
    const busyDir = path.join(tmp.dir, 'busy');
    storeWithItems(busyDir, 10).close();
    [server, busy] = await Promise.all([
      startServer({ STOCKCAST_DATA_DIR: dataDir, STOCKCAST_TOKEN: TOKEN }),
      // A writer that needs 5 s per transaction behind a 100-event queue: a 2,000-event file
      // cannot get room within 200 ms.
      startServer({
        STOCKCAST_DATA_DIR: busyDir,
        STOCKCAST_TEST_HOOKS: '1',
        STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '5000',
        STOCKCAST_EVENTS_QUEUE_EVENTS: '100',
        STOCKCAST_EVENTS_BATCH_EVENTS: '50',
        STOCKCAST_EVENTS_WAIT_MS: '200',
      }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([server?.stop(), busy?.stop()]);
    tmp.cleanup();
  });

  it('streams a file, prints the summary and exits 0 when every line is stored', async () => {
    const events = Array.from({ length: 20_000 }, (_, i) => sale(`SKU-${i % 10}`, '2024-01-01', 201));
    const run = await ingest([file('ok.ndjson', events), '--url', server.url], { STOCKCAST_TOKEN: TOKEN });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('accepted 20000\nrejected 0\n');
    expect(run.code).toBe(0);
    expect(stored(201)).toBe(20_000);
  });

  it('exits 65 and lists the rejected lines when some lines are invalid', async () => {
    const p = file('mixed.ndjson', [sale('SKU-1', '2024-01-01', 202), sale('NOPE', '2024-01-01', 202)]);
    const run = await ingest([p, '--url', server.url], { STOCKCAST_TOKEN: TOKEN });
    expect(run.code).toBe(65);
    expect(run.stdout).toBe('accepted 1\nrejected 1\n');
    expect(run.stderr).toBe('line 2, item NOPE: unknown item "NOPE"\n');
    expect(stored(202)).toBe(1);
  });

  it('sends an Idempotency-Key, so the same key never stores twice', async () => {
    const p = file('keyed.ndjson', [sale('SKU-2', '2024-01-01', 203)]);
    const first = await ingest([p, '--url', server.url, '--key', 'cli-key-1', '--json'], { STOCKCAST_TOKEN: TOKEN });
    const again = await ingest([p, '--url', server.url, '--key', 'cli-key-1'], { STOCKCAST_TOKEN: TOKEN });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ accepted: 1, rejected: [], rejected_total: 0 });
    expect(again.stdout).toBe('accepted 1\nrejected 0\nreplayed true\n');
    expect(stored(203)).toBe(1);
  });

  it('exits 77 without the token, 64 on bad flags, a missing file or a folder', async () => {
    const p = file('one.ndjson', [sale('SKU-1', '2024-01-01', 204)]);
    const denied = await ingest([p, '--url', server.url]);
    expect(denied.code).toBe(77);
    expect(denied.stderr).toMatch(/unauthorized/);
    expect((await ingest([p, '--bogus'])).code).toBe(64);
    expect((await ingest([p, '--url', 'ftp://x'])).code).toBe(64);
    const missing = await ingest([path.join(tmp.dir, 'missing.ndjson')]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toMatch(/cannot read .*missing\.ndjson/);
    const folder = await ingest([tmp.dir, '--url', server.url]);
    expect([folder.code, folder.stderr]).toEqual([64, expect.stringMatching(/cannot read .*: not a file/)]);
    expect(stored(204)).toBe(0);
  });

  it('exits 75 when the server stays busy (503) or cannot be reached after the retries', async () => {
    const p = file('big.ndjson', Array.from({ length: 2000 }, () => sale('SKU-3', '2024-01-01', 205)));
    const refused = await ingest([p, '--url', busy.url, '--retries', '1']);
    expect(refused.code).toBe(75);
    expect(refused.stderr).toMatch(/server busy .*retrying in \d+ s/);
    expect(refused.stderr).toMatch(/server busy after 2 tries/);
    const unreachable = await ingest([p, '--url', 'http://127.0.0.1:9', '--retries', '0']);
    expect(unreachable.code).toBe(75);
    expect(unreachable.stderr).toMatch(/cannot reach http:\/\/127\.0\.0\.1:9\/api\/events/);
  });
});
