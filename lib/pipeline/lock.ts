import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { log } from '../runtime/log';

/**
 * The cross-process run lock: at most one pipeline run per data folder, whichever process
 * (server, command line, a second server) asks. Behind a small interface so that a PostgreSQL
 * advisory lock (pg_try_advisory_lock + a heartbeat row) can stand beside the file lock later.
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** ISO time the holder took the lock. */
  startedAt: string;
  /** ISO time of the holder's last heartbeat. */
  heartbeatAt: string;
  runId: string;
  /** What holds it, e.g. `stockcast run --force` or `server`. */
  command: string;
  /** The run key the holder computes, where the lock keeps it (the database's). */
  key?: string | null;
}

export interface HeldLock {
  readonly holder: LockHolder;
  /** Proves the lock is still ours and refreshes the heartbeat; throws LockLostError when it is not. */
  heartbeat(): Promise<void>;
  /** Gives the lock up (only if it is still ours); safe to call more than once. */
  release(): Promise<void>;
}

/** Who asks for the lock; `key`, the run key it will compute, is kept where the lock can. */
export type LockOwner = { runId: string; command: string; key?: string };

export type TryAcquire = { lock: HeldLock; holder?: undefined } | { lock?: undefined; holder: LockHolder };

export interface RunLock {
  /** Where the lock lives, for messages (`/data/pipeline.lock`). */
  readonly location: string;
  /** One attempt: the lock, or the live holder that keeps it (stale holders are taken over). */
  tryAcquire(owner: LockOwner): Promise<TryAcquire>;
  /** The current holder, or null when free. */
  read(): Promise<LockHolder | null>;
}

/** Another live process holds the lock; the message is the command line's contract. */
export class LockBusyError extends Error {
  constructor(
    readonly holder: LockHolder,
    readonly location: string,
  ) {
    super(
      `another pipeline run is in progress: pid ${holder.pid} on ${holder.host} since ${holder.startedAt} (lock ${location})`,
    );
    this.name = 'LockBusyError';
  }
}

/** Our lock was taken over (our heartbeat stalled past the timeout) or removed. */
export class LockLostError extends Error {
  constructor(location: string, now: LockHolder | null) {
    super(
      now
        ? `the pipeline lock ${location} was taken over by pid ${now.pid} on ${now.host} (run ${now.runId})`
        : `the pipeline lock ${location} was removed`,
    );
    this.name = 'LockLostError';
  }
}

export const LOCK_FILE = 'pipeline.lock';
/** A heartbeat older than this marks the holder stale (hung, or on another host and gone). */
export const DEFAULT_STALE_AFTER_MS = 30_000;
/** The main thread refreshes the heartbeat this often while a run is active. */
export const HEARTBEAT_INTERVAL_MS = 2_000;
/** A takeover guard older than this was left by a process that died mid-takeover. */
const GUARD_STALE_MS = 10_000;

export interface FileLockOptions {
  staleAfterMs?: number;
  host?: string;
}

/**
 * `<data dir>/pipeline.lock`, a JSON LockHolder.
 *
 * - Acquire: the full JSON is written to a private temp file which is then hard-linked to the
 *   lock name; link() fails with EEXIST when the lock exists, so exactly one of any number of
 *   racing processes wins, and nobody ever sees a half-written lock.
 * - Heartbeat: check the file still names our run, then write temp + rename over it (atomic).
 * - Stale: the holder's pid is gone (same host), or its heartbeat is older than `staleAfterMs`
 *   (30 s; heartbeats come every 2 s), or the file is not a lock at all. A stale lock is taken
 *   over under a takeover guard (`pipeline.lock.takeover`, created O_EXCL) that re-reads the lock
 *   and removes it only if it is byte-for-byte the stale one judged, so two processes taking over
 *   at once cannot remove each other's fresh lock. A guard left by a process killed inside that
 *   step is removed after 10 s.
 * - Release: remove the file if it still names our run.
 * Residual risk, accepted: a holder that hangs for longer than the stale timeout and then wakes
 * exactly between a takeover's check and its own heartbeat check; the heartbeat then reports
 * the loss and the run stops.
 */
export class FileRunLock implements RunLock {
  readonly location: string;
  private readonly staleAfterMs: number;
  private readonly host: string;

  constructor(
    readonly dataDir: string,
    options: FileLockOptions = {},
  ) {
    this.location = path.join(dataDir, LOCK_FILE);
    this.staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
    this.host = options.host ?? os.hostname();
  }

  async read(): Promise<LockHolder | null> {
    const text = readText(this.location);
    return text === null ? null : parseHolder(text);
  }

