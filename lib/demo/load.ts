import { importFiles, type ImportOutcome } from '../ingest/import';
import { demoEnabled } from '../runtime/config';
import { log } from '../runtime/log';
import type { Db } from '../store';
import { countImports } from '../store/imports';
import { countItems } from '../store/items';
import { demoSources } from './files';
import { DEMO_SEED, type DemoSummary } from './generate';

/** Size of the first-start demo: about 2,000 items over two years unless the environment says. */
export function demoSizeFromEnv(env: NodeJS.ProcessEnv = process.env): { items: number; days: number } {
  const size = (value: string | undefined, fallback: number, name: string) => {
    if (value === undefined || value === '') return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer, got "${value}"`);
    return n;
  };
  return {
    items: size(env.STOCKCAST_DEMO_ITEMS, 2000, 'STOCKCAST_DEMO_ITEMS'),
    days: size(env.STOCKCAST_DEMO_DAYS, 730, 'STOCKCAST_DEMO_DAYS'),
  };
}

/**
 * On a store that has never imported anything (no items, no imports) and unless STOCKCAST_DEMO=0,
 * generates the demo data set and imports it like any other files (so the imports list shows it
 * and a second process starting at the same time skips it by content hash). Resolves with what
 * was loaded, or null when nothing was.
 */
export async function loadDemoIfEmpty(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ summary: DemoSummary; outcome: ImportOutcome } | null> {
  if (!demoEnabled(env) || countItems(db) > 0 || countImports(db) > 0) return null;
  const started = performance.now();
  const { items, days } = demoSizeFromEnv(env);
  const { sources, summary } = demoSources({ items, days, seed: DEMO_SEED });
  const outcome = await importFiles(db, sources);
  log.info(
    {
      items: summary.items,
      days: summary.days,
      from: summary.firstDate,
      to: summary.lastDate,
      rows: summary.rows,
      statuses: summary.statusCounts,
      dataVersion: outcome.dataVersion,
      ms: Math.round(performance.now() - started),
    },
    'loaded demo data into an empty store (STOCKCAST_DEMO=0 turns this off)',
  );
  return { summary, outcome };
}
