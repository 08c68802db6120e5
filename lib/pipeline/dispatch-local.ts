import type { ForecastResult } from './chunk';
import { COMPUTE_STAGES, type Dispatch } from './dispatch';
import { saveBatch } from './save-batch';
import { beforeChunk } from './test-hooks';

/**
 * The embedded store's way: chunks on this process's pool, two per thread in flight, each saved
 * as it comes back; the saves run one after another. A chunk that came back before a cancel is
 * still saved: its work is done. `afterSave` runs after each chunk's results are committed.
 */
export async function dispatchLocal(d: Dispatch, afterSave: () => void): Promise<void> {
  const { pool, signal, progress, stageSeconds } = d;
  let itemsSaved = d.itemsStored;
  let itemsComputed = d.itemsStored;
  let saving: Promise<void> = Promise.resolve();
  const inFlight = new Set<Promise<void>>();
  const limit = pool.threads * 2;
  let failure: unknown = null;
  for (let k = 0; k + 1 < d.chunks.length && !signal.aborted && failure === null; k++) {
    await beforeChunk(signal);
    const items = d.todo.slice(d.chunks[k], d.chunks[k + 1]);
    const job = pool
      .run<ForecastResult>({ kind: 'forecast', settings: d.settings, items, inputs: d.inputs }, { signal })
      .then((result) => {
        if (signal.aborted) return;
        stageSeconds.tournament += result.tournamentSeconds;
        stageSeconds.inventory += result.inventorySeconds;
        itemsComputed += items.length;
        for (const stage of COMPUTE_STAGES) progress.update(stage, itemsComputed);
        saving = saving.then(async () => {
          stageSeconds.persist += await saveBatch(d.store, d.runId, d.resultSet, result.batch, d.writes, (inserted) => {
            itemsSaved += inserted;
            progress.update('persist', itemsSaved);
          });
          afterSave();
        });
        return saving;
      })
      .catch((err: unknown) => {
        if (failure === null && !signal.aborted) failure = err;
      })
      .finally(() => inFlight.delete(job));
    inFlight.add(job);
    if (inFlight.size >= limit) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (signal.aborted) throw signal.reason;
  if (failure !== null) throw failure;
}
