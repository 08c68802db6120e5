import { getService, type HubEvent } from '@/lib/service';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const HEARTBEAT_MS = 10_000;

/**
 * Server-Sent Events for whatever run is current: the latest snapshot on connect, then live
 * `progress`, and `done` or `error` at the end. A comment line every 10 s keeps proxies and the
 * browser from closing an idle stream. Leaving (tab closed) only unsubscribes: the run goes on.
 */
export function GET(request: Request): Response {
  const hub = getService().refresh.hub;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      const unsubscribe = hub.subscribe((e: HubEvent) => {
        send(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
        if (e.event === 'shutdown') {
          cleanup();
          controller.close();
        }
      });
      const heartbeat = setInterval(() => send(`: heartbeat ${new Date().toISOString()}\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.signal.addEventListener('abort', () => cleanup(), { once: true });
      send(`retry: 2000\n: connected\n\n`);
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    },
  });
}
