import type { Store } from '../store';
import { currentResults } from './current';

/**
 * What every dashboard read model depends on: the data version (catalogue facts, counts) and the
 * run whose results are shown. Used as cache key and ETag.
 */
export function readModelVersion(store: Store, kind: string): string {
  return `${kind}:v${store.dataVersion()}:${store.reads.currentRun()?.runId ?? 'none'}`;
}
