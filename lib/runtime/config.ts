import path from 'node:path';

/** The data folder: `STOCKCAST_DATA_DIR`, default `./data` under the working directory. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  // The folder is chosen at run time; tell Turbopack not to trace the project through it.
  return path.resolve(/*turbopackIgnore: true*/ env.STOCKCAST_DATA_DIR || 'data');
}

/** Demo data is loaded into an empty store on first start unless `STOCKCAST_DEMO=0`. */
export function demoEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STOCKCAST_DEMO !== '0' && env.STOCKCAST_DEMO !== 'false';
}

/** When set, mutating routes require `Authorization: Bearer <token>`. */
export function accessToken(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.STOCKCAST_TOKEN || undefined;
}

/**
 * Test-only fault and delay hooks are honoured only when `STOCKCAST_TEST_HOOKS=1`; production
 * never sets it, so the hooks are inert there.
 */
export function testHooksEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.STOCKCAST_TEST_HOOKS === '1';
}

/** Forecast snapshots kept for accuracy across runs (`STOCKCAST_SNAPSHOTS`): default 104, two years of weekly runs. */
export function snapshotRetention(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.STOCKCAST_SNAPSHOTS ?? 104);
  return Number.isInteger(n) && n >= 1 ? n : 104;
}
