import { dataVersion, type Db } from '../store';
import { currentResults } from './current';

/**
 * What every dashboard read model depends on: the data version (catalogue facts, counts) and the
 * run whose results are shown. Used as cache key and ETag.
 */
export function readModelVersion(db: Db, kind: string): string {
  return `${kind}:v${dataVersion(db)}:${currentResults(db)?.info.runId ?? 'none'}`;
}
