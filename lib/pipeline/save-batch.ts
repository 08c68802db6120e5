import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ItemResultBatch, Store, StoreWriteOptions } from '../store';

/** Items per result transaction: a few ms of the main thread each, then other work gets a turn. */
const ITEMS_PER_COMMIT = 32;

/**
 * Commits a computed chunk's results, a few items per transaction with a turn of the event loop
 * between, each fenced by the run's claim (RunClaimLostError once the run is over) and
 * idempotent (an item stored before is skipped and not counted). `onCommit` hears how many
 * items each transaction added. Resolves with the seconds spent committing.
 */
export async function saveBatch(
  store: Store,
  runId: string,
  resultSet: number,
  batch: ItemResultBatch,
  writes: StoreWriteOptions,
  onCommit?: (inserted: number) => void,
): Promise<number> {
  let seconds = 0;
  for (let from = 0; from < batch.count; from += ITEMS_PER_COMMIT) {
    const to = Math.min(batch.count, from + ITEMS_PER_COMMIT);
    const { ms, inserted } = await store.runs.saveResults(runId, resultSet, batch, from, to, writes);
    seconds += ms / 1000;
    onCommit?.(inserted);
    await nextTurn();
  }
  return seconds;
}
