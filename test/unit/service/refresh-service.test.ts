import { describe, expect, it } from 'vitest';
import { serviceMetrics } from '@/lib/service/metrics';
import { RefreshService } from '@/lib/service/refresh-service';
import type { PipelineRunner, RunRequest } from '@/lib/service/runner';
import type { HubEvent } from '@/lib/service/types';

/**
 * The coordination rules against a scripted pipeline: each run waits until the test releases it,
 * so every interleaving below is exact. The real pipeline is exercised by the integration tests.
 */
interface Params {
  period: string;
}

function scriptedRunner() {
  let version = 1;
  const completed = new Map<string, { runId: string; summary: unknown }>();
  const calls: RunRequest<Params>[] = [];
  const gates: { resolve: () => void; reject: (e: Error) => void }[] = [];
  const runner: PipelineRunner<Params> = {
    normalizeParams: (input) => ({ period: (input as { period?: string }).period ?? 'week' }),
    paramsKey: (p) => p.period,
    dataVersion: async () => version,
    runKey: (v, p) => `v${v}:${p.period}`,
    findCompleted: async (key) => completed.get(key),
    foreignHolder: async () => null,
    async run(request) {
      calls.push(request);
      const key = `v${version}:${request.params.period}`;
      request.onLockAcquired();
      request.signal.throwIfAborted();
      request.onProgress({ stage: 'forecast', done: 1, total: 2, rate: 1, etaSeconds: 1 });
      await new Promise<void>((resolve, reject) => {
        gates.push({ resolve, reject });
        request.signal.addEventListener('abort', () => reject(request.signal.reason as Error));
      });
      completed.set(key, { runId: request.runId, summary: { items: 2 } });
      return { key, summary: { items: 2 } };
    },
  };
  return {
    runner,
    calls,
    bumpVersion: () => version++,
    release: async (i = 0) => {
      await waitFor(() => gates.length > i);
      gates[i]!.resolve();
    },
    fail: async (i = 0) => {
      await waitFor(() => gates.length > i);
      gates[i]!.reject(new Error('injected failure'));
    },
  };
}

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await new Promise((r) => setTimeout(r, 1));
}

describe('RefreshService', () => {
  it('joins 200 concurrent refreshes to one run, then answers from the cache', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const answers = await Promise.all(Array.from({ length: 200 }, () => service.refresh({})));
    expect(answers[0]!.status).toBe('started');
    expect(answers.slice(1).every((a) => a.status === 'joined')).toBe(true);
    expect(new Set(answers.map((a) => a.runId)).size).toBe(1);
    await s.release();
    const done = await service.settled(answers[0]!.runId);
    expect(done?.status).toBe('succeeded');
    expect(s.calls).toHaveLength(1);
    expect(await service.refresh({})).toEqual({ runId: answers[0]!.runId, status: 'cached', key: 'v1:week' });
    expect((await service.refresh({ force: true })).status).toBe('started');
  });

  it('coalesces any number of requests for newer data into one follow-up run', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const first = await service.refresh({});
    await waitFor(() => s.calls.length === 1); // the first run has read version 1
    s.bumpVersion();
    const queued = await Promise.all(Array.from({ length: 50 }, () => service.refresh({})));
    expect(queued.every((a) => a.status === 'queued')).toBe(true);
    expect(new Set(queued.map((a) => a.runId)).size).toBe(1);
    expect(service.queueDepth).toBe(1);
    await s.release(0);
    await waitFor(() => s.calls.length === 2);
    await s.release(1);
    expect((await service.settled(queued[0]!.runId))?.status).toBe('succeeded');
    expect(s.calls).toHaveLength(2);
    expect(s.calls[1]!.runId).toBe(queued[0]!.runId);
    expect(first.runId).not.toBe(queued[0]!.runId);
  });

  it('runs interactive follow-ups before scheduled ones', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    await service.refresh({});
    const scheduled = await service.refresh({ params: { period: 'month' }, priority: 'scheduled' });
    const interactive = await service.refresh({ params: { period: 'day' } });
    await s.release(0);
    await waitFor(() => s.calls.length === 2);
    expect(s.calls[1]!.runId).toBe(interactive.runId);
    await s.release(1);
    await waitFor(() => s.calls.length === 3);
    expect(s.calls[2]!.runId).toBe(scheduled.runId);
    await s.release(2);
  });

  it('reports a failure to every subscriber, caches nothing, and starts afresh next time', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const events: HubEvent[][] = [[], [], []];
    events.forEach((list) => service.hub.subscribe((e) => list.push(e)));
    const a = await service.refresh({});
    await s.fail();
    expect((await service.settled(a.runId))?.status).toBe('failed');
    for (const list of events) {
      expect(list.at(-1)).toEqual({ event: 'error', data: { runId: a.runId, status: 'failed', error: 'injected failure' } });
    }
    const b = await service.refresh({});
    expect(b.status).toBe('started');
    expect(b.runId).not.toBe(a.runId);
    await s.release(1);
    await service.settled(b.runId);
  });

  it('keeps running when 99 of 100 subscribers leave; cancel reaches all who stay', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const received: HubEvent[][] = Array.from({ length: 100 }, () => []);
    const unsubscribe = received.map((list) => service.hub.subscribe((e) => list.push(e)));
    const a = await service.refresh({});
    unsubscribe.slice(0, 99).forEach((u) => u());
    expect(service.get(a.runId)?.status).toBe('running');
    service.cancel(a.runId);
    expect((await service.settled(a.runId))?.status).toBe('cancelled');
    expect(received[99]!.at(-1)).toMatchObject({ event: 'done', data: { runId: a.runId, status: 'cancelled' } });
    expect(received[0]!.some((e) => e.event === 'done')).toBe(false);
    expect(service.hub.subscriberCount).toBe(1);
  });

  it('sends a subscriber who joins mid-run the latest snapshot first', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const a = await service.refresh({});
    await waitFor(() => s.calls.length === 1);
    const seen: HubEvent[] = [];
    service.hub.subscribe((e) => seen.push(e));
    expect(seen[0]).toMatchObject({ event: 'progress', data: { runId: a.runId, stage: 'forecast', done: 1, total: 2 } });
    await s.release();
    await service.settled(a.runId);
    expect(seen.at(-1)).toMatchObject({ event: 'done', data: { runId: a.runId, status: 'succeeded' } });
  });

  it('refuses new work during shutdown and stops the active run', async () => {
    const s = scriptedRunner();
    const service = new RefreshService(s.runner, serviceMetrics());
    const a = await service.refresh({});
    s.bumpVersion();
    const q = await service.refresh({});
    await waitFor(() => s.calls.length === 1);
    await service.shutdown();
    expect(service.get(a.runId)?.status).toBe('cancelled');
    expect(service.get(q.runId)?.status).toBe('cancelled');
    await expect(service.refresh({})).rejects.toThrow('shutting down');
  });
});
