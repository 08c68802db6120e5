import { processSingleton } from './singleton';

/**
 * Shutdown hooks, run in reverse order of registration on SIGINT/SIGTERM: later layers (the
 * service, the event queue) stop before the layers they stand on (the store). The server entry
 * (`bin/server.mjs`) cannot import TypeScript, so it finds `runShutdown` through globalThis.
 */
type Hook = { name: string; run: () => Promise<void> | void };

const hooks = processSingleton<Hook[]>('shutdownHooks', () => []);

export function onShutdown(name: string, run: Hook['run']): void {
  const existing = hooks.findIndex((h) => h.name === name);
  if (existing >= 0) hooks.splice(existing, 1);
  hooks.push({ name, run });
}

export async function runShutdown(reason: string): Promise<void> {
  const pending = hooks.splice(0).reverse();
  for (const hook of pending) {
    try {
      await hook.run();
    } catch (err) {
      process.stderr.write(`shutdown (${reason}): ${hook.name} failed: ${String(err)}\n`);
    }
  }
}

processSingleton('runShutdown', () => runShutdown);
