#!/usr/bin/env node
// `npm run cluster -- --servers 2 --workers 3`: database mode on one machine, for trying it out.
// Starts that many real server processes (ports 3000, 3001, …) and `stockcast worker` processes
// against one PostgreSQL database ($STOCKCAST_DATABASE_URL, or --database, default
// postgres://postgres@127.0.0.1:5432/stockcast, created when missing), prefixes their output with
// their names, and stops them all on Ctrl-C. The first server loads the demo data into an empty
// database. Each process keeps its own data folder under ./data/cluster.
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ensureBuild } from './build.mjs';

const root = path.resolve(import.meta.dirname, '..');
const usage = `usage: npm run cluster -- [--servers N] [--workers N] [--port P] [--database URL]
  --servers   server processes (default 2), on ports P, P+1, … (default 3000)
  --workers   stockcast worker processes (default 3); each gets cores / workers threads (at least 1)
  --database  PostgreSQL URL (default $STOCKCAST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/stockcast)
`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      servers: { type: 'string', default: '2' },
      workers: { type: 'string', default: '3' },
      port: { type: 'string', default: '3000' },
      database: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (err) {
  process.stderr.write(`${err.message}\n${usage}`);
  process.exit(64);
}
if (values.help) {
  process.stdout.write(usage);
  process.exit(0);
}
const count = (flag, min) => {
  const n = Number(values[flag]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${flag} must be a whole number from ${min}, got "${values[flag]}"\n${usage}`);
    process.exit(64);
  }
  return n;
};
const servers = count('servers', 1);
const workers = count('workers', 0);
const port = count('port', 1);
const database = values.database ?? process.env.STOCKCAST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/stockcast';

/** Creates the database when the server has none of that name (connecting to its `postgres` database). */
async function ensureDatabase(url) {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      process.stderr.write(`cluster: created database ${name}\n`);
    }
  } finally {
    await client.end();
  }
}

const children = [];
function start(label, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, STOCKCAST_DATABASE_URL: database, NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop();
      for (const line of lines) out.write(`[${label}] ${line}\n`);
    });
  };
  prefix(child.stdout, process.stdout);
  prefix(child.stderr, process.stderr);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  children.push({ label, child, exited });
  void exited.then((how) => {
    if (!stopping) process.stderr.write(`cluster: ${label} exited (${how})\n`);
  });
  return { child, exited };
}

/** Resolves when the server prints its ready line. */
function ready(child, label) {
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      if (/ready on http/.test(chunk.toString())) resolve();
    });
    child.on('exit', () => reject(new Error(`${label} exited before it was ready`)));
  });
}

let stopping = false;
async function stopAll(signal, code = 0) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`cluster: ${signal}: stopping ${children.length} processes\n`);
  for (const { child } of children) if (child.exitCode === null) child.kill('SIGTERM');
  await Promise.all(children.map((c) => c.exited));
  process.exit(code);
}
process.on('SIGINT', () => void stopAll('SIGINT'));
process.on('SIGTERM', () => void stopAll('SIGTERM'));

try {
  await ensureDatabase(database);
  ensureBuild();
  for (let i = 0; i < servers; i++) {
    const label = `server-${i + 1}`;
    const { child } = start(label, [path.join(root, 'bin/server.mjs')], {
      PORT: String(port + i),
      STOCKCAST_DATA_DIR: path.join(root, 'data', 'cluster', label),
      // One server loads the demo into an empty database; the others start after it.
      STOCKCAST_DEMO: i === 0 ? (process.env.STOCKCAST_DEMO ?? '1') : '0',
    });
    if (i === 0) await ready(child, label);
  }
  const threads = Math.max(1, Math.floor(os.availableParallelism() / Math.max(1, workers)));
  for (let i = 0; i < workers; i++) {
    const label = `worker-${i + 1}`;
    start(label, [path.join(root, 'bin/stockcast.mjs'), 'worker', '--threads', String(threads), '--metrics-port', String(port + 100 + i)], {
      STOCKCAST_DATA_DIR: path.join(root, 'data', 'cluster', label),
    });
  }
  const urls = Array.from({ length: servers }, (_, i) => `http://127.0.0.1:${port + i}`).join(', ');
  process.stderr.write(
    `cluster: ${servers} server(s) at ${urls}; ${workers} worker(s), metrics at http://127.0.0.1:${port + 100}… ; database ${database}; Ctrl-C stops all\n`,
  );
} catch (err) {
  process.stderr.write(`cluster: ${err.message}\n`);
  await stopAll('error', 1);
}
