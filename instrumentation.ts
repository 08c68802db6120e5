// Next.js calls register() once when the server starts: open the store (creating and migrating
// it) so a broken data folder fails at start-up, not on the first request; then, on a store that
// has never imported anything, load the demo data set (STOCKCAST_DEMO=0 turns that off); then
// start the backend and make sure results exist for the current data (first results of the demo
// data, or the resumption of a run that a shutdown or crash cut short).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getStore } = await import('./lib/store');
  const store = getStore();
  const { loadDemoIfEmpty } = await import('./lib/demo/load');
  await loadDemoIfEmpty(store);
  const { getService } = await import('./lib/service');
  const service = getService();
  if (store.countItems() > 0 && process.env.STOCKCAST_STARTUP_REFRESH !== '0') service.scheduledRefresh('startup');
}
