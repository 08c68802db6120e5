import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EventFields, LineReader } from '@/lib/events/parse';
import { openStore } from '@/lib/store';
import { startServer, type RunningServer } from '../helpers/server';
import { tempDir } from '../helpers/tmp';
import type { BenchContext } from './types';
import { sqlite } from '../helpers/sqlite';

/**
 * Event ingestion through the real HTTP endpoint of a real server into a real store:
 * sustained events/s from concurrent producers, peak server memory while the queue is full, and
 * p99 writer transaction (batch commit) latency. Also the line parser's fast path beside
 * JSON.parse. The seed system needed 50,000 events/s; the aim is 200,000 on 2 cores.
 */
const ITEMS = 10_000;
const TARGET = 200_000;

export async function run({ quick, log }: BenchContext): Promise<void> {
  parserBench(quick ? 200_000 : 1_000_000, log);

  // @ts-expect-error plain ESM script without types
  const { ensureBuild } = await import('../../bin/build.mjs');
  ensureBuild({ quiet: true });
  const seconds = quick ? 3 : 10;
  const tmp = tempDir('stockcast-bench-events-');
  try {
    const dataDir = path.join(tmp.dir, 'data');
    seedItems(dataDir);
    const warmUp: Phase = { name: 'warm-up', producers: 1, eventsPerRequest: 20_000, seconds: 1 };
    let server = await startServer({ STOCKCAST_DATA_DIR: dataDir, STOCKCAST_LOG_LEVEL: 'warn' });
    try {
      await ingestPhase(server, dataDir, warmUp, null);
      log(`server resident memory at rest: ${mb((await metrics(server.url)).rss)}`);
      const long = quick ? 200_000 : 500_000;
      for (const phase of [
        { name: 'requests of 5,000 events from 32 producers', producers: 32, eventsPerRequest: 5_000, seconds },
        { name: `long streams of ${fmt(long)} events from 4 producers`, producers: 4, eventsPerRequest: long, seconds },
      ]) {
        await ingestPhase(server, dataDir, phase, log);
      }
    } finally {
      await server.stop();
    }

    // The queue held full: a writer slowed by the test-only hook, producers far ahead of it.
    server = await startServer({
      STOCKCAST_DATA_DIR: dataDir,
      STOCKCAST_LOG_LEVEL: 'warn',
      STOCKCAST_TEST_HOOKS: '1',
      STOCKCAST_TEST_EVENTS_WRITER_DELAY_MS: '100',
      STOCKCAST_EVENTS_WAIT_MS: '60000',
    });
    try {
      await ingestPhase(server, dataDir, warmUp, null);
      log(`\nqueue held full (test hook: the writer sleeps 100 ms before each transaction):`);
      log(`  server resident memory at rest ${mb((await metrics(server.url)).rss)}`);
      await ingestPhase(
        server,
        dataDir,
        {
          name: 'slowed writer, requests of 50,000 events from 16 producers',
          producers: 16,
          eventsPerRequest: 50_000,
          seconds: quick ? 3 : 6,
          slowedWriter: true,
        },
        log,
      );
    } finally {
      await server.stop();
    }
  } finally {
    tmp.cleanup();
  }
}

function seedItems(dataDir: string): void {
  const store = openStore(dataDir);
  const db = sqlite(store);
  db.transaction(() => {
    const item = db.prepare(
      `INSERT INTO items (item_id, name, category, base_uom, unit_cost, lead_time_days) VALUES (?, ?, 'bench', 'EA', 1, 7)`,
    );
    for (let i = 0; i < ITEMS; i++) item.run(itemCode(i), `Item ${i}`);
    db.exec(`INSERT INTO uom_codes (code) VALUES ('CASE')`);
    db.exec(`INSERT INTO uom_factors (item, uom, factor) SELECT 0, id, 12 FROM uom_codes WHERE code = 'CASE'`);
  })();
  store.close();
}

const itemCode = (i: number) => `SKU-${String(i).padStart(5, '0')}`;