  async tryAcquire(owner: { runId: string; command: string }): Promise<TryAcquire> {
    const now = new Date().toISOString();
    const holder: LockHolder = {
      pid: process.pid,
      host: this.host,
      startedAt: now,
      heartbeatAt: now,
      runId: owner.runId,
      command: owner.command,
    };
    const temp = this.tempName();
    fs.writeFileSync(temp, JSON.stringify(holder));
    try {
      const deadline = Date.now() + 2_000;
      for (;;) {
        try {
          fs.linkSync(temp, this.location);
          return { lock: new HeldFileLock(this, holder) };
        } catch (err) {
          if (errCode(err) !== 'EEXIST') throw err;
        }
        const text = readText(this.location);
        if (text === null) continue; // released between our link and our read
        const current = parseHolder(text);
        const reason = this.staleReason(current, text);
        if (!reason) return { holder: current! };
        if (!this.takeOver(text, current, reason)) {
          // Another process is taking over right now; its result decides.
          if (Date.now() > deadline && current) return { holder: current };
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }
    } finally {
      fs.rmSync(temp, { force: true });
    }
  }

  /** Why the lock in `text` is stale, or null when its holder is alive. */
  private staleReason(holder: LockHolder | null, text: string): string | null {
    if (!holder) return `it is not a lock file (${JSON.stringify(text.slice(0, 80))})`;
    if (holder.host === this.host && !processAlive(holder.pid)) return `its owner pid ${holder.pid} is gone`;
    const age = Date.now() - Date.parse(holder.heartbeatAt);
    if (!(age <= this.staleAfterMs)) {
      return `its heartbeat is ${Math.round(age / 1000)} s old (timeout ${this.staleAfterMs / 1000} s)`;
    }
    return null;
  }

  /** Removes the stale lock under the takeover guard; false when another process holds the guard. */
  private takeOver(staleText: string, holder: LockHolder | null, reason: string): boolean {
    const guard = `${this.location}.takeover`;
    let fd: number;
    try {
      fd = fs.openSync(guard, 'wx');
    } catch (err) {
      if (errCode(err) !== 'EEXIST') throw err;
      const age = Date.now() - (fs.statSync(guard, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > GUARD_STALE_MS) fs.rmSync(guard, { force: true });
      return false;
    }
    try {
      if (readText(this.location) === staleText) {
        fs.unlinkSync(this.location);
        log.warn(
          { lock: this.location, stale: holder },
          `taking over stale pipeline lock ${this.location}: ${reason}` +
            (holder ? ` (pid ${holder.pid} on ${holder.host}, run ${holder.runId}, since ${holder.startedAt})` : ''),
        );
      }
    } finally {
      fs.closeSync(fd);
      fs.rmSync(guard, { force: true });
    }
    return true;
  }

  tempName(): string {
    return `${this.location}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  }
}

class HeldFileLock implements HeldLock {
  private released = false;

  constructor(
    private readonly file: FileRunLock,
    readonly holder: LockHolder,
  ) {}

  async heartbeat(): Promise<void> {
    if (this.released) return;
    const current = await this.file.read();
    if (!current || current.runId !== this.holder.runId || current.pid !== this.holder.pid) {
      throw new LockLostError(this.file.location, current);
    }
    this.holder.heartbeatAt = new Date().toISOString();
    const temp = this.file.tempName();
    fs.writeFileSync(temp, JSON.stringify(this.holder));
    fs.renameSync(temp, this.file.location);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const current = await this.file.read();
    if (current && current.runId === this.holder.runId && current.pid === this.holder.pid) {
      fs.rmSync(this.file.location, { force: true });
    }
  }
}

/** The holder of `<dataDir>/pipeline.lock`, or null when no run holds it. */
export async function readLockHolder(dataDir: string): Promise<LockHolder | null> {
  return new FileRunLock(dataDir).read();
}

/** The same, synchronously: the refresh service decides `queued` without yielding the event loop. */
export function readLockHolderSync(dataDir: string): LockHolder | null {
  const text = readText(path.join(dataDir, LOCK_FILE));
  return text === null ? null : parseHolder(text);
}

export interface AcquireOptions {
  /** 'wait': poll until the holder finishes or goes stale; 'fail': throw LockBusyError at once. */
  wait: 'wait' | 'fail';
  signal?: AbortSignal;
  /** Called when we start waiting, and again whenever the holder changes. */
  onWait?: (holder: LockHolder) => void;
  pollMs?: number;
}

export async function acquireRunLock(
  lock: RunLock,
  owner: LockOwner,
  options: AcquireOptions,
): Promise<HeldLock> {
  let lastRunId: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const attempt = await lock.tryAcquire(owner);
    if (attempt.lock) return attempt.lock;
    if (options.wait === 'fail') throw new LockBusyError(attempt.holder, lock.location);
    if (attempt.holder.runId !== lastRunId) {
      lastRunId = attempt.holder.runId;
      options.onWait?.(attempt.holder);
    }
    await sleep(options.pollMs ?? 250, options.signal);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(signal!.reason);
    }
    signal?.addEventListener('abort', abort, { once: true });
  });
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (errCode(err) === 'ENOENT') return null;
    throw err;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const v = JSON.parse(text) as Partial<LockHolder>;
    if (typeof v.pid !== 'number' || typeof v.host !== 'string' || typeof v.runId !== 'string') return null;
    if (typeof v.heartbeatAt !== 'string' || typeof v.startedAt !== 'string') return null;
    return { command: '', ...v } as LockHolder;
  } catch {
    return null;
  }
}

/** Signal 0 probes a pid: ESRCH = gone; EPERM = alive under another user. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return errCode(err) === 'EPERM';
  }
}

function errCode(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException)?.code;
}
