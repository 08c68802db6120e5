// Next.js calls register() once when the server starts: open the store (creating and migrating
// it) so a broken data folder fails at start-up, not on the first request.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { getStore } = await import('./lib/store');
  getStore();
}
