import type { Store } from '../store';

/**
 * What every dashboard read model depends on: the data version (catalogue facts, counts) and the
 * run whose results are shown. Used as cache key and ETag.
 */
export async function readModelVersion(store: Store, kind: string): Promise<string> {
  const version = await store.dataVersion();
  return `${kind}:v${version}:${(await store.reads.currentRun())?.runId ?? 'none'}`;
}
