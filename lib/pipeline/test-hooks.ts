import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testHooksEnabled } from '../runtime/config';

/**
 * Test-only hooks, inert unless STOCKCAST_TEST_HOOKS=1 (production never sets it):
 * - STOCKCAST_TEST_CHUNK_DELAY_MS: wait this long before dispatching each chunk of items (to the
 *   pool, or to the queue one at a time), so that tests and browser tests can watch a run in
 *   flight on small data.
 * - STOCKCAST_TEST_CHUNK_HOLD_MS: a chunk worker holds each chunk this long before computing it,
 *   so that a test can stop a worker while it holds one.
 * - a file named `fail-next-run` in the data folder: the next run that reaches the tournament
 *   fails with an injected fault and deletes the file (one shot), so the run after it succeeds.
 * - a file named `fail-chunks` in a chunk worker's data folder: every chunk it takes fails (while
 *   the file is there), as a chunk whose computation throws would.
 */
export const FAULT_FILE = 'fail-next-run';
export const CHUNK_FAULT_FILE = 'fail-chunks';

/** Resolves true when it waited (the caller then dispatches the chunk on its own). */
export async function beforeChunk(signal: AbortSignal): Promise<boolean> {
  return hookDelay('STOCKCAST_TEST_CHUNK_DELAY_MS', signal);
}

export async function holdChunk(): Promise<void> {
  await hookDelay('STOCKCAST_TEST_CHUNK_HOLD_MS');
}

async function hookDelay(name: string, signal?: AbortSignal): Promise<boolean> {
  if (!testHooksEnabled()) return false;
  const ms = Number(process.env[name] ?? 0);
  if (!(ms > 0)) return false;
  await sleep(ms, undefined, { signal }).catch(() => {});
  return true;
}

export function injectedFault(dataDir: string): Error | null {
  if (!testHooksEnabled()) return null;
  const file = path.join(dataDir, FAULT_FILE);
  try {
    fs.unlinkSync(file);
  } catch {
    return null;
  }
  return new Error('injected fault (test hook): the tournament failed');
}

export function injectedChunkFault(dataDir: string): Error | null {
  if (!testHooksEnabled() || !fs.existsSync(path.join(dataDir, CHUNK_FAULT_FILE))) return null;
  return new Error('injected fault (test hook): the chunk failed');
}
