#!/usr/bin/env node
// Builds the Next.js app when no build is present or when its sources changed since the last one,
// so that `npm start` and `npm test` never serve a stale build. The source hash lives in .next.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const inputs = ['app', 'components', 'lib', 'public', 'next.config.js', 'instrumentation.ts', 'package-lock.json'];
const distDir = process.env.STOCKCAST_DIST_DIR || '.next';
const stamp = path.join(root, distDir, 'stockcast-source-hash');
// One lock for every build folder: builds also rewrite tsconfig.json (restored below), and two at
// once on two cores only slow each other down.
const lockDir = path.join(root, '.next.build-lock');

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

/** Two test runs in one checkout must not build into the same folder at once: a mkdir lock. */
function withBuildLock(fn) {
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (age > 10 * 60_000) fs.rmSync(lockDir, { recursive: true, force: true }); // left by a killed build
      if (Date.now() > deadline) throw new Error(`waited too long for ${lockDir}`);
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
