// Next.js calls register() once when the server starts, in each runtime it builds this file for.
// Only the Node.js server starts Stockcast (lib/service/startup.ts); the import sits inside the
// runtime test so that the Edge build, which drops that branch, does not bundle the server's
// modules. Next.js would only log a failure here and serve on, so a failed start ends the
// process, saying why.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    try {
      const { startServer } = await import('./lib/service/startup');
      await startServer();
    } catch (err) {
      process.stderr.write(`stockcast: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    }
  }
}
