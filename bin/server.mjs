#!/usr/bin/env node
// The production server: Next.js behind our own http.Server, so that SIGINT/SIGTERM stop work in
// the right order (stop accepting, let the service and event queue finish, close the store) and
// the process exits 0, and so that every request passes the security gate (bin/security/gate.mjs)
// before Next.js handles it. Expects a build in .next (bin/start.mjs makes one when missing).
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import compression from 'compression';
import next from 'next';
import { apiRoutes } from './security/api-routes.mjs';
import { createGate, securityConfig } from './security/gate.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const dataDir = path.resolve(process.env.STOCKCAST_DATA_DIR || 'data');

let security;
try {
  security = securityConfig(process.env);
} catch (err) {
  process.stderr.write(`stockcast: ${err.message}\n`);
  process.exit(1);
}
const gate = createGate({ ...security, routes: apiRoutes(path.join(process.cwd(), 'app')) });
// instrumentation.ts refuses to start the app without it (`next start` would serve it ungated).
globalThis[Symbol.for('stockcast.gated')] = true;

// Fail at start-up, naming the folder, rather than on the first request.
try {
  fs.mkdirSync(dataDir, { recursive: true });
  fs.accessSync(dataDir, fs.constants.W_OK);
} catch (err) {
  process.stderr.write(`stockcast: data folder ${dataDir} is not writable: ${err.message}\n`);
  process.exit(1);
}
process.env.STOCKCAST_DATA_DIR = dataDir;

const app = next({ dev: false, hostname: host, port, dir: process.cwd() });
await app.prepare();
const handle = app.getRequestHandler();
// Next.js compresses only under `next start`; behind our own server we do it. Event streams send
// `Cache-Control: no-transform`, which the middleware honours, so progress is never buffered.
const compress = compression({
  threshold: 1024,
  // Next.js sets route handlers' Content-Type with appendHeader, as a one-element array, which the
  // middleware's type check does not recognise; make it the plain string it is.
  filter: (req, res) => {
    const type = res.getHeader('Content-Type');
    if (Array.isArray(type) && type.length === 1) res.setHeader('Content-Type', type[0]);
    return compression.filter(req, res);
  },
});
const server = http.createServer((req, res) => {
  if (gate(req, res)) return;
  compress(req, res, () => handle(req, res));
});
// Long-lived progress streams must not be cut by Node's default request timeouts.
server.requestTimeout = 0;
server.headersTimeout = 60_000;
server.keepAliveTimeout = 5_000;

server.listen(port, host, () => {
  const { port: actual } = server.address();
  process.stdout.write(`stockcast ready on http://${host}:${actual} (data ${dataDir})\n`);
});

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`stockcast: ${signal} received, shutting down\n`);
  server.close(); // no new connections; open ones finish below
  const force = setTimeout(() => {
    process.stderr.write('stockcast: shutdown took too long, exiting\n');
    process.exit(1);
  }, Number(process.env.STOCKCAST_SHUTDOWN_TIMEOUT_MS ?? 20_000));
  force.unref();
  const runShutdown = globalThis[Symbol.for('stockcast.runShutdown')];
  if (typeof runShutdown === 'function') await runShutdown(signal);
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
