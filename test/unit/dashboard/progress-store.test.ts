import { describe, expect, it } from 'vitest';
import { ProgressStore, type Outcome } from '@/lib/client/progress/store';
import type { RunJson } from '@/lib/service/types';

const run = (over: Partial<RunJson>): RunJson => ({
  runId: 'r1',
  key: 'v2:week:h26:r1',
  status: 'running',
  stage: 'tournament',
  done: 10,
  total: 100,
  rate: 5,
  etaSeconds: 18,
  startedAt: '2026-11-23T10:00:00.000Z',
  finishedAt: null,
  origin: 'server',
  requestedBy: 'refresh',
  ...over,
});

function store() {
  const s = new ProgressStore();
  const finished: Outcome[] = [];
  s.onFinished((o) => finished.push(o));
  return { s, finished };
}

describe('shared progress state of a tab', () => {
  it('shows a running run, then its end once, and refetches once', () => {
    const { s, finished } = store();
    s.receive({ type: 'progress', run: run({}) });
    expect(s.getSnapshot()).toMatchObject({ active: true, run: { done: 10 } });
    s.receive({ type: 'progress', run: run({ done: 60 }) });
    s.receive({ type: 'done', runId: 'r1', status: 'succeeded' });
    s.receive({ type: 'progress', run: run({ status: 'succeeded', stage: 'succeeded', done: 100 }) });
    s.receive({ type: 'done', runId: 'r1', status: 'succeeded' });
    expect(s.getSnapshot().active).toBe(false);
    expect(finished.map((o) => [o.runId, o.status])).toEqual([['r1', 'succeeded']]);
  });

  it('ignores a late progress event for a run that already ended', () => {
    const { s } = store();
    s.receive({ type: 'progress', run: run({}) });
    s.receive({ type: 'error', runId: 'r1', status: 'failed', error: 'disk full' });
    s.receive({ type: 'progress', run: run({ done: 90 }) });
    expect(s.getSnapshot()).toMatchObject({ active: false, outcome: { status: 'failed', error: 'disk full' } });
  });

  it('treats a finished snapshot on connect as history, not as news', () => {
    const { s, finished } = store();
    s.receive({ type: 'progress', run: run({ status: 'succeeded', stage: 'succeeded' }) });
    expect(s.getSnapshot().active).toBe(false);
    expect(finished).toEqual([]);
  });

  it('ends a run seen only through polling when its final state arrives', () => {
    const { s, finished } = store();
    s.receive({ type: 'progress', run: run({}) });
    s.receive({ type: 'progress', run: run({ status: 'cancelled', stage: 'cancelled', error: 'cancelled by request' }) });
    expect(finished).toMatchObject([{ runId: 'r1', status: 'cancelled', error: 'cancelled by request' }]);
  });

  it('shows this tab\'s own Refresh at once, and whom a joined run belongs to', () => {
    const { s } = store();
    s.asked({ runId: 'r2', status: 'started', key: 'k' });
    expect(s.getSnapshot()).toMatchObject({ active: true, run: { runId: 'r2', status: 'queued' }, joinedRunId: null });
    s.receive({ type: 'progress', run: run({ runId: 'r2', requestedBy: 'scheduled' }) });
    s.asked({ runId: 'r2', status: 'joined', key: 'k' });
    expect(s.getSnapshot()).toMatchObject({ joinedRunId: 'r2', run: { requestedBy: 'scheduled' } });
    s.receive({ type: 'done', runId: 'r2', status: 'succeeded' });
    expect(s.getSnapshot().joinedRunId).toBeNull();
    // An answer that arrives after its run already ended does not bring it back.
    s.asked({ runId: 'r2', status: 'joined', key: 'k' });
    expect(s.getSnapshot().active).toBe(false);
  });

  it('shows a Refresh the moment it is pressed, and takes it back when the answer is "cached" or an error', () => {
    const { s } = store();
    s.requesting();
    expect(s.getSnapshot()).toMatchObject({ active: true, run: { stage: 'queued' } });
    s.asked({ runId: 'r0', status: 'cached', key: 'k' });
    expect(s.getSnapshot()).toMatchObject({ active: false, run: null });
    s.requesting();
    s.requestFailed('401 access token required');
    expect(s.getSnapshot()).toMatchObject({ active: false, requestError: '401 access token required' });
    s.requesting();
    s.asked({ runId: 'r5', status: 'started', key: 'k' });
    expect(s.getSnapshot()).toMatchObject({ active: true, run: { runId: 'r5' } });
  });

  it('says when results were already up to date, and when the request itself failed', () => {
    const { s } = store();
    s.asked({ runId: 'r0', status: 'cached', key: 'k' });
    expect(s.getSnapshot().cachedAt).not.toBeNull();
    s.requestFailed('the server is shutting down');
    expect(s.getSnapshot()).toMatchObject({ requestError: 'the server is shutting down', cachedAt: null });
    s.dismissNotices();
    expect(s.getSnapshot()).toMatchObject({ requestError: null, outcome: null });
  });
});