/** About 4 MB of typical event lines: sales in EA and CASE, a stock position every 20th line. */
function eventChunk(events: number, seed: number): Buffer {
  const lines: string[] = [];
  for (let i = 0; i < events; i++) {
    const n = i * 7919 + seed;
    const item = itemCode(n % ITEMS);
    const date = `2024-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    lines.push(
      i % 20 === 19
        ? JSON.stringify({ type: 'stock', item_id: item, on_hand: n % 500, on_order: n % 50, uom: 'EA', as_of: date })
        : JSON.stringify({ type: 'sale', item_id: item, date, quantity: 1 + (n % 9), uom: n % 3 ? 'EA' : 'CASE' }),
    );
  }
  return Buffer.from(`${lines.join('\n')}\n`);
}

interface Metrics {
  rss: number;
  depth: number;
  bytes: number;
  salesAccepted: number;
  capacity: number;
  waiting: number;
  commits: Map<number, number>;
}

async function metrics(url: string): Promise<Metrics> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const commits = new Map<number, number>();
  for (const m of text.matchAll(/^stockcast_events_batch_commit_seconds_bucket\{le="([^"]+)"\} (\S+)$/gm)) {
    commits.set(m[1] === '+Inf' ? Infinity : Number(m[1]), Number(m[2]));
  }
  return {
    rss: value('stockcast_process_process_resident_memory_bytes'),
    depth: value('stockcast_events_queue_depth'),
    bytes: value('stockcast_events_queue_bytes'),
    salesAccepted: value('stockcast_events_accepted_total\\{type="sale"\\}'),
    capacity: value('stockcast_events_queue_capacity'),
    waiting: value('stockcast_events_producers_waiting'),
    commits,
  };
}

/** p99 of the commit histogram between two scrapes, interpolated inside its bucket. */
function p99(before: Map<number, number>, after: Map<number, number>): { seconds: number; count: number } {
  const bounds = [...after.keys()].sort((a, b) => a - b);
  const count = (after.get(Infinity) ?? 0) - (before.get(Infinity) ?? 0);
  const rank = 0.99 * count;
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const cumulative = (after.get(bound) ?? 0) - (before.get(bound) ?? 0);
    if (cumulative >= rank) {
      if (bound === Infinity) return { seconds: lower, count };
      const inBucket = cumulative - below;
      return { seconds: lower + (bound - lower) * ((rank - below) / Math.max(1, inBucket)), count };
    }
    lower = bound;
    below = cumulative;
  }
  return { seconds: 0, count };
}

/** One POST whose body is `chunk` repeated until `events` events were sent; resolves with accepted. */
function post(url: string, agent: http.Agent, chunk: Buffer, chunkEvents: number, events: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL('/api/events', url), {
      method: 'POST',
      agent,
      headers: { 'Content-Type': 'application/x-ndjson' },
    });
    req.on('response', (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(parts).toString()) as { accepted?: number; rejected_total?: number };
        if (res.statusCode !== 200 || body.rejected_total !== 0) {
          reject(new Error(`answer ${res.statusCode}: ${JSON.stringify(body).slice(0, 300)}`));
        } else {
          resolve(body.accepted!);
        }
      });
    });
    req.on('error', reject);
    let sent = 0;
    const pump = () => {
      while (sent < events) {
        const take = Math.min(chunkEvents, events - sent);
        const part = take === chunkEvents ? chunk : sliceLines(chunk, take);
        sent += take;
        if (!req.write(part)) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

function sliceLines(chunk: Buffer, lines: number): Buffer {
  let at = 0;
  for (let i = 0; i < lines; i++) at = chunk.indexOf(10, at) + 1;
  return chunk.subarray(0, at);
}

interface Phase {
  name: string;
  producers: number;
  eventsPerRequest: number;
  seconds: number;
  /** The writer is slowed on purpose: its commit latency says nothing. */
  slowedWriter?: boolean;
}

/** Producers post requests back to back for `seconds`; `log` null runs it as a warm-up. */
async function ingestPhase(server: RunningServer, dataDir: string, phase: Phase, log: ((line: string) => void) | null) {
  const { producers, eventsPerRequest, seconds } = phase;
  const chunkEvents = Math.min(eventsPerRequest, 50_000);
  const chunks = Array.from({ length: producers }, (_, p) => eventChunk(chunkEvents, p * 104_729));
  const agent = new http.Agent({ keepAlive: true, maxSockets: producers });
  const before = await metrics(server.url);
  const salesBefore = salesRows(dataDir);
  const serverCpuBefore = threadCpu(server.child.pid!);
  const clientCpuBefore = process.cpuUsage();
  const samples: Metrics[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push(await metrics(server.url));
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let accepted = 0;
  const latencies: number[] = [];
  await Promise.all(
    chunks.map(async (chunk) => {
      do {
        const sent = performance.now();
        const stored = await post(server.url, agent, chunk, chunkEvents, eventsPerRequest);
        latencies.push(performance.now() - sent);
        accepted += stored;
      } while (performance.now() < deadline);
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const serverCpu = threadCpu(server.child.pid!, serverCpuBefore);
  const clientCpu = process.cpuUsage(clientCpuBefore);
  sampling = false;
  await sampler;
  agent.destroy();
  const after = await metrics(server.url);
  // What the server acknowledged as sales must be in the sales table: no figure from lost events.
  const salesAcknowledged = after.salesAccepted - before.salesAccepted;
  const salesStored = salesRows(dataDir) - salesBefore;
  if (salesStored !== salesAcknowledged) {
    throw new Error(`${phase.name}: ${salesAcknowledged} sales acknowledged but ${salesStored} stored`);
  }
  if (!log) return;
  const rate = accepted / elapsed;
  const commit = p99(before.commits, after.commits);
  const full = samples.filter((s) => s.depth >= 0.9 * s.capacity);
  latencies.sort((a, b) => a - b);
  log(`\n${phase.name}:`);
  const versus = phase.slowedWriter
    ? 'held back by the slowed writer on purpose'
    : `${(rate / 50_000).toFixed(1)}× the seed system's 50,000; aim ${fmt(TARGET)}: ${rate >= TARGET ? 'met' : 'not met'}`;
  log(
    `  ${fmt(accepted)} events acknowledged (all stored) in ${latencies.length} requests over ${elapsed.toFixed(1)} s: ` +
      `${fmt(Math.round(rate))} events/s (${versus})`,
  );
  // CPU seconds per event are what contention on a shared machine disturbs least.
  const perEvent = (seconds: number) => (seconds / accepted) * 1e6;
  const serverUs = perEvent(serverCpu.main + serverCpu.others);
  const clientUs = perEvent((clientCpu.user + clientCpu.system) / 1e6);
  log(
    `  CPU per event: server ${serverUs.toFixed(2)} µs (event loop ${perEvent(serverCpu.main).toFixed(2)}, other threads ${perEvent(serverCpu.others).toFixed(2)}), ` +
      `producers ${clientUs.toFixed(2)} µs: two dedicated cores would sustain about ${fmt(Math.round(2e6 / (serverUs + clientUs) / 1000) * 1000)} events/s`,
  );
  log(
    `  request latency: median ${ms(latencies[latencies.length >> 1]!)}, p99 ${ms(latencies[Math.floor(0.99 * (latencies.length - 1))]!)}`,
  );
  if (!phase.slowedWriter) {
    log(`  writer transactions: ${commit.count}, p99 batch commit latency ${ms(commit.seconds * 1000)} (interpolated in its histogram bucket)`);
  }
  log(
    `  queue: ${full.length} of ${samples.length} samples at >= 90% of its ${fmt(after.capacity)} events` +
      ` (peak ${fmt(Math.max(...samples.map((s) => s.depth)))} events, ${mb(Math.max(...samples.map((s) => s.bytes)))});` +
      ` most producers waiting at once: ${Math.max(...samples.map((s) => s.waiting))}`,
  );
  const peak = Math.max(...samples.map((s) => s.rss));
  const peakFull = full.length > 0 ? Math.max(...full.map((s) => s.rss)) : null;
  log(`  server resident memory: peak ${mb(peak)}${peakFull !== null ? `; peak while the queue was full ${mb(peakFull)}` : ''}`);
}

/** CPU seconds used by a process's main thread and by its other threads (Linux /proc), since `since`. */
function threadCpu(pid: number, since = { main: 0, others: 0 }): { main: number; others: number } {
  const tick = 100; // USER_HZ
  let main = 0;
  let others = 0;
  for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
    const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const seconds = (Number(fields[11]) + Number(fields[12])) / tick; // utime + stime
    if (Number(tid) === pid) main += seconds;
    else others += seconds;
  }
  return { main: main - since.main, others: others - since.others };
}

