#!/usr/bin/env node
// The browser tests need Debian's Chromium at /usr/bin/chromium. Where it is missing, install it
// when we may (root with apt-get), else stop with the exact command: never skip the tests quietly.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const COMMAND = 'apt-get -o DPkg::Lock::Timeout=600 install -y chromium';

export function ensureChromium() {
  if (fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    process.stderr.write(`The browser tests need Debian's Chromium at ${CHROMIUM}. Install it with:\n  sudo ${COMMAND}\n`);
    process.exit(1);
  }
  process.stderr.write(`Installing Debian's Chromium for the browser tests: ${COMMAND}\n`);
  let result = spawnSync('sh', ['-c', COMMAND], { stdio: 'inherit' });
  if (result.status !== 0 || !fs.existsSync(CHROMIUM)) {
    // Package lists may be missing on a fresh machine.
    result = spawnSync('sh', ['-c', `apt-get -o DPkg::Lock::Timeout=600 update && ${COMMAND}`], { stdio: 'inherit' });
  }
  if (result.status !== 0 || !fs.existsSync(CHROMIUM)) {
    process.stderr.write(`Could not install Chromium. Run:\n  ${COMMAND}\n`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
