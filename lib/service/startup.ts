import { loadDemoIfEmpty } from '../demo/load';
import { getStore } from '../store';
import { getService } from './index';

/**
 * The server's start (instrumentation.ts): refuse to serve without our request gate (plain
 * `next start` would skip it); open the store (creating and migrating it) so a broken data folder
 * or a damaged database file fails at start-up, not on the first request; then, on a store that has
 * never imported anything, load the demo data set (STOCKCAST_DEMO=0 turns that off); then start the
 * backend and make sure results exist for the current data (first results of the demo data, or the
 * resumption of a run that a shutdown or crash cut short).
 */
export async function startServer(): Promise<void> {
  if (!(globalThis as Record<symbol, unknown>)[Symbol.for('stockcast.gated')]) {
    throw new Error('serve Stockcast with `npm start` (bin/server.mjs): it checks hosts, origins and the token before Next.js answers');
  }
  const store = getStore();
  await loadDemoIfEmpty(store);
  const service = getService();
  if ((await store.countItems()) > 0 && process.env.STOCKCAST_STARTUP_REFRESH !== '0') await service.scheduledRefresh('startup');
}
