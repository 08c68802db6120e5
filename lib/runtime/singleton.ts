/**
 * Process-wide singletons. Next.js may evaluate a module more than once (several bundles, dev
 * reloads), so module-level `let` is not "one per process"; a symbol on globalThis is.
 */
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`stockcast.${name}`);
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  let value = g[key];
  if (value === undefined) {
    value = create();
    g[key] = value;
  }
  return value;
}

/** Drops a singleton so the next `processSingleton` call creates it anew (store close, tests). */
export function forgetProcessSingleton(name: string): void {
  delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(`stockcast.${name}`)];
}
