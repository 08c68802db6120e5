#!/usr/bin/env node
// Builds the Next.js app when no build is present or when its sources changed since the last one,
// so that `npm start` and `npm test` never serve a stale build. The source hash lives in .next.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const inputs = ['app', 'components', 'lib', 'public', 'next.config.js', 'instrumentation.ts', 'package-lock.json'];
const distDir = process.env.STOCKCAST_DIST_DIR || '.next';
const stamp = path.join(root, distDir, 'stockcast-source-hash');
// One lock for every build folder: builds also rewrite tsconfig.json (restored below), and two at
// once on two cores only slow each other down. STOCKCAST_BUILD_LOCK moves it (the lock's own tests).
const lockDir = process.env.STOCKCAST_BUILD_LOCK || path.join(root, '.next.build-lock');

function walk(rel, out) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return;
  const st = fs.statSync(abs);
  if (st.isDirectory()) for (const name of fs.readdirSync(abs).sort()) walk(path.join(rel, name), out);
  else out.push(rel);
}

export function sourceHash() {
  const files = [];
  for (const input of inputs) walk(input, files);
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update('\0').update(fs.readFileSync(path.join(root, file)));
  return hash.digest('hex');
}

const LOCK_WAIT_MS = 10 * 60_000;
const OWNER_FILE = 'owner.json';

/** Who holds the lock: { pid, host, startedAt }, or null when its owner file is not written yet. */
function lockOwner() {
  try {
    return JSON.parse(fs.readFileSync(path.join(lockDir, OWNER_FILE), 'utf8'));
  } catch {
    return null;
  }
}

function processAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/**
 * Whether the holder is gone: its process has ended (on this machine), or, for an owner we cannot
 * ask (another machine, an owner file never written), the lock is older than any build takes.
 */
function holderGone(owner) {
  if (owner && owner.host === os.hostname()) return !processAlive(owner.pid);
  const age = Date.now() - (fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  return age > (owner ? LOCK_WAIT_MS : 10_000);
}

const describeOwner = (owner) =>
  owner ? `pid ${owner.pid} on ${owner.host}, since ${owner.startedAt}` : 'a process that has not named itself yet';

/**
 * Two builds in one checkout must not run at once: a mkdir lock whose owner file names the holder.
 * A lock left by a build that was killed (Ctrl-C, kill -9) is taken over at once; a live holder is
 * waited for, and the wait says who it is.
 */
export function withBuildLock(fn, { log = (line) => process.stderr.write(`${line}\n`) } = {}) {
  const deadline = Date.now() + LOCK_WAIT_MS;
  let said = '';
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      const owner = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString() };
      fs.writeFileSync(path.join(lockDir, OWNER_FILE), JSON.stringify(owner));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const owner = lockOwner();
      if (holderGone(owner)) {
        log(`stockcast: taking over ${lockDir}, left by ${describeOwner(owner)}, which is gone`);
        fs.rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      const holder = describeOwner(owner);
      if (holder !== said) log(`stockcast: waiting for ${lockDir}, held by the build of ${holder}`);
      said = holder;
      if (Date.now() > deadline) throw new Error(`waited ${LOCK_WAIT_MS / 60_000} minutes for ${lockDir}, held by ${holder}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
  try {
    return fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}

export function ensureBuild(options = {}) {
  return withBuildLock(() => buildIfStale(options));
}

function buildIfStale({ quiet = false }) {
  const want = sourceHash();
  const built = fs.existsSync(path.join(root, distDir, 'BUILD_ID')) && fs.existsSync(stamp)
    ? fs.readFileSync(stamp, 'utf8')
    : '';
  if (built === want) return false;
  if (!quiet) process.stderr.write('stockcast: building the app (sources changed or no build yet)\n');
  // next build adds its build folder's type paths to tsconfig.json; a build into another folder
  // (STOCKCAST_DIST_DIR) must not leave the committed tsconfig changed.
  const tsconfig = path.join(root, 'tsconfig.json');
  const tsconfigBefore = fs.readFileSync(tsconfig, 'utf8');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (fs.readFileSync(tsconfig, 'utf8') !== tsconfigBefore) fs.writeFileSync(tsconfig, tsconfigBefore);
  if (result.status !== 0) throw new Error(`next build failed (exit ${result.status})`);
  fs.writeFileSync(stamp, want);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    ensureBuild();
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
