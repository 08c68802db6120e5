#!/usr/bin/env node
// The command line runs the same TypeScript in lib/ as the server; tsx compiles it on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../lib/cli/main.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
// A command that has returned must end. If a handle it forgot (a worker thread, a socket, a timer)
// still holds the process, say which, so the leak gets fixed, and exit anyway.
setTimeout(() => {
  const handles = process._getActiveHandles().map((h) => h?.constructor?.name ?? typeof h);
  process.stderr.write(`stockcast: still running 5 s after the command returned (open: ${handles.join(', ')}); exiting\n`);
  process.exit(code);
}, 5000).unref();
