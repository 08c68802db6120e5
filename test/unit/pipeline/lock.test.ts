import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  acquireRunLock,
  FileRunLock,
  LockBusyError,
  LockLostError,
  readLockHolder,
  type LockHolder,
} from '@/lib/pipeline/lock';
import { tempDir } from '../../helpers/tmp';

const owner = (runId: string) => ({ runId, command: 'test' });

/** A pid that certainly belongs to no process: one that just exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

function writeLock(dir: string, holder: Partial<LockHolder>): void {
  const now = new Date().toISOString();
  fs.writeFileSync(
    path.join(dir, 'pipeline.lock'),
    JSON.stringify({ pid: process.pid, host: os.hostname(), startedAt: now, heartbeatAt: now, runId: 'x', command: 'c', ...holder }),
  );
}

describe('pipeline lock file', () => {
  const tmp = tempDir();
  afterEach(() => {
    tmp.cleanup();
    fs.mkdirSync(tmp.dir, { recursive: true });
  });

  it('holds the JSON holder, refuses a second owner with the contract message, and frees on release', async () => {
    const lock = new FileRunLock(tmp.dir);
    const held = await acquireRunLock(lock, owner('r1'), { wait: 'fail' });
    const onDisk = JSON.parse(fs.readFileSync(path.join(tmp.dir, 'pipeline.lock'), 'utf8'));
    expect(Object.keys(onDisk).sort()).toEqual(['command', 'heartbeatAt', 'host', 'pid', 'runId', 'startedAt']);
    expect(onDisk).toMatchObject({ pid: process.pid, host: os.hostname(), runId: 'r1', command: 'test' });

    const err = await acquireRunLock(lock, owner('r2'), { wait: 'fail' }).catch((e) => e);
    expect(err).toBeInstanceOf(LockBusyError);
    expect(err.message).toBe(
      `another pipeline run is in progress: pid ${process.pid} on ${os.hostname()} since ${onDisk.startedAt} (lock ${path.join(tmp.dir, 'pipeline.lock')})`,
    );
    expect((await readLockHolder(tmp.dir))?.runId).toBe('r1');

    await held.heartbeat();
    expect((await readLockHolder(tmp.dir))!.heartbeatAt >= onDisk.heartbeatAt).toBe(true);
    await held.release();
    expect(await readLockHolder(tmp.dir)).toBeNull();
    expect(fs.readdirSync(tmp.dir)).toEqual([]); // no temp files left behind
  });

  it('waits for a live holder and calls onWait with it', async () => {
    const lock = new FileRunLock(tmp.dir);
    const first = await acquireRunLock(lock, owner('first'), { wait: 'fail' });
    const waited: string[] = [];
    const second = acquireRunLock(lock, owner('second'), { wait: 'wait', pollMs: 5, onWait: (h) => waited.push(h.runId) });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.release();
    const held = await second;
    expect(waited).toEqual(['first']);
    expect(held.holder.runId).toBe('second');
    await held.release();
  });

  it('stops waiting when aborted', async () => {
    const lock = new FileRunLock(tmp.dir);
    const first = await acquireRunLock(lock, owner('first'), { wait: 'fail' });
    const abort = new AbortController();
    const waiting = acquireRunLock(lock, owner('second'), { wait: 'wait', pollMs: 5, signal: abort.signal });
    abort.abort(new Error('cancelled'));
    await expect(waiting).rejects.toThrow('cancelled');
    await first.release();
  });

  it('takes over a lock whose owner pid is gone, a stopped heartbeat and a file that is not a lock', async () => {
    const lock = new FileRunLock(tmp.dir, { staleAfterMs: 30_000 });
    writeLock(tmp.dir, { pid: deadPid(), runId: 'dead' });
    const a = await acquireRunLock(lock, owner('after-dead'), { wait: 'fail' });
    expect(a.holder.runId).toBe('after-dead');
    await a.release();

    // alive (this very process) but silent for a minute
    writeLock(tmp.dir, { heartbeatAt: new Date(Date.now() - 60_000).toISOString(), runId: 'hung' });
    const b = await acquireRunLock(lock, owner('after-hung'), { wait: 'fail' });
    expect(b.holder.runId).toBe('after-hung');
    await b.release();

    fs.writeFileSync(path.join(tmp.dir, 'pipeline.lock'), 'garbage');
    const c = await acquireRunLock(lock, owner('after-garbage'), { wait: 'fail' });
    await c.release();

    // another host, heartbeat fresh: alive as far as we can tell
    writeLock(tmp.dir, { host: 'elsewhere', pid: deadPid() });
    await expect(acquireRunLock(lock, owner('x'), { wait: 'fail' })).rejects.toBeInstanceOf(LockBusyError);
  });

  it('a holder whose lock was taken over learns it at its next heartbeat and does not remove the new lock', async () => {
    const lock = new FileRunLock(tmp.dir);
    const old = await acquireRunLock(lock, owner('old'), { wait: 'fail' });
    writeLock(tmp.dir, { runId: 'new' });
    await expect(old.heartbeat()).rejects.toBeInstanceOf(LockLostError);
    await old.release();
    expect((await readLockHolder(tmp.dir))?.runId).toBe('new');
  });

  it('processes racing for it never overlap, and a holder killed with the lock is taken over', async () => {
    const journal = path.join(tmp.dir, 'journal');
    const script = path.join(import.meta.dirname, 'lock-contender.ts');
    const rounds = 6;
    const contenders = 8;
    const ready: Promise<void>[] = [];
    const exits = Array.from({ length: contenders }, (_, i) => {
      const child = spawn(process.execPath, ['--import', 'tsx', script, tmp.dir, journal, String(rounds), i < 2 ? 'crash' : ''], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn' },
      });
      ready.push(new Promise((resolve) => child.stdout.once('data', () => resolve())));
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
    });
    await Promise.all(ready);
    fs.writeFileSync(`${journal}.go`, '');
    const codes = await Promise.all(exits);
    expect(codes.map((c) => c.code).sort()).toEqual([0, 0, 0, 0, 0, 0, 3, 3]);
    const takeovers = codes.filter((c) => c.stderr.includes('taking over stale pipeline lock'));
    expect(takeovers.length).toBeGreaterThanOrEqual(1);
    const events = fs.readFileSync(journal, 'utf8').trim().split('\n');
    expect(events.length).toBe(2 * (6 * rounds + 2 * 2));
    for (let i = 0; i < events.length; i += 2) {
      const [enter, pid] = events[i]!.split(' ');
      expect(enter).toBe('enter');
      expect(events[i + 1]).toBe(`exit ${pid}`);
    }
    // A crasher may have been the last holder; whatever is left is free to take.
    const held = await acquireRunLock(new FileRunLock(tmp.dir), owner('last'), { wait: 'fail' });
    await held.release();
  });
});
