import os from 'node:os';
import { warmInbox } from '../actions/inbox-model';
import { Refusal } from '../runtime/refusal';
import {
  cachedSummary,
  ParamsError,
  readLockHolderSync,
  resolveParams,
  runKey,
  runPipeline,
  type HeldLock,
  type LockHolder as PipelineLockHolder,
  type PipelineParams,
  type RunLock,
} from '../pipeline';
import type { Store } from '../store';
import type { PipelineRunner, RunRequest } from './runner';
import type { LockHolder } from './types';

function lockHolderJson(holder: PipelineLockHolder): LockHolder {
  return { pid: holder.pid, host: holder.host, since: holder.startedAt, command: holder.command, runId: holder.runId };
}

/** The refresh service's view of the real pipeline, for one store. */
export function pipelineRunner(store: Store): PipelineRunner<PipelineParams> {
  // Run locks taken at decision time (database mode), by run id, until their run starts.
  const claims = new Map<string, HeldLock>();
  const shared = store.runLock;
  return {
    normalizeParams(input) {
      if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new Refusal('bad_input', 'bad_request', '"params" must be an object like {"period":"week","horizon":26}');
      }
      const { period, horizon, ...rest } = input as Record<string, unknown>;
      const unknown = Object.keys(rest);
      if (unknown.length > 0) throw new Refusal('bad_input', 'bad_request', `unknown parameter "${unknown[0]}" in params`);
      if (period !== undefined && typeof period !== 'string') throw new Refusal('bad_input', 'bad_request', 'params.period must be a string');
      if (horizon !== undefined && typeof horizon !== 'number') throw new Refusal('bad_input', 'bad_request', 'params.horizon must be a number');
      try {
        return resolveParams({ period: period as PipelineParams['period'] | undefined, horizon });
      } catch (err) {
        if (err instanceof ParamsError) throw new Refusal('bad_input', 'bad_request', `params: ${err.message}`);
        throw err;
      }
    },
    paramsKey: (params) => `${params.period}:h${params.horizon}`,
    dataVersion: () => store.dataVersion(),
    runKey,
    async findCompleted(key) {
      const cached = await cachedSummary(store, key);
      return cached ? { runId: cached.runId, summary: cached } : undefined;
    },
    async foreignHolder() {
      const holder = store.runLock ? await store.runLock.read() : readLockHolderSync(store.dir);
      return holder && (holder.pid !== process.pid || holder.host !== os.hostname()) ? lockHolderJson(holder) : null;
    },
    claim: shared
      ? async (owner) => {
          const attempt = await shared.tryAcquire(owner);
          if (attempt.lock) {
            claims.set(owner.runId, attempt.lock);
            return { outcome: 'claimed' };
          }
          const ours = attempt.holder.pid === process.pid && attempt.holder.host === os.hostname();
          const outcome = !ours && attempt.holder.key === owner.key ? 'join' : 'busy';
          return { outcome, holder: lockHolderJson(attempt.holder) };
        }
      : undefined,
    async releaseClaim(runId) {
      const claimed = claims.get(runId);
      claims.delete(runId);
      await claimed?.release();
    },
    async run(request) {
      const claimed = claims.get(request.runId);
      claims.delete(request.runId);
      try {
        const done = await runWith(request, claimed && shared ? alreadyHeld(claimed, shared) : undefined);
        void warmInbox(store);
        return done;
      } finally {
        await claimed?.release();
      }
    },
  };

  async function runWith(request: RunRequest<PipelineParams>, lock: RunLock | undefined) {
    let waited = false;
    let acquired = false;
    const summary = await runPipeline({
      lock,
      store,
      params: request.params,
      origin: 'server',
      runId: request.runId,
      force: request.force,
      signal: request.signal,
      lockWait: 'wait',
      command: `server (${request.requestedBy})`,
      // Database mode: the server's own chunk worker (see ./chunk-worker.ts) takes this run's chunks.
      workChunks: 0,
      onLockWait: (holder) => {
        waited = true;
        request.onLockWait(lockHolderJson(holder));
      },
      onProgress: (event) => {
        if (!acquired) {
          acquired = true;
          request.onLockAcquired();
        }
        request.onProgress({
          stage: event.stage,
          done: event.done,
          total: event.total,
          rate: event.rate,
          etaSeconds: event.etaSeconds,
        });
      },
    });
    if (!acquired && waited) request.onLockAcquired();
    return { key: summary.key, summary };
  }
}

/** The database's run lock, already taken for this run when its refresh was decided. */
function alreadyHeld(held: HeldLock, lock: RunLock): RunLock {
  return { location: lock.location, tryAcquire: async () => ({ lock: held }), read: () => lock.read() };
}
