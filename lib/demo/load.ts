import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Refusal } from '../runtime/refusal';
import { importFiles, type ImportOptions, type ImportOutcome } from '../ingest/import';
import { fileSource } from '../ingest/source';
import { demoEnabled } from '../runtime/config';
import { log } from '../runtime/log';
import type { Store, StoreCounts } from '../store';
import { demoSources, writeDemoFiles } from './files';
import { DEMO_FILES, DEMO_SEED, type DemoSummary } from './generate';

/** The demo's dates end on a fixed day: taken whatever the machine's clock says (`ImportOptions.latestDay`). */
const DEMO_DATES = Number.POSITIVE_INFINITY;

export interface DemoSize {
  items: number;
  days: number;
}

/** Size of the first-start demo: about 2,000 items over two years unless the environment says. */
export function demoSizeFromEnv(env: NodeJS.ProcessEnv = process.env): DemoSize {
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
  store: Store,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ summary: DemoSummary; outcome: ImportOutcome } | null> {
  if (!demoEnabled(env) || !(await isEmptyStore(store))) return null;
  const started = performance.now();
  const { items, days } = demoSizeFromEnv(env);
  const { sources, summary } = demoSources({ items, days, seed: DEMO_SEED });
  const outcome = await importFiles(store, sources, { latestDay: DEMO_DATES });
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

/** No items and nothing ever imported: the only store demo data may go into. */
export async function isEmptyStore(store: StoreCounts): Promise<boolean> {
  return (await store.countItems()) === 0 && (await store.countImports()) === 0;
}

async function refuseUnlessEmpty(store: StoreCounts): Promise<void> {
  if (await isEmptyStore(store)) return;
  throw new Refusal('conflict', 'not_empty',
    `the store already holds data (${await store.countItems()} items, ${await store.countImports()} imported files); demo data is loaded only into an empty store`,
  );
}

/** Largest demo a request may ask for (the environment's size is the operator's own choice). */
export const DEMO_REQUEST_LIMITS: Readonly<DemoSize> = { items: 20_000, days: 1_461 };

/**
 * The size of a demo asked for with `{"items"?, "days"?}`: each given field a whole number from 1
 * to its limit (else a Refusal, bad_input, naming it), the others from the environment.
 */
export function demoSizeFromRequest(body: Record<string, unknown>, env: NodeJS.ProcessEnv = process.env): DemoSize {
  const { items, days, ...rest } = body;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new Refusal('bad_input', 'bad_request', `unknown field "${unknown[0]}" (expected "items" and "days")`);
  const size = demoSizeFromEnv(env);
  for (const [name, value] of [['items', items], ['days', days]] as const) {
    if (value === undefined) continue;
    const limit = DEMO_REQUEST_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > limit) {
      throw new Refusal('bad_input', 'bad_request', `"${name}" must be a whole number from 1 to ${limit}, got ${JSON.stringify(value)}`);
    }
    size[name] = value;
  }
  return size;
}

/**
 * Generates the demo data set of `size` and imports it like any other files, but only into an
 * empty store: checked before generating (a quick refusal) and again inside the import's
 * transaction, so two requests at once cannot both load it. Refuses (conflict) when it holds data. The files
 * are written to a temporary folder and read from there, so a large demo streams rather than
 * sitting in memory twice. CPU-heavy: run it off the server's event loop (the import thread).
 */
export async function loadDemoIntoEmptyStore(store: Store, size: DemoSize, options: ImportOptions = {}): Promise<ImportOutcome> {
  await refuseUnlessEmpty(store);
  const started = performance.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stockcast-demo-'));
  try {
    const summary = writeDemoFiles(dir, { ...size, seed: DEMO_SEED });
    const sources = DEMO_FILES.map((file) => fileSource(path.join(dir, file), undefined, `demo/${file}`));
    const outcome = await importFiles(store, sources, { ...options, precondition: refuseUnlessEmpty, latestDay: DEMO_DATES });
    log.info(
      { items: summary.items, days: summary.days, rows: summary.rows, dataVersion: outcome.dataVersion, ms: Math.round(performance.now() - started) },
      'loaded demo data into an empty store on request',
    );
    return outcome;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
