#!/usr/bin/env node
// `npm test`: the whole suite, in order: build, type check, import boundaries (.dependency-cruiser.cjs),
// unit and integration tests (vitest, real SQLite and real servers), then the browser tests
// (Playwright in Debian's Chromium).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureBuild } from '../bin/build.mjs';
import { ensureChromium } from './ensure-chromium.mjs';

const root = path.resolve(import.meta.dirname, '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
process.env.NEXT_TELEMETRY_DISABLED = '1';

function step(title, command, args) {
  process.stderr.write(`\n== ${title}\n`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`\n== ${title}: FAILED (exit ${result.status}, ${seconds} s)\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`== ${title}: ok (${seconds} s)\n`);
}

// Build first: it writes next-env.d.ts, which brings Next.js's own types into the type check, so a
// fresh clone is checked exactly like a working copy.
process.stderr.write('\n== build (when sources changed)\n');
ensureBuild({ quiet: true });
step('type check', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']);
step('import boundaries', bin('depcruise'), ['lib', 'components', 'app', 'bin', 'instrumentation.ts', '--output-type', 'err']);
step('unit and integration tests', bin('vitest'), ['run']);
ensureChromium();
step('browser tests', bin('playwright'), ['test']);
