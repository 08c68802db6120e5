#!/usr/bin/env node
// `npm start`: build when needed, then serve (HOST default 127.0.0.1, PORT default 3000).
import { ensureBuild } from './build.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
try {
  ensureBuild();
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
}
await import('./server.mjs');
