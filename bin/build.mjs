#!/usr/bin/env node
// Builds the Next.js app when no build is present or when its sources changed since the last one,
// so that `npm start` and `npm test` never serve a stale build. The source hash lives in .next.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const inputs = ['app', 'components', 'lib', 'public', 'next.config.js', 'instrumentation.ts', 'tsconfig.json', 'package-lock.json'];
const stamp = path.join(root, '.next', 'stockcast-source-hash');

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

export function ensureBuild({ quiet = false } = {}) {
  const want = sourceHash();
  const built = fs.existsSync(path.join(root, '.next', 'BUILD_ID')) && fs.existsSync(stamp)
    ? fs.readFileSync(stamp, 'utf8')
    : '';
  if (built === want) return false;
  if (!quiet) process.stderr.write('stockcast: building the app (sources changed or no build yet)\n');
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
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
