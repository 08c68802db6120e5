import http from 'node:http';
import path from 'node:path';
import { createPool, defaultChunkConcurrency, startChunkWorker } from '../../pipeline';
import { registry } from '../../metrics/registry';
import { dataDirFromEnv } from '../../runtime/config';
import { databaseUrlFromEnv, openStore } from '../../store';
import { parseFlags, positiveInt } from '../args';
import { usageError } from '../errors';

export const summary = 'database mode: compute pipeline chunks of any run on this machine until stopped';

const HELP = `usage: stockcast worker [--threads N] [--chunks N] [--metrics-port N] [--metrics-host HOST] [--data DIR]
  Needs STOCKCAST_DATABASE_URL. Claims chunk jobs of whichever run is going on that database,
  computes them on this machine's threads and commits their results; stops on SIGINT or SIGTERM
  after the chunks in hand (a chunk cut short is retried by another worker).
  --threads       worker threads (default $STOCKCAST_WORKERS or every core)
  --chunks        chunks in hand at once (default threads + 1)
  --metrics-port  serve Prometheus metrics at http://HOST:PORT/api/metrics (0: any free port)
  --metrics-host  address for the metrics (default 127.0.0.1)
  --data          data folder (default $STOCKCAST_DATA_DIR or ./data)
`;

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    threads: { type: 'string' },
    chunks: { type: 'string' },
    'metrics-port': { type: 'string' },
    'metrics-host': { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const url = databaseUrlFromEnv();
  if (!url) throw usageError('a worker needs the database: set STOCKCAST_DATABASE_URL=postgres://…');
  const threads = values.threads === undefined ? undefined : positiveInt(values.threads, '--threads');
  const chunks = values.chunks === undefined ? undefined : positiveInt(values.chunks, '--chunks');
  const port = values['metrics-port'] === undefined ? null : Number(values['metrics-port']);
  if (port !== null && !(Number.isInteger(port) && port >= 0 && port < 65536)) {
    throw usageError(`--metrics-port must be a port number, got "${values['metrics-port']}"`);
  }

  const store = openStore(values.data ? path.resolve(values.data) : dataDirFromEnv(), url);
  const pool = createPool({ threads });
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  const metrics = port === null ? null : await serveMetrics(port, values['metrics-host'] ?? '127.0.0.1');
  try {
    const concurrency = chunks ?? defaultChunkConcurrency(pool);
    const stop = await startChunkWorker({ store, pool, concurrency });
    const where = metrics ? `, metrics on http://${metrics.address}/api/metrics` : '';
    process.stderr.write(`stockcast worker: pid ${process.pid}, ${pool.threads} threads, ${concurrency} chunks in hand${where}\n`);
    const signal = await stopped;
    process.stderr.write(`stockcast worker: ${signal} received: finishing the chunks in hand\n`);
    await stop();
    return 0;
  } finally {
    metrics?.server.close();
    await pool.destroy();
    await store.close();
  }
}

async function serveMetrics(port: number, host: string): Promise<{ server: http.Server; address: string }> {
  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/api/metrics') {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found: a worker serves GET /api/metrics only\n');
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${String(err)}\n`),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.unref();
  const a = server.address() as { address: string; port: number };
  return { server, address: `${a.address.includes(':') ? `[${a.address}]` : a.address}:${a.port}` };
}
