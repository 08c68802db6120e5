import { processSingleton } from './singleton';

/**
 * Shutdown hooks for SIGINT/SIGTERM, run phase by phase so that layers stop in the right order:
 * `intake` (refuse new refreshes and events, drain what was acknowledged), `work` (cancel running
 * pipelines; their last finished batch is committed), `resources` (worker pools), `storage` (the
 * database). Within a phase, later registrations run first. The server entry (`bin/server.mjs`)
 * cannot import TypeScript, so it finds `runShutdown` through globalThis.
 */
export type ShutdownPhase = 'intake' | 'work' | 'resources' | 'storage';
const PHASES: readonly ShutdownPhase[] = ['intake', 'work', 'resources', 'storage'];

type Hook = { name: string; phase: ShutdownPhase; run: () => Promise<void> | void };

const hooks = processSingleton<Hook[]>('shutdownHooks', () => []);

/** Registers (or replaces, by name) a hook. */
export function onShutdown(name: string, run: Hook['run'], phase: ShutdownPhase = 'work'): void {
  const existing = hooks.findIndex((h) => h.name === name);
  if (existing >= 0) hooks.splice(existing, 1);
  hooks.push({ name, phase, run });
}

export async function runShutdown(reason: string): Promise<void> {
  const pending = hooks.splice(0).reverse();
  for (const phase of PHASES) {
    for (const hook of pending.filter((h) => h.phase === phase)) {
      try {
        await hook.run();
      } catch (err) {
        process.stderr.write(`shutdown (${reason}): ${hook.name} failed: ${String(err)}\n`);
      }
    }
  }
}

processSingleton('runShutdown', () => runShutdown);
