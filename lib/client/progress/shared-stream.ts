import type { RunJson, RunStatus } from '@/lib/service/types';
import { getJson } from '../http';
import { fetchRuns } from '../runs';
import { isActive, type ProgressMessage, type ProgressStore } from './store';

/**
 * One progress stream per browser, not per tab (browsers allow six HTTP/1.1 connections per host):
 * the tab holding the Web Lock `stockcast-progress-leader` opens the EventSource and relays every
 * event over the BroadcastChannel `stockcast-progress`; the other tabs listen. When the leader tab
 * closes, the browser releases its lock and the next waiting tab takes over (the server sends the
 * current snapshot on connect, so nothing is missed). Where Web Locks, BroadcastChannel or
 * EventSource are missing, each tab polls `/api/runs?limit=1` once a second instead.
 */
export const LEADER_LOCK = 'stockcast-progress-leader';
export const CHANNEL = 'stockcast-progress';
const POLL_MS = 1000;
/** A run seen active with no news for this long is asked about directly (a missed final event). */
const RECONCILE_SILENCE_MS = 8000;

type ChannelMessage =
  | { kind: 'event'; message: ProgressMessage }
  /** A tab just opened: the leader answers with the current run. */
  | { kind: 'hello' }
  /** Data changed in some tab (an import): every tab refetches. */
  | { kind: 'data-changed' };

export interface SharedProgress {
  stop(): void;
  /** Tells the other tabs that data changed (they refetch); this tab handles its own. */
  announceDataChanged(): void;
}

export function connectSharedProgress(store: ProgressStore, options: { onDataChanged: () => void }): SharedProgress {
  const supported =
    typeof navigator !== 'undefined' &&
    'locks' in navigator &&
    typeof BroadcastChannel !== 'undefined' &&
    typeof EventSource !== 'undefined';
  const reconcile = setInterval(() => void reconcileSilentRun(store), RECONCILE_SILENCE_MS / 2);
  if (!supported) {
    const stopPolling = poll(store);
    return {
      stop: () => {
        clearInterval(reconcile);
        stopPolling();
      },
      announceDataChanged: () => {},
    };
  }

  const channel = new BroadcastChannel(CHANNEL);
  const abort = new AbortController();
  let leader = false;
  channel.onmessage = (event: MessageEvent<ChannelMessage>) => {
    const data = event.data;
    if (data.kind === 'event' && !leader) store.receive(data.message);
    else if (data.kind === 'hello' && leader) {
      const run = store.getSnapshot().run;
      if (run) channel.postMessage({ kind: 'event', message: { type: 'progress', run } } satisfies ChannelMessage);
    } else if (data.kind === 'data-changed') options.onDataChanged();
  };
  store.setTransport('follower');
  channel.postMessage({ kind: 'hello' } satisfies ChannelMessage);

  navigator.locks
    .request(LEADER_LOCK, { signal: abort.signal }, () => {
      leader = true;
      store.setTransport('leader');
      const source = new EventSource('/api/progress');
      const relay = (message: ProgressMessage) => {
        store.receive(message);
        channel.postMessage({ kind: 'event', message } satisfies ChannelMessage);
      };
      source.addEventListener('progress', (event) => relay({ type: 'progress', run: JSON.parse((event as MessageEvent).data) }));
      source.addEventListener('done', (event) => {
        const data = JSON.parse((event as MessageEvent).data) as { runId: string; status: RunStatus; summary?: unknown };
        relay({ type: 'done', runId: data.runId, status: data.status, summary: data.summary });
      });
      // `event: error` from the server carries data; the EventSource's own connection errors do not
      // (it reconnects by itself, and the server's snapshot on connect fills the gap).
      source.addEventListener('error', (event) => {
        if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return;
        const data = JSON.parse(event.data) as { runId: string; status: RunStatus; error: string };
        relay({ type: 'error', runId: data.runId, status: data.status, error: data.error });
      });
      // Held until this tab goes away (the browser then releases the lock) or stop() is called.
      return new Promise<void>((release) => {
        abort.signal.addEventListener('abort', () => {
          source.close();
          release();
        });
      });
    })
    .catch(() => {
      // Aborted while waiting (stop() before this tab became leader).
    });

  return {
    stop: () => {
      clearInterval(reconcile);
      abort.abort();
      channel.close();
    },
    announceDataChanged: () => channel.postMessage({ kind: 'data-changed' } satisfies ChannelMessage),
  };
}

/** Fallback: asks for the newest run once a second, and for the final state of one that moved on. */
function poll(store: ProgressStore): () => void {
  store.setTransport('polling');
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    try {
      const [newest] = await fetchRuns(1);
      const shown = store.getSnapshot().run;
      if (shown && isActive(shown) && newest?.runId !== shown.runId) {
        store.receive({ type: 'progress', run: await getJson<RunJson>(`/api/runs/${encodeURIComponent(shown.runId)}`) });
      }
      if (newest) store.receive({ type: 'progress', run: newest });
    } catch {
      // Server away for a moment: the next tick tries again.
    }
    if (!stopped) timer = setTimeout(tick, POLL_MS);
  };
  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A run shown as active with no news for a while is looked up directly. */
async function reconcileSilentRun(store: ProgressStore): Promise<void> {
  const { run, active } = store.getSnapshot();
  if (!run || !active || store.silenceMs() < RECONCILE_SILENCE_MS) return;
  try {
    store.receive({ type: 'progress', run: await getJson<RunJson>(`/api/runs/${encodeURIComponent(run.runId)}`) });
  } catch {
    // Unknown to the server (restarted): leave it to the stream.
  }
}
