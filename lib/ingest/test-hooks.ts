import fs from 'node:fs';
import path from 'node:path';
import { testHooksEnabled } from '../runtime/config';

/**
 * Test-only hook, inert unless STOCKCAST_TEST_HOOKS=1 (production never sets it): a file named
 * `hold-next-import` in the data folder makes the next import, with all its rows written into its
 * open transaction, rename the file to `import-held` and stop there for good, so that a test can
 * kill the server at that moment and prove that nothing of the import survives.
 */
export const HOLD_FILE = 'hold-next-import';
export const HELD_FILE = 'import-held';

export function holdBeforeCommit(dataDir: string): void {
  if (!testHooksEnabled()) return;
  try {
    fs.renameSync(path.join(dataDir, HOLD_FILE), path.join(dataDir, HELD_FILE));
  } catch {
    return;
  }
  // Blocks the import thread only; the server goes on answering until it is killed.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
}
