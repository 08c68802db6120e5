import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../../helpers/server';
import { tempDir } from '../../helpers/tmp';

/** A process that takes the build lock (bin/build.mjs's withBuildLock), says so, and lets go. */
function takeLock(lockDir: string) {
  const script = `import { withBuildLock } from ${JSON.stringify(path.join(ROOT, 'bin/build.mjs'))};
withBuildLock(() => console.log('holding the lock'));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, STOCKCAST_BUILD_LOCK: lockDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { output: () => output, exited };
}

/** A process that runs until killed, standing in for a build that holds the lock. */
function holder() {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  return child;
}

function writeLock(lockDir: string, pid: number) {
  fs.mkdirSync(lockDir);
  fs.writeFileSync(path.join(lockDir, 'owner.json'), JSON.stringify({ pid, host: os.hostname(), startedAt: '2026-11-30T10:00:00.000Z' }));
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('build lock', () => {
  const tmp = tempDir();
  const lockDir = path.join(tmp.dir, '.next.build-lock');
  afterEach(() => fs.rmSync(lockDir, { recursive: true, force: true }));

  it('names its holder while held and is gone after', async () => {
    const script = `import fs from 'node:fs'; import { withBuildLock } from ${JSON.stringify(path.join(ROOT, 'bin/build.mjs'))};
withBuildLock(() => console.log(fs.readFileSync(${JSON.stringify(path.join(lockDir, 'owner.json'))}, 'utf8') + ' ' + process.pid));`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, STOCKCAST_BUILD_LOCK: lockDir } });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    expect(await new Promise((resolve) => child.on('exit', resolve))).toBe(0);
    const [json, pid] = out.trim().split(' ');
    const owner = JSON.parse(json!) as { pid: number; host: string; startedAt: string };
    expect(owner.pid).toBe(Number(pid));
    expect(owner.host).toBe(os.hostname());
    expect(Number.isNaN(Date.parse(owner.startedAt))).toBe(false);
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it('takes over at once a lock whose process is gone (a build killed by Ctrl-C)', async () => {
    const dead = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => dead.on('exit', resolve));
    writeLock(lockDir, dead.pid!);
    const taker = takeLock(lockDir);
    expect(await taker.exited).toBe(0);
    expect(taker.output()).toContain(`taking over ${lockDir}, left by pid ${dead.pid} on ${os.hostname()}, since 2026-11-30T10:00:00.000Z, which is gone`);
    expect(taker.output()).toContain('holding the lock');
    expect(fs.existsSync(lockDir)).toBe(false);
  });

  it('waits for a live holder, saying who it is, and goes on once it is gone', async () => {
    const live = holder();
    try {
      writeLock(lockDir, live.pid!);
      const taker = takeLock(lockDir);
      await until(() => taker.output().includes('waiting for'), 'the waiting message');
      expect(taker.output()).toContain(`waiting for ${lockDir}, held by the build of pid ${live.pid} on ${os.hostname()}, since 2026-11-30T10:00:00.000Z`);
      expect(taker.output()).not.toContain('holding the lock');
      live.kill('SIGKILL');
      expect(await taker.exited).toBe(0);
      expect(taker.output()).toContain('holding the lock');
      expect(taker.output().match(/waiting for/g)).toHaveLength(1);
    } finally {
      live.kill('SIGKILL');
    }
  });
});
