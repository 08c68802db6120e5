import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROOT, startServer, type RunningServer } from '../../helpers/server';
import { tempDir } from '../../helpers/tmp';

/**
 * A real Stockcast for browser tests: a temp data folder filled through the command line
 * (`stockcast demo` + `stockcast import`, then `stockcast run` for first results) and the
 * production server on it. Runs are slowed by the pipeline's test-only hook so the browser can
 * watch them in flight.
 */
const exec = promisify(execFile);
const CLI = path.join(ROOT, 'bin', 'stockcast.mjs');

export interface Stack {
  dir: string;
  server: RunningServer;
  url: string;
  cleanup(): Promise<void>;
}

export interface StackOptions {
  items?: number;
  days?: number;
  /** Compute first results before the server starts (default true). */
  firstRun?: boolean;
  /** Milliseconds before each chunk of items (test-only slowdown); 0 = full speed. */
  chunkDelayMs?: number;
  /** Turn the pipeline's test-only hooks on (a fault file fails the next run) even at full speed. */
  testHooks?: boolean;
  /** Leave the store empty. */
  empty?: boolean;
  /** More environment for the server (e.g. STOCKCAST_DEMO_ITEMS). */
  env?: Record<string, string>;
  /** Changes the data folder after the first run, before the server starts. */
  beforeServer?: (dir: string) => void;
}

/** Runs the command line; resolves with its output, rejects with it on a non-zero exit. */
export async function cli(args: string[], env: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return exec(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: { ...process.env, STOCKCAST_LOG_LEVEL: 'warn', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

export function testHooksEnv(chunkDelayMs: number, hooks = chunkDelayMs > 0): Record<string, string> {
  if (!hooks) return {};
  return chunkDelayMs > 0
    ? { STOCKCAST_TEST_HOOKS: '1', STOCKCAST_TEST_CHUNK_DELAY_MS: String(chunkDelayMs), STOCKCAST_WORKERS: '1' }
    : { STOCKCAST_TEST_HOOKS: '1' };
}

/** The pipeline's test hook: the next run of this data folder fails in the tournament (once). */
export function failNextRun(dir: string): void {
  fs.writeFileSync(path.join(dir, 'fail-next-run'), '');
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const tmp = tempDir();
  const dir = tmp.dir;
  if (!options.empty) {
    const csv = path.join(dir, 'demo-files');
    await cli(['demo', '--items', String(options.items ?? 120), '--days', String(options.days ?? 400), '--out', csv]);
    await cli(['import', csv, '--data', dir]);
    fs.rmSync(csv, { recursive: true, force: true });
    if (options.firstRun !== false) await cli(['run', '--data', dir]);
  }
  options.beforeServer?.(dir);
  const server = await startServer({ STOCKCAST_DATA_DIR: dir, ...testHooksEnv(options.chunkDelayMs ?? 0, options.testHooks), ...options.env });
  return {
    dir,
    server,
    url: server.url,
    async cleanup() {
      await server.stop();
      tmp.cleanup();
    },
  };
}

/** A counter's value from /api/metrics (0 when absent), e.g. stockcast_pipeline_runs_finished_total{status="failed"}. */
export async function metric(url: string, name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(`${url}/api/metrics`)).text();
  const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(\{([^}]*)\})?\s+([0-9.eE+-]+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = (m[3] ?? '').split(',');
    if (want.every((w) => have.includes(w))) return Number(m[4]);
  }
  return 0;
}

export interface RunJson {
  runId: string;
  status: string;
  stage: string;
  done: number;
  total: number;
  origin: string;
  requestedBy: string;
}

export async function latestRun(url: string): Promise<RunJson | undefined> {
  const body = (await (await fetch(`${url}/api/runs?limit=1`)).json()) as { runs: RunJson[] };
  return body.runs[0];
}

/** A one-line change to the stock of one item, so the data version rises and Refresh has work to do. */
export function stockUpdateCsv(itemId: string, onHand: number, asOf: string): string {
  return `item_id,on_hand,on_order,as_of\n${itemId},${onHand},0,${asOf}\n`;
}