function salesRows(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'stockcast.db'), { readonly: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM sales').pluck().get() as number;
  } finally {
    db.close();
  }
}

function parserBench(lines: number, log: (line: string) => void): void {
  const text = eventChunk(lines, 1).toString();
  const fields = new EventFields();
  const reader = new LineReader();
  const ends: number[] = [];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) ends.push(at);
  const fast = () => {
    let start = 0;
    for (const end of ends) {
      reader.read(text, start, end, fields);
      start = end + 1;
    }
  };
  const slow = () => {
    let start = 0;
    for (const end of ends) {
      const o = JSON.parse(text.slice(start, end)) as Record<string, unknown>;
      fields.type = o.type;
      fields.item_id = o.item_id;
      fields.quantity = o.quantity;
      start = end + 1;
    }
  };
  const time = (fn: () => void) => {
    fn(); // warm
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const t = performance.now();
      fn();
      best = Math.min(best, performance.now() - t);
    }
    return ends.length / (best / 1000);
  };
  const f = time(fast);
  const s = time(slow);
  log(`line parser (${fmt(ends.length)} lines, best of 3): fast path ${fmt(Math.round(f))} lines/s, JSON.parse ${fmt(Math.round(s))} lines/s: ${(f / s).toFixed(1)}×`);
}

const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (x: number) => `${x.toFixed(x < 10 ? 1 : 0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
