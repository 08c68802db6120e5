import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { testHooksEnabled } from '../runtime/config';

/**
 * Test-only hooks, inert unless STOCKCAST_TEST_HOOKS=1 (production never sets it):
 * - STOCKCAST_TEST_CHUNK_DELAY_MS: wait this long before dispatching each chunk of items, so that
 *   tests and browser tests can watch a run in flight on small data.
 * - a file named `fail-next-run` in the data folder: the next run that reaches the tournament
 *   fails with an injected fault and deletes the file (one shot), so the run after it succeeds.
 */
export const FAULT_FILE = 'fail-next-run';

export async function beforeChunk(signal: AbortSignal): Promise<void> {
  if (!testHooksEnabled()) return;
  const ms = Number(process.env.STOCKCAST_TEST_CHUNK_DELAY_MS ?? 0);
  if (ms > 0) await sleep(ms, undefined, { signal }).catch(() => {});
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
