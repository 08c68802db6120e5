#!/usr/bin/env node
// `npm start`: build when needed, then serve (HOST default 127.0.0.1, PORT default 3000).
import { ensureBuild } from './build.mjs';
import { securityConfig } from './security/gate.mjs';

process.env.NEXT_TELEMETRY_DISABLED = '1';
try {
  securityConfig(process.env); // an unsafe HOST fails before a build, not after it
  ensureBuild();
} catch (err) {
  process.stderr.write(`stockcast: ${err.message}\n`);
  process.exit(1);
}
await import('./server.mjs');
